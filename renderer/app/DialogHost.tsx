import { DependencyFormDialog } from '../features/monolith/DependencyFormDialog';
import { ConflictDialog } from './ConflictDialog';
import { FileDialog } from '../widgets/FileDialog';
import { MoveToServiceDialog } from './MoveToServiceDialog';
import { NewProjectDialog } from './NewProjectDialog';
import { UnsavedDialog } from './UnsavedDialog';
import { useDialog } from '../state/dialogStore';
import { useWorkspace } from '../state/uiStore';

/** The one place a modal question is shown (see state/dialogStore.ts). */
export function DialogHost() {
  const dialog = useDialog();
  const workspace = useWorkspace();
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'unsaved':
      return <UnsavedDialog key={dialog.id} dialog={dialog} />;
    case 'conflict':
      return <ConflictDialog key={dialog.id} dialog={dialog} />;
    case 'new-project':
      return <NewProjectDialog key={dialog.id} dialog={dialog} />;
    case 'file':
      return <FileDialog key={dialog.id} dialog={dialog} workspace={workspace} />;
    case 'dependency':
      return <DependencyFormDialog key={dialog.id} from={dialog.from} onClose={() => dialog.resolve(null)} />;
    case 'move':
      return <MoveToServiceDialog key={dialog.id} dialog={dialog} />;
  }
}
