import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import type { PdfPrinter } from '../services/export/chromiumPrinter';
import { REPORT_PRINT_SPEC, toElectronPrintOptions } from '../services/export/printSpec';
import { guardWebContents } from './contentsGuard';

// The app prints the report with its own Chromium: the same HTML and the same print spec as the browser host
// and the CLI (playwright-core), through Electron's webContents.printToPDF. The report is self-contained and
// has no script, so it loads in a hidden window with JavaScript off, from a temporary file (a data: URL of a
// large report would be too long).

export function createElectronPrinter(): PdfPrinter {
  return {
    // Electron's printToPDF writes with Skia, as Playwright's Chromium does: the contents' numbers go into the one print.
    chromiumPdf: true,
    async print(html, signal) {
      const dir = await mkdtemp(join(tmpdir(), 'carve-print-'));
      const file = join(dir, 'report.html');
      const window = new BrowserWindow({
        show: false,
        webPreferences: {
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          webSecurity: true,
          javascript: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      // The report has no script, but a link or a meta refresh must not take the window anywhere else.
      guardWebContents(window.webContents);
      // Cancelling destroys the hidden window: the load or the print under way fails, and the export reports the cancel.
      const stop = () => {
        if (!window.isDestroyed()) window.destroy();
      };
      signal?.addEventListener('abort', stop, { once: true });
      try {
        await writeFile(file, html, 'utf8');
        await window.loadFile(file);
        const pdf = await window.webContents.printToPDF(toElectronPrintOptions(REPORT_PRINT_SPEC));
        return new Uint8Array(pdf);
      } finally {
        signal?.removeEventListener('abort', stop);
        stop();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
