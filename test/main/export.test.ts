import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createChromiumPrinter, type PdfPrinter } from '../../main/services/export/chromiumPrinter';
import { exportProject } from '../../main/services/export/exportProject';
import { countPdfPages, readPdfDestinations } from '../../main/services/export/pdfPages';
import { EXPORT_FORMATS, type ExportedFile, type ExportStep } from '../../shared/api/contract';
import { CarveError } from '../../shared/api/result';
import { phaseTitle } from '../../shared/planning/phaseNames';
import { planMigration } from '../../shared/planning/planner';
import { reportSections } from '../../shared/report/reportHtml';
import { renderTextExport } from '../../shared/report/textExport';
import { loadSampleProject } from '../../shared/samples/acmeShop';

// Real exports into temp folders; the PDF printed by /usr/bin/chromium and read back as a reader would, with
// poppler (pdftotext, pdfinfo, pdftohtml).

const sample = loadSampleProject();
const plan = planMigration(sample);
const generatedOn = '2026-11-25';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-export-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A printer that must not be reached. */
const unusedPrinter: PdfPrinter = {
  print: async () => {
    throw new Error('the printer was called');
  },
};

describe('exportProject: text formats', () => {
  it.each(EXPORT_FORMATS.filter((format) => format !== 'pdf'))('writes %s: the rendered text, its size, no page count', async (format) => {
    const target = path.join(dir, `roadmap.${format}`);
    const written = await exportProject({ project: sample, format, path: target, overwrite: false, generatedOn, printer: unusedPrinter });
    const text = await fs.readFile(target, 'utf8');
    expect(text).toBe(renderTextExport(sample, plan, format as Exclude<typeof format, 'pdf'>, { generatedOn }));
    expect(written).toEqual({ path: target, bytes: Buffer.byteLength(text), pages: null });
  });

  it('reports its steps in order, numbered of how many, in words', async () => {
    const steps: ExportStep[] = [];
    await exportProject({
      project: sample,
      format: 'md',
      path: path.join(dir, 'r.md'),
      overwrite: false,
      generatedOn,
      onStep: (step) => steps.push(step),
    });
    expect(steps).toEqual([
      { stage: 'planning', step: 1, steps: 3, words: 'Planning the migration' },
      { stage: 'rendering', step: 2, steps: 3, words: 'Rendering the Markdown' },
      { stage: 'writing', step: 3, steps: 3, words: 'Writing r.md' },
    ]);
  });

  it('a cancel stops it at the next step, writes nothing and leaves an existing file whole', async () => {
    const target = path.join(dir, 'roadmap.md');
    await fs.writeFile(target, 'keep me');
    const controller = new AbortController();
    const cancelled = exportProject({
      project: sample,
      format: 'md',
      path: target,
      overwrite: true,
      generatedOn,
      signal: controller.signal,
      onStep: ({ stage }) => stage === 'rendering' && controller.abort(),
    });
    await expect(cancelled).rejects.toMatchObject({
      code: 'cancelled',
      message: 'The export of roadmap.md was cancelled; nothing was written',
    });
    expect(await fs.readFile(target, 'utf8')).toBe('keep me');
  });

  it('a cancel during a print stops the printer, and the export ends as cancelled', async () => {
    const controller = new AbortController();
    let printing = () => {};
    const started = new Promise<void>((resolve) => (printing = resolve));
    // A printer that prints until it is stopped, as Chromium does on a large report.
    const slowPrinter: PdfPrinter = {
      print: (_html, signal) =>
        new Promise((_, reject) => {
          printing();
          signal?.addEventListener('abort', () => reject(new Error('Target page, context or browser has been closed')));
        }),
    };
    const target = path.join(dir, 'stopped.pdf');
    const cancelled = exportProject({
      project: sample,
      format: 'pdf',
      path: target,
      overwrite: false,
      generatedOn,
      printer: slowPrinter,
      signal: controller.signal,
    });
    await started;
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    await expect(fs.access(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to replace a file unless overwrite is set, before any printing, and leaves it whole', async () => {
    const target = path.join(dir, 'roadmap.pdf');
    await fs.writeFile(target, 'keep me');
    const refused = exportProject({ project: sample, format: 'pdf', path: target, overwrite: false, generatedOn, printer: unusedPrinter });
    await expect(refused).rejects.toMatchObject({ code: 'conflict', message: 'roadmap.pdf already exists' });
    expect(await fs.readFile(target, 'utf8')).toBe('keep me');
    const fake: PdfPrinter = { print: async () => new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<</Type /Page>>\nendobj\n') };
    const replaced = await exportProject({ project: sample, format: 'pdf', path: target, overwrite: true, generatedOn, printer: fake });
    expect(replaced.pages).toBe(1);
    expect((await fs.readFile(target, 'latin1')).startsWith('%PDF')).toBe(true);
  });

  it('fails with one line when the folder does not exist, and writes nothing', async () => {
    const target = path.join(dir, 'missing', 'roadmap.md');
    const failed = exportProject({ project: sample, format: 'md', path: target, overwrite: false, generatedOn });
    await expect(failed).rejects.toMatchObject({ code: 'save-failed' });
    await expect(failed).rejects.toThrow(/^Could not export roadmap\.md: the folder .*missing does not exist$/);
  });

  it('gives the one-line Chromium message when none is found, and writes nothing', async () => {
    const printer = createChromiumPrinter({
      env: { CARVE_CHROMIUM: path.join(dir, 'no-chrome') },
      candidates: [path.join(dir, 'nor-this')],
    });
    const target = path.join(dir, 'roadmap.pdf');
    const failed = exportProject({ project: sample, format: 'pdf', path: target, overwrite: false, generatedOn, printer });
    await expect(failed).rejects.toBeInstanceOf(CarveError);
    await expect(failed).rejects.toMatchObject({ code: 'unsupported' });
    await expect(failed).rejects.toThrow(
      /^PDF export needs Chromium: CARVE_CHROMIUM=.*no-chrome is not an executable file .*set CARVE_CHROMIUM to the path of a Chromium/,
    );
    await expect(fs.readdir(dir)).resolves.toEqual([]);
  });
});

// One real print of the sample, read back by every test below.
describe('exportProject: the sample as a PDF printed by Chromium', () => {
  let pdfDir: string;
  let pdfPath: string;
  let written: ExportedFile;
  let stages: string[];
  let sessionCalls: string[];
  const isTagged = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1').includes('/StructTreeRoot');
  const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

  beforeAll(async () => {
    pdfDir = await fs.mkdtemp(path.join(os.tmpdir(), 'carve-export-pdf-'));
    pdfPath = path.join(pdfDir, 'Acme roadmap.pdf');
    stages = [];
    sessionCalls = [];
    // The real printer, its session's calls recorded.
    const chromium = createChromiumPrinter({ env: {}, candidates: ['/usr/bin/chromium'] });
    const printer: PdfPrinter = {
      print: chromium.print,
      chromiumPdf: chromium.chromiumPdf,
      async open(html, signal) {
        sessionCalls.push('open');
        const session = await chromium.open!(html, signal);
        return {
          print: async () => {
            const bytes = await session.print();
            sessionCalls.push(`print ${countPdfPages(bytes)} pages, tagged ${isTagged(bytes)}`);
            return bytes;
          },
          replace: async (id, markup) => {
            sessionCalls.push(`replace #${id}`);
            await session.replace(id, markup);
          },
          close: async () => {
            sessionCalls.push('close');
            await session.close();
          },
        };
      },
    };
    written = await exportProject({
      project: sample,
      format: 'pdf',
      path: pdfPath,
      overwrite: false,
      generatedOn,
      printer,
      onStep: ({ stage, step, steps }) => stages.push(`${stage} ${step}/${steps}`),
    });
  }, 120_000);
  afterAll(async () => {
    await fs.rm(pdfDir, { recursive: true, force: true });
  });

  it('writes a PDF whose page count matches pdfinfo', async () => {
    const bytes = await fs.readFile(pdfPath);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(written.bytes).toBe(bytes.byteLength);
    const info = poppler('pdfinfo', pdfPath);
    expect(Number(/^Pages:\s+(\d+)$/m.exec(info)![1])).toBe(written.pages);
    expect(countPdfPages(bytes)).toBe(written.pages);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Page size:\s+59[56]\.\d+ x 84[12]\.\d+ pts \(A4\)$/m);
    // One print: the contents' page numbers are written into it.
    expect(stages).toEqual(['planning 1/4', 'rendering 2/4', 'printing 3/4', 'writing 4/4']);
  });

  it('prints once, tagged: the contents gets its page numbers in the printed PDF, not from a second print', () => {
    expect(sessionCalls).toEqual(['open', `print ${written.pages} pages, tagged true`, 'close']);
  });

  it('shows every service and phase name in its text', () => {
    const text = poppler('pdftotext', '-layout', pdfPath, '-').replace(/\s+/g, ' ');
    for (const service of sample.services) expect(text).toContain(service.name);
    for (const phase of plan.phases) expect(text).toContain(phase.name);
    // The header and footer the report draws in the page margins.
    expect(text).toContain(`Page 1 of ${written.pages}`);
    expect(text).toContain(`Page ${written.pages} of ${written.pages}`);
    expect(text.split(`${sample.name}: migration roadmap`).length - 1).toBeGreaterThanOrEqual(written.pages!);
    expect(text.split('Made with Carve').length - 1).toBeGreaterThanOrEqual(written.pages!);
  });

  it('has bookmarks for every section and phase', () => {
    const xml = poppler('pdftohtml', '-xml', '-i', '-stdout', '-q', pdfPath);
    const outline = xml.slice(xml.indexOf('<outline>'));
    const items = [...outline.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((match) => match[2]!.replace(/&amp;/g, '&'));
    for (const title of [
      'Contents',
      'Executive summary',
      'Assumptions and open decisions',
      'Target architecture',
      'Data ownership',
      'Timeline',
      'Effort',
      'Appendix: modules',
    ]) {
      expect(items).toContain(title);
    }
    // Each phase that extracts services has its "after phase N" drawing, bookmarked under it.
    for (const phase of plan.phases) if (phase.services.length) expect(items).toContain(`After phase ${phase.index}`);
    for (const phase of plan.phases) expect(items).toContain(phaseTitle(phase));
  });

  it('prints the right page numbers in the contents: each section starts on the page it names', async () => {
    const text = poppler('pdftotext', '-layout', '-f', '2', '-l', '2', pdfPath, '-');
    const destinations = readPdfDestinations(await fs.readFile(pdfPath));
    for (const section of reportSections(plan)) {
      const line = text.split('\n').find((candidate) => candidate.trim().startsWith(section.title));
      expect(line, `${section.title} in the contents`).toBeDefined();
      const page = Number(/(\d+)\s*$/.exec(line!)![1]);
      expect(destinations.get(section.id)).toBe(page);
      const onPage = poppler('pdftotext', '-f', String(page), '-l', String(page), pdfPath, '-');
      expect(
        onPage.split('\n').map((l) => l.trim()),
        `${section.title} on page ${page}`,
      ).toContain(section.title);
    }
  });
});
