import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { ExportFormat } from '../../shared/api/contract';
import { defaultSaveName, withCarveExtension } from './argv';
import { EXPORT_FILTERS, withExtension } from './exportFilters';

// Native open and save dialogs, attached to the window (sheets on macOS): projects filtered to .carve, exports
// to their format's extension.

const CARVE_FILTERS = [{ name: 'Carve project', extensions: ['carve'] }];

export interface NativeDialogs {
  open(): Promise<string | null>;
  save(defaultName: string): Promise<string | null>;
  /** The save dialog of File > Export... for one format. */
  export(defaultName: string, format: ExportFormat): Promise<string | null>;
  /** The folder dialog of File > Import from Python Source… */
  folder(): Promise<string | null>;
}

export function createDialogs(getWindow: () => BrowserWindow | null): NativeDialogs {
  const showSave = async (options: SaveDialogOptions) => {
    const window = getWindow();
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  };
  /**
   * The dialog confirmed replacing the name the user typed; when Carve added the extension, the final path is
   * another file, so ask again if it exists (the renderer then saves with overwrite on).
   */
  const confirmAdded = async (chosen: string, final: string): Promise<string | null> => {
    if (final === chosen || !existsSync(final)) return final;
    const window = getWindow();
    const options = {
      type: 'question' as const,
      buttons: ['Replace', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: `${basename(final)} already exists. Replace it?`,
    };
    const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    return response === 0 ? final : null;
  };
  return {
    async open() {
      const window = getWindow();
      const options = { title: 'Open Carve Project', filters: CARVE_FILTERS, properties: ['openFile' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async save(defaultName) {
      const chosen = await showSave({
        title: 'Save Carve Project',
        defaultPath: defaultSaveName(defaultName.replace(/\.carve$/i, '')),
        filters: CARVE_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return chosen === null ? null : confirmAdded(chosen, withCarveExtension(chosen));
    },
    async folder() {
      const window = getWindow();
      const options = { title: 'Import from Python Source', buttonLabel: 'Import', properties: ['openDirectory' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async export(defaultName, format) {
      const filter = EXPORT_FILTERS[format];
      const chosen = await showSave({
        title: 'Export Roadmap',
        defaultPath: withExtension(defaultSaveName(defaultName).replace(/\.carve$/i, ''), format),
        filters: [filter],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return chosen === null ? null : confirmAdded(chosen, withExtension(chosen, format));
    },
  };
}
