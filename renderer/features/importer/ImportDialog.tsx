import { describeGranularity } from '../../../shared/importer/grouping';
import { FileDialog } from '../../widgets/FileDialog';
import { JobProgress } from '../../widgets/JobProgress';
import { Modal } from '../../widgets/Modal';
import { useActions } from '../../state/actionsContext';
import {
  cancelImport,
  chooseImportFolder,
  closeImportDialog,
  GRANULARITY_LABELS,
  setImportDir,
  setImportGranularity,
  setImportFollowLinksOut,
  setImportKeepLayers,
  setImportTarget,
  startImport,
} from './importActions';
import { ImportReport } from './ImportReport';
import { SuggestionView } from './SuggestionView';
import { useImport } from '../../state/importStore';
import { useDocument } from '../../state/documentStore';
import { useUi, useWorkspace } from '../../state/uiStore';
import './importer.css';

const count = (n: number) => n.toLocaleString('en-US');

/** File > Import from Python Source (state in importActions.ts). Mounted by the start screen and the top bar. */
export function ImportDialog() {
  const step = useImport((state) => state.step);
  const workspace = useWorkspace();
  if (step.kind === 'closed') return null;
  if (step.kind === 'pick') {
    return (
      <FileDialog
        dialog={{ mode: 'open', defaultName: '', resolve: step.resolve }}
        workspace={workspace}
        folderMode
        title="Choose the folder to import"
        confirmLabel="Choose this folder"
      />
    );
  }
  if (step.kind === 'running') return <Running {...step} />;
  if (step.kind === 'report') return <Imported />;
  return <Setup />;
}

const modulesWord = (n: number) => `${count(n)} ${n === 1 ? 'module' : 'modules'}`;

/** The granularity; after an import each choice says how many modules it gives ("Automatic: depth 2, 39 modules"). */
function GranularityField() {
  const granularity = useImport((state) => state.granularity);
  const busy = useImport((state) => state.busy);
  const grouping = useImport((state) => (state.step.kind === 'report' ? (state.summary?.grouping ?? null) : null));
  const label = (value: string, text: string): string => {
    if (grouping === null) return text;
    if (value === 'auto') {
      const chosen = grouping.asked === 'auto' ? grouping.granularity : null;
      const n = grouping.options.find((o) => o.granularity === chosen)?.modules;
      return chosen && n !== undefined ? `Automatic: ${describeGranularity(chosen)}, ${modulesWord(n)}` : text;
    }
    const n = grouping.options.find((o) => o.granularity === value)?.modules;
    return n === undefined ? text : `${text}: ${modulesWord(n)}`;
  };
  const offered = GRANULARITY_LABELS.filter(
    (o) => o.value !== 'app' || grouping === null || grouping.options.some((x) => x.granularity === 'app') || granularity === 'app',
  );
  return (
    <label className="field">
      <span>Modules by</span>
      <select value={granularity} disabled={busy} onChange={(event) => void setImportGranularity(event.target.value as typeof granularity)}>
        {offered.map((option) => (
          <option key={option.value} value={option.value}>
            {label(option.value, option.label)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Layer packages (api/, admin/, ...) attributed to their domains, or kept as modules. */
function LayersField() {
  const keepLayers = useImport((state) => state.keepLayers);
  const busy = useImport((state) => state.busy);
  return (
    <label className="import-layers">
      <input type="checkbox" checked={!keepLayers} disabled={busy} onChange={(event) => void setImportKeepLayers(!event.target.checked)} />{' '}
      Attribute layer packages (api/, admin/, graphql/, models/…) to their domains
    </label>
  );
}

/** Desktop app only: links out of the folder are listed in the report, not read, unless the person allows it. */
function LinksField() {
  const isDesktop = useUi((state) => state.info?.host === 'electron');
  const followLinksOut = useImport((state) => state.followLinksOut);
  const busy = useImport((state) => state.busy);
  if (!isDesktop) return null;
  return (
    <label className="import-layers">
      <input type="checkbox" checked={followLinksOut} disabled={busy} onChange={(event) => setImportFollowLinksOut(event.target.checked)} />{' '}
      Follow symbolic links that lead out of the folder
    </label>
  );
}

function ErrorLine() {
  const error = useImport((state) => state.error);
  return error ? (
    <p role="alert" className="error-text">
      {error}
    </p>
  ) : null;
}

function Setup() {
  const actions = useActions();
  const dir = useImport((state) => state.dir);
  const target = useImport((state) => state.target);
  const busy = useImport((state) => state.busy);
  const projectName = useDocument((state) => state.project?.name ?? null);
  const start = () => void startImport(actions.guard);
  const footer = (
    <>
      <span className="spacer" />
      <button type="button" onClick={closeImportDialog}>
        Cancel
      </button>
      <button type="button" className="primary" disabled={busy || dir.trim() === ''} onClick={start}>
        Import
      </button>
    </>
  );
  return (
    <Modal title="Import from Python source" onCancel={closeImportDialog} footer={footer} wide>
      <form
        className="import-setup"
        onSubmit={(event) => {
          event.preventDefault();
          start();
        }}
      >
        <div className="import-folder">
          <label className="field">
            <span>Source folder</span>
            <input
              data-autofocus
              value={dir}
              placeholder="The monolith’s source folder"
              onChange={(event) => setImportDir(event.target.value)}
            />
          </label>
          <button type="button" onClick={() => void chooseImportFolder()}>
            Choose folder…
          </button>
        </div>
        <GranularityField />
        <LayersField />
        <LinksField />
        <fieldset className="import-target">
          <legend>Import into</legend>
          <label>
            <input type="radio" name="import-target" checked={target === 'new'} onChange={() => setImportTarget('new')} /> A new project
          </label>
          <label>
            <input
              type="radio"
              name="import-target"
              checked={target === 'reimport'}
              disabled={projectName === null}
              onChange={() => setImportTarget('reimport')}
            />{' '}
            Re-import into the open project{projectName ? ` (${projectName}): services keep the modules that still exist` : ''}
          </label>
        </fieldset>
        <p className="hint">
          Python files are read in the background; .gitignore, virtualenvs and build folders are skipped. Tests, migrations, scripts, docs
          and examples are read and reported but never become modules.
        </p>
      </form>
      <ErrorLine />
    </Modal>
  );
}

function Running({ done, total, message, cancelling }: { done: number; total: number; message: string; cancelling: boolean }) {
  const text = cancelling ? 'Cancelling the import…' : total === 0 ? message : `${count(done)} of ${count(total)} files`;
  return (
    <Modal title="Importing Python source" onCancel={cancelImport} footer={null} wide>
      <JobProgress
        label="Files scanned"
        done={done}
        total={total}
        text={text}
        cancelLabel="Cancel import"
        cancelling={cancelling}
        onCancel={cancelImport}
      />
    </Modal>
  );
}

function Imported() {
  const footer = (
    <>
      <span className="spacer" />
      <button type="button" className="primary" data-autofocus onClick={closeImportDialog}>
        Done
      </button>
    </>
  );
  return (
    <Modal title="Python source imported" onCancel={closeImportDialog} footer={footer} wide>
      <div className="import-result">
        <div className="import-report-head">
          <GranularityField />
          <LayersField />
        </div>
        <ImportReport />
        <SuggestionView />
      </div>
      <ErrorLine />
    </Modal>
  );
}
