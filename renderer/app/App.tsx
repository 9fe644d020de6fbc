import { DialogHost } from './DialogHost';
import { ExportDialog } from '../features/export/ExportDialog';
import { Frame } from './Frame';
import { StartScreen } from './StartScreen';
import { ShortcutsDialog } from './ShortcutsDialog';
import { StatusBar } from './StatusBar';
import { useHostIntegration } from './useHostIntegration';
import { useTheme } from './useTheme';
import type { Actions } from '../state/actions';
import { ActionsContext } from '../state/actionsContext';
import { useDocument } from '../state/documentStore';

export function App({ actions }: { actions: Actions }) {
  useHostIntegration(actions);
  useTheme();
  const hasProject = useDocument((state) => state.project !== null);
  return (
    <ActionsContext.Provider value={actions}>
      <div className="app">
        {hasProject ? <Frame /> : <StartScreen />}
        <StatusBar />
      </div>
      <DialogHost />
      <ExportDialog />
      <ShortcutsDialog />
    </ActionsContext.Provider>
  );
}
