import { useEffect, useState } from 'react';
import type { DirListing } from '../../shared/api/contract';
import { api } from '../platform/bridge';
import { errorText } from '../platform/messages';
import { breadcrumbs, CARVE_EXTENSION, fileNameProblem, joinPath, withExtension } from '../platform/paths';
import { Modal } from './Modal';

/** What the dialog is asked (a file question of state/dialogStore.ts has this shape), and how it answers. */
interface FileRequest {
  mode: 'open' | 'save';
  defaultName: string;
  /** The chosen path, and whether the person agreed to replace an existing file; null when cancelled. */
  resolve(answer: { path: string; overwrite: boolean } | null): void;
}

interface FileDialogOptions {
  /** The browser host's workspace folder: the root of the breadcrumbs (null until the host has said it). */
  workspace: string | null;
  /** The extension a saved name gets (".carve" unless given: File > Export passes its format's). */
  extension?: string;
  title?: string;
  confirmLabel?: string;
  /** Pick a folder rather than a file (Import from Python Source): only folders are listed; the one shown is chosen. */
  folderMode?: boolean;
}

/** The in-app Open / Save As dialog over the browser host's workspace folder (used when there are no native dialogs). */
export function FileDialog({
  dialog,
  workspace: root,
  extension = CARVE_EXTENSION,
  title,
  confirmLabel,
  folderMode = false,
}: { dialog: FileRequest } & FileDialogOptions) {
  const isSave = dialog.mode === 'save' && !folderMode;
  const [dir, setDir] = useState<string | null>(null);
  const [listing, setListing] = useState<DirListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [fileName, setFileName] = useState(dialog.defaultName);
  const [replace, setReplace] = useState<{ name: string; path: string } | null>(null);
  // Enter pressed before the folder was listed: confirmed as soon as the listing arrives (it says what exists).
  const [confirmWhenListed, setConfirmWhenListed] = useState(false);

  useEffect(() => {
    let live = true;
    setError(null);
    void api()
      ['fs:list']({ dir })
      .then((result) => {
        if (!live) return;
        if (result.ok) setListing(result.value);
        else setError(errorText(result.error));
      });
    return () => {
      live = false;
    };
  }, [dir]);

  const cancel = () => dialog.resolve(null);
  const files = folderMode ? [] : (listing?.entries.filter((e) => e.kind === 'file') ?? []);
  const folders = listing?.entries.filter((e) => e.kind === 'dir') ?? [];
  const problem = isSave ? fileNameProblem(fileName) : null;

  const go = (next: string | null) => {
    setSelected(null);
    setReplace(null);
    setConfirmWhenListed(false);
    if (next === dir) return;
    setListing(null); // what is shown and where a name is saved are the new folder's, once it is listed
    setDir(next);
  };

  const confirm = () => {
    if (folderMode) {
      if (listing) dialog.resolve({ path: listing.dir, overwrite: false });
      return;
    }
    if (!isSave) {
      if (selected) dialog.resolve({ path: selected, overwrite: false });
      return;
    }
    if (problem) return;
    if (!listing) return setConfirmWhenListed(true);
    const name = withExtension(fileName, extension);
    const existing = files.find((f) => f.name === name);
    if (existing) return setReplace({ name, path: existing.path });
    dialog.resolve({ path: joinPath(listing.dir, name), overwrite: false });
  };

  useEffect(() => {
    if (!listing || !confirmWhenListed) return;
    setConfirmWhenListed(false);
    confirm();
  }, [listing, confirmWhenListed]);

  const footer = replace ? (
    <>
      <span className="spacer" />
      <button type="button" onClick={() => setReplace(null)}>
        Back
      </button>
      <button type="button" className="danger" data-autofocus onClick={() => dialog.resolve({ path: replace.path, overwrite: true })}>
        Replace
      </button>
    </>
  ) : (
    <>
      <span className="spacer" />
      <button type="button" onClick={cancel}>
        Cancel
      </button>
      <button
        type="button"
        className="primary"
        disabled={folderMode ? !listing : isSave ? !!problem || !listing : !selected}
        onClick={confirm}
      >
        {confirmLabel ?? (isSave ? 'Save' : 'Open')}
      </button>
    </>
  );

  return (
    <Modal title={title ?? (isSave ? 'Save project as' : 'Open a project')} onCancel={cancel} footer={footer} wide>
      {replace ? (
        <p role="alert">
          <strong>{replace.name}</strong> already exists in this folder. Replace it?
        </p>
      ) : (
        <>
          <nav aria-label="Folder" className="crumbs">
            {breadcrumbs(root, listing?.dir === root ? null : (listing?.dir ?? dir)).map((crumb, i, all) =>
              i === all.length - 1 ? (
                <span key={crumb.dir ?? ''} aria-current="location" className="crumb-current">
                  {crumb.label}
                </span>
              ) : (
                <span key={crumb.dir ?? ''}>
                  <button type="button" className="link" onClick={() => go(crumb.dir)}>
                    {crumb.label}
                  </button>
                  <span className="crumb-sep" aria-hidden="true">
                    ›
                  </span>
                </span>
              ),
            )}
          </nav>
          <div className="file-list" role="group" aria-label={folderMode ? 'Folders' : 'Folders and Carve files'}>
            {listing?.parent !== undefined && listing.parent !== null && (
              <button type="button" className="file-row" onClick={() => go(listing.parent)} aria-label="Up one folder">
                <span className="file-icon" aria-hidden="true">
                  ↑
                </span>{' '}
                ..
              </button>
            )}
            {folders.map((entry) => (
              <button
                type="button"
                key={entry.path}
                className="file-row"
                onClick={() => go(entry.path)}
                aria-label={`Folder ${entry.name}`}
              >
                <span className="file-icon folder" aria-hidden="true" />
                {entry.name}
              </button>
            ))}
            {files.map((entry) => (
              <button
                type="button"
                key={entry.path}
                className={selected === entry.path ? 'file-row selected' : 'file-row'}
                aria-pressed={isSave ? undefined : selected === entry.path}
                onClick={() => (isSave ? setFileName(entry.name) : setSelected(entry.path))}
                onDoubleClick={() =>
                  isSave ? setReplace({ name: entry.name, path: entry.path }) : dialog.resolve({ path: entry.path, overwrite: false })
                }
              >
                <span className="file-icon doc" aria-hidden="true" />
                {entry.name}
              </button>
            ))}
            {listing && folders.length + files.length === 0 && (
              <p className="muted empty">{folderMode ? 'No folders inside this one.' : 'No folders or .carve files here.'}</p>
            )}
            {!listing && !error && <p className="muted empty">Loading…</p>}
          </div>
          {error && (
            <p role="alert" className="error-text">
              {error}
            </p>
          )}
          {isSave && (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                confirm();
              }}
            >
              <label className="field">
                <span>File name</span>
                <input
                  data-autofocus
                  value={fileName}
                  onChange={(e) => setFileName(e.target.value)}
                  aria-invalid={!!problem}
                  aria-describedby="file-name-problem"
                />
              </label>
              <p id="file-name-problem" className="hint">
                {problem ?? `Saved as ${withExtension(fileName, extension)}`}
              </p>
            </form>
          )}
        </>
      )}
    </Modal>
  );
}
