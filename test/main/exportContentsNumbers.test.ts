import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenPhaseProject } from '../../bench/pdfExport.bench';
import { createChromiumPrinter, type PdfPrinter } from '../../main/services/export/chromiumPrinter';
import { exportProject } from '../../main/services/export/exportProject';
import { fillContentsPageNumbers } from '../../main/services/export/pdfContentsNumbers';
import { countPdfPages, readPdfDestinations } from '../../main/services/export/pdfPages';
import { planMigration } from '../../shared/planning/planner';
import { renderReportHtml, reportSections } from '../../shared/report/reportHtml';

/** How a rendered report shows it carries placeholders. */
const PAGE_NUMBER_PLACEHOLDER_CLASS = 'page-number placeholder';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// The contents' page numbers written into the printed PDF (pdfContentsNumbers.ts), checked against what
// Chromium prints with the same numbers in the page: the same words at the same places, the same pages.

const generatedOn = '2026-11-25';
const printer = createChromiumPrinter({ env: {}, candidates: ['/usr/bin/chromium'] });
const sample = loadSampleProject();
const plan = planMigration(sample);
const ids = reportSections(plan).map((section) => section.id);

let dir: string;
const write = async (name: string, bytes: Uint8Array) => {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
};
const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

/** The words of a page as pdftotext -bbox finds them: text and box, in points. */
function wordsOn(file: string, page: number): { text: string; box: number[] }[] {
  const html = poppler('pdftotext', '-bbox', '-f', String(page), '-l', String(page), file, '-');
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
    text: match[5]!,
    box: match.slice(1, 5).map(Number),
  }));
}

/** Same words in the same order, each box within a tenth of a point. */
function expectSameWords(actual: ReturnType<typeof wordsOn>, expected: ReturnType<typeof wordsOn>) {
  expect(actual.map((word) => word.text)).toEqual(expected.map((word) => word.text));
  actual.forEach((word, i) => word.box.forEach((value, k) => expect(Math.abs(value - expected[i]!.box[k]!), word.text).toBeLessThan(0.1)));
}

let withPlaceholders: Uint8Array;
let numbers: (number | null)[];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-contents-numbers-'));
  withPlaceholders = await printer.print(renderReportHtml(sample, plan, { generatedOn, pageNumberPlaceholders: true }));
  const found = readPdfDestinations(withPlaceholders);
  numbers = ids.map((id) => found.get(id) ?? null);
}, 120_000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('fillContentsPageNumbers', () => {
  it('writes each page number where its placeholder was: the words and places of a print with the numbers in the page', async () => {
    expect(numbers.every((number) => number !== null && number > 2)).toBe(true);
    const filled = fillContentsPageNumbers(withPlaceholders, numbers);
    expect(filled).not.toBeNull();
    const pageNumbers = Object.fromEntries(ids.map((id, i) => [id, numbers[i]!]));
    const reference = await printer.print(renderReportHtml(sample, plan, { generatedOn, pageNumbers }));
    const [filledFile, referenceFile] = [await write('filled.pdf', filled!), await write('reference.pdf', reference)];
    // The contents page reads the same, the numbers right-aligned where Chromium puts them.
    expectSameWords(wordsOn(filledFile, 2), wordsOn(referenceFile, 2));
    expect(poppler('pdftotext', '-layout', filledFile, '-')).toBe(poppler('pdftotext', '-layout', referenceFile, '-'));
    // The rest of the file is untouched: an incremental update after the printed bytes, still tagged.
    expect(Buffer.from(filled!.subarray(0, withPlaceholders.byteLength)).equals(Buffer.from(withPlaceholders))).toBe(true);
    expect(poppler('pdfinfo', filledFile)).toMatch(/^Tagged:\s+yes$/m);
    expect(readPdfDestinations(filled!)).toEqual(readPdfDestinations(withPlaceholders));
  });

  it('leaves an entry blank for a section the PDF names no page for', async () => {
    const filled = fillContentsPageNumbers(withPlaceholders, [null, ...numbers.slice(1)]);
    const contents = poppler('pdftotext', '-layout', '-f', '2', '-l', '2', await write('blank.pdf', filled!), '-');
    expect(contents).toMatch(/^\s*Executive summary\s*$/m);
    expect(contents).toMatch(new RegExp(`^\\s*Appendix: modules\\s+${numbers.at(-1)}\\s*$`, 'm'));
    expect(contents).not.toContain('000');
  });

  it('gives null when the PDF is not one it can edit safely, so that the caller prints again', async () => {
    expect(fillContentsPageNumbers(withPlaceholders, numbers.slice(1))).toBeNull(); // one number short
    expect(fillContentsPageNumbers(withPlaceholders, [1234, ...numbers.slice(1)])).toBeNull(); // wider than the placeholder
    expect(fillContentsPageNumbers(withPlaceholders.subarray(0, withPlaceholders.byteLength - 200), numbers)).toBeNull(); // cut short
    const plain = await printer.print(renderReportHtml(sample, plan, { generatedOn })); // no placeholders
    expect(fillContentsPageNumbers(plain, numbers)).toBeNull();
  }, 60_000);
});

