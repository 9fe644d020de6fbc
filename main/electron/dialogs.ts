import { dialog, type BrowserWindow } from 'electron';
import { defaultSaveName, withCarveExtension } from './argv';

// Native open and save dialogs, filtered to .carve files, attached to the window (sheets on macOS).

const FILTERS = [{ name: 'Carve project', extensions: ['carve'] }];

export interface NativeDialogs {
  open(): Promise<string | null>;
  save(defaultName: string): Promise<string | null>;
}

export function createDialogs(getWindow: () => BrowserWindow | null): NativeDialogs {
  return {
    async open() {
      const window = getWindow();
      const options = { title: 'Open Carve Project', filters: FILTERS, properties: ['openFile' as const] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async save(defaultName) {
      const window = getWindow();
      const options = {
        title: 'Save Carve Project',
        defaultPath: defaultSaveName(defaultName.replace(/\.carve$/i, '')),
        filters: FILTERS,
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : withCarveExtension(result.filePath);
    },
  };
}
