import fs from 'node:fs';
import path from 'node:path';
import { CarveError, describeError } from '../../../shared/api/result';
import { REPORT_PRINT_SPEC, toPlaywrightPdfOptions } from './printSpec';

// Printing the report to PDF with a Chromium found on the machine, through playwright-core (the CLI and the
// browser host). The Electron app passes its own printer (webContents.printToPDF) with the same print spec.

/** Turns the report's HTML into PDF bytes, printed with REPORT_PRINT_SPEC (Electron: toElectronPrintOptions). */
export interface PdfPrinter {
  /** Aborting `signal` may stop the print early (the caller checks it after the print in any case). */
  print(html: string, signal?: AbortSignal): Promise<Uint8Array>;
}

/** Where Chromium, Chrome or Edge usually live, after $CARVE_CHROMIUM. */
export function defaultChromiumCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => Boolean(root));
    return roots.flatMap((root) => [
      path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
}

function isExecutableFile(candidate: string): boolean {
  try {
    if (!fs.statSync(candidate).isFile()) return false;
    fs.accessSync(candidate, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface ChromiumSearch {
  /** $CARVE_CHROMIUM is read from here (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** The usual install paths, tried in order after $CARVE_CHROMIUM (default: defaultChromiumCandidates()). */
  candidates?: readonly string[];
}

/**
 * The Chromium to print with: $CARVE_CHROMIUM when it names an executable file, else the first usual install
 * path that does. Throws CarveError('unsupported') with one line saying how to set CARVE_CHROMIUM.
 */
export function findChromium(search: ChromiumSearch = {}): string {
  const env = search.env ?? process.env;
  const fromEnv = env.CARVE_CHROMIUM?.trim() || undefined;
  const candidates = [...(fromEnv ? [fromEnv] : []), ...(search.candidates ?? defaultChromiumCandidates(env))];
  const found = candidates.find(isExecutableFile);
  if (found !== undefined) return found;
  const how = 'set CARVE_CHROMIUM to the path of a Chromium or Google Chrome executable (for example CARVE_CHROMIUM=/usr/bin/chromium)';
  if (fromEnv) throw new CarveError('unsupported', `PDF export needs Chromium: CARVE_CHROMIUM=${fromEnv} is not an executable file and none was found in the usual places; ${how}`);
  throw new CarveError('unsupported', `PDF export needs Chromium and none was found in the usual places: install Chromium or Google Chrome, or ${how}`);
}

// Belt and braces on top of what Playwright passes already: no background network, no updates, no pings.
const NO_NETWORK_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-sync',
  '--no-first-run',
  '--no-pings',
  '--metrics-recording-only',
];

/**
 * A printer that launches the Chromium found by findChromium for each document and closes it afterwards.
 * The page runs no JavaScript and may load nothing from the network: the report is self-contained.
 */
export function createChromiumPrinter(search: ChromiumSearch = {}): PdfPrinter {
  return {
    async print(html, signal) {
      const executablePath = findChromium(search);
      const { chromium } = await import('playwright-core');
      let browser: Awaited<ReturnType<typeof chromium.launch>>;
      try {
        browser = await chromium.launch({ executablePath, args: NO_NETWORK_ARGS, timeout: 60_000 });
      } catch (error) {
        throw new CarveError('unsupported', `Could not start Chromium at ${executablePath} for PDF export: ${describeError(error)}`);
      }
      // Cancelling closes the browser: whatever it was doing fails, and the caller reports the cancel.
      const stop = () => void browser.close().catch(() => undefined);
      signal?.addEventListener('abort', stop, { once: true });
      try {
        if (signal?.aborted) throw new CarveError('cancelled', 'The print was cancelled');
        const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
        const page = await context.newPage();
        await page.route(/^(?!data:|about:)/, (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
        const pdf = await page.pdf(toPlaywrightPdfOptions(REPORT_PRINT_SPEC));
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } catch (error) {
        if (error instanceof CarveError) throw error;
        if (signal?.aborted) throw new CarveError('cancelled', 'The print was cancelled');
        throw new CarveError('internal', `Chromium could not print the report: ${describeError(error)}`);
      } finally {
        signal?.removeEventListener('abort', stop);
        await browser.close().catch(() => undefined);
      }
    },
  };
}