describe('exportProject with a PDF it cannot edit', () => {
  it('prints again with the numbers in the page: the contents names the page of each section, no placeholder left', async () => {
    const printed: string[] = [];
    const steps: string[] = [];
    // Bytes after the end of file: not a PDF this writes into.
    const odd: PdfPrinter = {
      chromiumPdf: true,
      async print(html) {
        printed.push(html.includes(PAGE_NUMBER_PLACEHOLDER_CLASS) ? 'placeholders' : 'numbers');
        return new Uint8Array(Buffer.concat([await printer.print(html), Buffer.from('% appended\n')]));
      },
    };
    const target = path.join(dir, 'odd.pdf');
    await exportProject({
      project: sample,
      format: 'pdf',
      path: target,
      overwrite: true,
      printer: odd,
      generatedOn,
      onStep: ({ step, steps: of, stage }) => steps.push(`${stage} ${step}/${of}`),
    });
    expect(printed).toEqual(['placeholders', 'numbers']);
    expect(steps).toEqual(['planning 1/4', 'rendering 2/4', 'printing 3/4', 'printing 4/5', 'writing 5/5']);
    const contents = poppler('pdftotext', '-layout', '-f', '2', '-l', '2', target, '-');
    expect(contents).not.toContain('000');
    const destinations = readPdfDestinations(new Uint8Array(await fs.readFile(target)));
    for (const section of reportSections(plan))
      expect(contents).toMatch(new RegExp(`^\\s*${section.title}\\s+${destinations.get(section.id)}\\s*$`, 'm'));
  }, 60_000);
});

describe('the 200-service, 10-phase report printed once', () => {
  it('has the pages, destinations and text of a print with the contents’ numbers in the page', async () => {
    const project = tenPhaseProject();
    const large = planMigration(project);
    const target = path.join(dir, 'large.pdf');
    const exported = await exportProject({ project, format: 'pdf', path: target, overwrite: true, printer, generatedOn });
    const once = new Uint8Array(await fs.readFile(target));
    const destinations = readPdfDestinations(once);
    const pageNumbers = Object.fromEntries(reportSections(large).map((section) => [section.id, destinations.get(section.id)!]));
    expect(Object.values(pageNumbers).every((page) => page > 2)).toBe(true);
    const reference = await printer.print(renderReportHtml(project, large, { generatedOn, pageNumbers }));
    const referenceFile = await write('large-reference.pdf', reference);
    expect(exported.pages).toBe(countPdfPages(reference));
    expect(destinations).toEqual(readPdfDestinations(reference));
    expectSameWords(wordsOn(target, 2), wordsOn(referenceFile, 2));
    // Every page reads the same, word for word and line for line.
    expect(poppler('pdftotext', '-layout', target, '-')).toBe(poppler('pdftotext', '-layout', referenceFile, '-'));
  }, 300_000);
});
