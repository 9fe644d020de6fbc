import { titled } from '../platform/keys';
import { ImportDialog } from '../features/importer/ImportDialog';
import { openImportDialog } from '../features/importer/importActions';
import { ScenarioSwitcher } from '../features/scenarios/ScenarioSwitcher';
import { useActions } from '../state/actionsContext';
import { fileNameOf, useDocument } from '../state/documentStore';
import { openExportDialog } from '../state/exportStore';
import { togglePanel, type PanelId, useUi } from '../state/uiStore';
import { ThemeSwitch } from './ThemeSwitch';

const PANELS: { id: PanelId; label: string }[] = [
  { id: 'monolith', label: 'Monolith' },
  { id: 'inspector', label: 'Inspector' },
  { id: 'roadmap', label: 'Roadmap' },
];

export function TopBar() {
  const actions = useActions();
  const name = useDocument((state) => state.project?.name ?? '');
  const file = useDocument((state) => fileNameOf(state.filePath));
  const dirty = useDocument((state) => state.dirty);
  const panels = useUi((state) => state.panels);
  const busy = useUi((state) => state.busy);

  return (
    <header className="topbar">
      <div className="topbar-title">
        <div className="logo small" aria-hidden="true" />
        <h1 className="project-name" title={name}>
          {name}
        </h1>
        <ScenarioSwitcher />
        <span className="file-name" title={file ?? undefined}>
          {file ?? 'Not saved yet'}
          {dirty && (
            <span className="dirty-dot" role="img" aria-label="Unsaved changes">
              •
            </span>
          )}
        </span>
      </div>
      <nav className="toolbar" aria-label="File">
        <button type="button" title={titled('New project', 'file:new')} onClick={() => void actions.newProject()}>
          New
        </button>
        <button type="button" title={titled('Open a project', 'file:open')} onClick={() => void actions.open()}>
          Open
        </button>
        <button type="button" disabled={busy} title={titled('Save', 'file:save')} onClick={() => void actions.save()}>
          Save
        </button>
        <button type="button" disabled={busy} title={titled('Save As', 'file:save-as')} onClick={() => void actions.saveAs()}>
          Save As
        </button>
        <button
          type="button"
          disabled={busy}
          title={titled('Export the roadmap: PDF, HTML, Markdown, CSV, Mermaid or JSON', 'file:export')}
          onClick={() => openExportDialog()}
        >
          Export…
        </button>
        <button
          type="button"
          disabled={busy}
          title="Import modules and dependencies from Python source: a new project, or re-import into this one"
          onClick={openImportDialog}
        >
          Import…
        </button>
        <button type="button" title={titled('Close the project', 'file:close')} onClick={() => void actions.close()}>
          Close
        </button>
      </nav>
      <span className="spacer" />
      <nav className="toolbar" aria-label="View">
        {PANELS.map((panel) => (
          <button type="button" key={panel.id} className="toggle" aria-pressed={panels[panel.id]} onClick={() => togglePanel(panel.id)}>
            {panel.label}
          </button>
        ))}
        <ThemeSwitch />
      </nav>
      <ImportDialog />
    </header>
  );
}
