import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultChromiumCandidates, findChromium } from '../../main/services/export/chromiumPrinter';
import { countPdfPages, readPdfDestinations } from '../../main/services/export/pdfPages';
import { REPORT_PRINT_SPEC, toElectronPrintOptions, toPlaywrightPdfOptions } from '../../main/services/export/printSpec';
import { CarveError } from '../../shared/api/result';

// Finding Chromium, the one print spec and its two adapters, and reading pages back from PDF bytes.

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-chromium-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function executable(name: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, '#!/bin/sh\n');
  await fs.chmod(file, 0o755);
  return file;
}

function thrown(run: () => unknown): CarveError {
  try {
    run();
  } catch (error) {
    if (error instanceof CarveError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('findChromium', () => {
  it('takes $CARVE_CHROMIUM first when it is an executable file', async () => {
    const chosen = await executable('my-chrome');
    const usual = await executable('usual-chrome');
    expect(findChromium({ env: { CARVE_CHROMIUM: chosen }, candidates: [usual] })).toBe(chosen);
  });

  it('falls back to the usual paths in order, skipping missing files, folders and files that cannot run', async () => {
    const notExecutable = path.join(dir, 'plain');
    await fs.writeFile(notExecutable, '');
    const second = await executable('second');
    const third = await executable('third');
    const candidates = [path.join(dir, 'missing'), dir, notExecutable, second, third];
    expect(findChromium({ env: { CARVE_CHROMIUM: path.join(dir, 'gone') }, candidates })).toBe(second);
    expect(findChromium({ env: {}, candidates })).toBe(second);
  });

  it('says in one line how to set CARVE_CHROMIUM when none is found', () => {
    const none = thrown(() => findChromium({ env: {}, candidates: [path.join(dir, 'missing')] }));
    expect(none.code).toBe('unsupported');
    expect(none.message).not.toContain('\n');
    expect(none.message).toMatch(/^PDF export needs Chromium and none was found in the usual places: .*set CARVE_CHROMIUM to the path/);
    const wrong = thrown(() => findChromium({ env: { CARVE_CHROMIUM: '/nowhere/chrome' }, candidates: [] }));
    expect(wrong.message).not.toContain('\n');
    expect(wrong.message).toContain('CARVE_CHROMIUM=/nowhere/chrome is not an executable file');
  });

  it('knows the usual install paths of each platform', () => {
    expect(defaultChromiumCandidates({}, 'linux')).toContain('/usr/bin/chromium');
    expect(defaultChromiumCandidates({}, 'darwin')).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(defaultChromiumCandidates({ PROGRAMFILES: 'C:\\Program Files' }, 'win32')).toContain(
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    );
  });
});

describe('the print spec and its adapters', () => {
  it("prints A4 portrait with explicit margins, background, tags and outline, and none of Chromium's header templates", () => {
    expect(REPORT_PRINT_SPEC).toMatchObject({
      paper: 'A4',
      landscape: false,
      printBackground: true,
      tagged: true,
      outline: true,
      // The report draws its header and footer itself, in the page margins (a page-margin box costs far less).
      displayHeaderFooter: false,
    });
  });

  it('gives Playwright margins as CSS millimetres and its names for tags and outline', () => {
    const options = toPlaywrightPdfOptions(REPORT_PRINT_SPEC);
    expect(options).toMatchObject({
      format: 'A4',
      landscape: false,
      tagged: true,
      outline: true,
      printBackground: true,
      displayHeaderFooter: false,
      preferCSSPageSize: false,
    });
    expect(options.margin).toEqual({ top: '18mm', right: '16mm', bottom: '18mm', left: '16mm' });
  });

  it("gives Electron's printToPDF margins in inches, a page size and its names for tags and outline", () => {
    const options = toElectronPrintOptions(REPORT_PRINT_SPEC);
    expect(options).toMatchObject({
      pageSize: 'A4',
      landscape: false,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
      printBackground: true,
      displayHeaderFooter: false,
    });
    expect(options.margins.top).toBeCloseTo(18 / 25.4, 4);
    expect(options.margins.left).toBeCloseTo(16 / 25.4, 4);
  });
});

describe('reading a PDF back', () => {
  // A page tree with an intermediate node, pages listed out of object order, and a stream holding text that
  // looks like objects.
  const pdf = [
    '%PDF-1.7',
    '1 0 obj\n<</Type /Catalog\n/Pages 2 0 R\n/Dests 9 0 R>>\nendobj',
    '2 0 obj\n<</Type /Pages\n/Count 3\n/Kids [3 0 R 6 0 R]>>\nendobj',
    '3 0 obj\n<</Type /Pages\n/Count 2\n/Kids [5 0 R 4 0 R]>>\nendobj',
    '4 0 obj\n<</Type /Page\n/Parent 3 0 R>>\nendobj',
    '5 0 obj\n<</Type /Page\n/Parent 3 0 R>>\nendobj',
    '6 0 obj\n<</Type /Page\n/Parent 2 0 R>>\nendobj',
    '7 0 obj\n<</Length 44>> stream\n8 0 obj <</Type /Page>> endobj /Type /Page \nendstream\nendobj',
    '9 0 obj\n<</summary [5 0 R /XYZ 0 842 0]\n/phase-1 [4 0 R /XYZ 0 842 0]\n/appendix [6 0 R /XYZ 0 842 0]\n/odd#2Dname [6 0 R /XYZ 0 0 0]>>\nendobj',
    '%%EOF',
  ].join('\n');
  const bytes = new TextEncoder().encode(pdf);

  it('counts the leaves of the page tree, not look-alikes inside streams', () => {
    expect(countPdfPages(bytes)).toBe(3);
  });

  it('maps named destinations to pages in reading order', () => {
    expect(Object.fromEntries(readPdfDestinations(bytes))).toEqual({ summary: 1, 'phase-1': 2, appendix: 3, 'odd-name': 3 });
  });

  it('reads a long PDF whose streams come first and its page objects after, as a tagged print is laid out', () => {
    const pages = 500;
    const objects = [
      '1 0 obj\n<</Type /Catalog\n/Pages 2 0 R\n/Dests 3 0 R>>\nendobj',
      `2 0 obj\n<</Type /Pages\n/Count ${pages}\n/Kids [${Array.from({ length: pages }, (_, i) => `${10 + i} 0 R`).join(' ')}]>>\nendobj`,
      '3 0 obj\n<</last [509 0 R /XYZ 0 842 0]>>\nendobj',
      '4 0 obj\n<</Length 9>> stream\nBT ET q Q\nendstream\nendobj',
      '5 0 obj\n<</Length 6 0 R>> stream\nBT ET\nendstream\nendobj',
      '6 0 obj\n5\nendobj',
      ...Array.from({ length: pages }, (_, i) => `${10 + i} 0 obj\n<</Type /Page\n/Parent 2 0 R\n/Contents 4 0 R>>\nendobj`),
    ];
    const long = new TextEncoder().encode(['%PDF-1.7', ...objects, '%%EOF'].join('\n'));
    expect(countPdfPages(long)).toBe(pages);
    expect(readPdfDestinations(long)).toEqual(new Map([['last', 500]]));
  });

  it('finds no destinations in a PDF without /Dests', () => {
    expect(readPdfDestinations(new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n'))).toEqual(
      new Map(),
    );
  });
});
