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
  /**
   * Optional: loads the document once to print it more than once (when the contents' page numbers cannot be
   * written into the first print, a second one carries them). A printer without it prints each version afresh.
   */
  open?(html: string, signal?: AbortSignal): Promise<PrintSession>;
  /**
   * True for a printer whose PDF is written by Chromium (Skia): the contents' page numbers are then written into
   * its first print (pdfContentsNumbers.ts) instead of printing again. Any other printer prints the contents
   * blank first, then again with the numbers when its PDF names where the sections landed.
   */
  chromiumPdf?: boolean;
}

/** A document loaded once in a printer, printed, edited in place and printed again. */
export interface PrintSession {
  /** Prints the document as it stands. */
  print(): Promise<Uint8Array>;
  /** Replaces the element with this id by `html` (the report's own markup: the page runs no script of its own). */
  replace(id: string, html: string): Promise<void>;
  close(): Promise<void>;
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
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
  ];
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
  if (fromEnv)
    throw new CarveError(
      'unsupported',
      `PDF export needs Chromium: CARVE_CHROMIUM=${fromEnv} is not an executable file and none was found in the usual places; ${how}`,
    );
  throw new CarveError(
    'unsupported',
    `PDF export needs Chromium and none was found in the usual places: install Chromium or Google Chrome, or ${how}`,
  );
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
  const open = async (html: string, signal?: AbortSignal): Promise<PrintSession> => {
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
    const close = async () => {
      signal?.removeEventListener('abort', stop);
      await browser.close().catch(() => undefined);
    };
    /** Runs one step with Chromium, its failure in one line (a cancel as a cancel); any failure closes the browser. */
    const step = async <T>(run: () => Promise<T>): Promise<T> => {
      try {
        if (signal?.aborted) throw new CarveError('cancelled', 'The print was cancelled');
        return await run();
      } catch (error) {
        await close();
        if (error instanceof CarveError) throw error;
        if (signal?.aborted) throw new CarveError('cancelled', 'The print was cancelled');
        throw new CarveError('internal', `Chromium could not print the report: ${describeError(error)}`);
      }
    };
    const page = await step(async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      const opened = await context.newPage();
      await opened.route(/^(?!data:|about:)/, (route) => route.abort());
      await opened.setContent(html, { waitUntil: 'load', timeout: 120_000 });
      return opened;
    });
    const options = toPlaywrightPdfOptions(REPORT_PRINT_SPEC);
    return {
      print: () =>
        step(async () => {
          const pdf = await page.pdf(options);
          return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
        }),
      // Through the DevTools protocol (Playwright's evaluate), which the page's "no JavaScript" does not stop.
      replace: (id, markup) =>
        step(async () => {
          const found = await page.evaluate(
            ([target, text]) => {
              // Runs in the page (this project's Node types know no DOM).
              const element = (
                globalThis as unknown as { document: { getElementById(id: string): { outerHTML: string } | null } }
              ).document.getElementById(target);
              if (element) element.outerHTML = text;
              return element !== null;
            },
            [id, markup] as const,
          );
          if (!found) throw new CarveError('internal', `Chromium could not print the report: no element #${id} to replace`);
        }),
      close,
    };
  };
  return {
    open,
    chromiumPdf: true,
    async print(html, signal) {
      const session = await open(html, signal);
      try {
        return await session.print();
      } finally {
        await session.close();
      }
    },
  };
}
