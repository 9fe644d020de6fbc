import path from 'node:path';
import { EXPORT_FORMAT_NAMES, type ExportedFile, type ExportFormat, type ExportStep } from '../../../shared/api/contract';
import { CarveError } from '../../../shared/api/result';
import type { Project } from '../../../shared/model/project';
import { planMigration } from '../../../shared/planning/planner';
import type { Plan } from '../../../shared/planning/types';
import { BACKTEST_FORMATS, reportBacktest, type ReportBacktest } from '../../../shared/report/reportBacktest';
import { CONTENTS_LIST_ID, contentsList, renderReportHtml, reportSections } from '../../../shared/report/reportHtml';
import { renderTextExport } from '../../../shared/report/textExport';
import { readModuleHistory } from '../history/moduleHistory';
import { createChromiumPrinter, type PdfPrinter, type PrintSession } from './chromiumPrinter';
import { fillContentsPageNumbers } from './pdfContentsNumbers';
import { countPdfPages, readPdfDestinations } from './pdfPages';
import { checkExportTarget, writeExportFile } from './writeExport';

// One export: plan the project, render the format, print it when it is a PDF, write it atomically.

export interface ExportRequest {
  /** A validated project (the API validates the payload with validatePayload first). */
  project: Project;
  format: ExportFormat;
  /** Where to write; resolved to an absolute path. */
  path: string;
  overwrite: boolean;
  /** Prints the PDF; absent: a Chromium found on the machine (createChromiumPrinter). */
  printer?: PdfPrinter;
  /** ISO date shown on the report's cover. */
  generatedOn: string;
  /** Called as each step starts, for progress: its stage, its number of how many, and what it does in words. */
  onStep?: (step: ExportStep) => void;
  /** When set, the bytes are handed to it instead of being written to `path` (`carve export --out -`). */
  toStream?: (bytes: Uint8Array) => Promise<void>;
  /** Aborting stops the export at the next step (a print under way is stopped); nothing is written. */
  signal?: AbortSignal;
  /**
   * The imported source folder (absolute) whose git history backtests each design in the report (PDF, HTML,
   * Markdown), on the commits after `untilDay` (seconds since the epoch; null: the last year of the history).
   */
  history?: { dir: string; untilDay: number | null };
}

/** The backtest's figures from the history of `dir`; a folder that is not one is `not-found`, no git is a line in the section. */
async function backtestOf(project: Project, history: NonNullable<ExportRequest['history']>): Promise<ReportBacktest> {
  const read = await readModuleHistory(project, history.dir, history.untilDay);
  if (read === null) throw new CarveError('not-found', `${path.basename(history.dir)}: not a folder`);
  return reportBacktest(project, read);
}

/** The error an aborted export ends with: the file is not written. */
const exportCancelled = (name: string) => new CarveError('cancelled', `The export of ${name} was cancelled; nothing was written`);

/** Today's date where the user is, as the report's "generated on". */
export function localIsoDate(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function exportProject(request: ExportRequest): Promise<ExportedFile> {
  const { project, format, overwrite, generatedOn, onStep, signal, toStream } = request;
  const absolute = path.resolve(request.path);
  const name = toStream ? 'standard output' : path.basename(absolute);
  const stop = () => {
    if (signal?.aborted) throw exportCancelled(name);
  };
  // A PDF prints once (again only when its contents' page numbers cannot be written in); other formats are text.
  const history = request.history && BACKTEST_FORMATS.includes(format) ? request.history : undefined;
  let steps = (format === 'pdf' ? 4 : 3) + (history ? 1 : 0);
  let step = 0;
  const next = (stage: ExportStep['stage'], words: string) => {
    stop();
    onStep?.({ stage, step: ++step, steps, words });
  };
  // Refused before any work: a conflict should not cost a print.
  if (!toStream) await checkExportTarget(absolute, overwrite);
  next('planning', 'Planning the migration');
  const plan = planMigration(project);
  let backtest: ReportBacktest | undefined;
  if (history) {
    next('planning', 'Reading the git history for the backtest');
    backtest = await backtestOf(project, history);
  }
  let bytes: Uint8Array;
  let pages: number | null = null;
  if (format === 'pdf') {
    next('rendering', 'Rendering the report');
    const printer = request.printer ?? createChromiumPrinter();
    try {
      bytes = await printReport(project, plan, generatedOn, printer, {
        signal,
        backtest,
        onPass(pass, pagesSoFar) {
          if (pass > 1) steps++;
          next(
            'printing',
            pass === 1 ? 'Printing the PDF with Chromium' : `Printing the PDF again with the contents’ page numbers (${pagesSoFar} pages)`,
          );
        },
      });
    } catch (error) {
      stop(); // a print stopped by the cancel fails in its own words: the cancel is what happened
      throw error;
    }
    stop();
    pages = countPdfPages(bytes);
  } else {
    next('rendering', `Rendering the ${EXPORT_FORMAT_NAMES[format]}`);
    bytes = Buffer.from(renderTextExport(project, plan, format, { generatedOn, backtest }), 'utf8');
  }
  next('writing', `Writing ${name}`);
  if (toStream) await toStream(bytes);
  else await writeExportFile(absolute, bytes, overwrite);
  return { path: absolute, bytes: bytes.byteLength, pages };
}

/**
 * The report as a PDF with page numbers in its contents. A Chromium printer (`chromiumPdf`) prints it once: the
 * contents holds a placeholder where each number goes, the PDF tells the page each section's heading landed on
 * (the named destinations of the contents' links), and those numbers are written into the printed PDF in the
 * placeholders' place (pdfContentsNumbers.ts). The numbers take no more room than the placeholders, so the pages
 * are those of a print with the numbers in the page.
 *
 * Otherwise (another printer, or a PDF that cannot be edited so) the contents gets the numbers in the page and
 * the report prints again: in place when the printer keeps the document loaded (`open`), else afresh; a third
 * print runs only if the pages moved all the same. When the PDF names no destinations, the contents keeps no
 * numbers and the footer's "Page N of M" still guides the reader.
 */
export async function printReport(
  project: Project,
  plan: Plan,
  generatedOn: string,
  printer: PdfPrinter,
  {
    signal,
    onPass,
    backtest,
  }: { signal?: AbortSignal; onPass?: (pass: number, pagesSoFar: number) => void; backtest?: ReportBacktest | undefined } = {},
): Promise<Uint8Array> {
  const ids = reportSections(plan, { backtest }).map((section) => section.id);
  const fillable = printer.chromiumPdf === true;
  const html = renderReportHtml(project, plan, { generatedOn, backtest, pageNumberPlaceholders: fillable });
  let pageNumbers: Record<string, number> | undefined;
  const session: PrintSession = printer.open
    ? await printer.open(html, signal)
    : (() => {
        let current = html;
        return {
          print: () => printer.print(current, signal),
          replace: async () => {
            current = renderReportHtml(project, plan, { generatedOn, pageNumbers, backtest });
          },
          close: async () => undefined,
        };
      })();
  try {
    onPass?.(1, 0);
    let bytes = await session.print();
    const pagesOf = (printed: Uint8Array) => {
      const found = readPdfDestinations(printed);
      return Object.fromEntries(ids.filter((id) => found.has(id)).map((id) => [id, found.get(id)!]));
    };
    let found = pagesOf(bytes);
    if (fillable) {
      const filled = fillContentsPageNumbers(
        bytes,
        ids.map((id) => found[id] ?? null),
      );
      if (filled !== null) return filled;
    }
    for (let pass = 2; pass <= 3; pass++) {
      const none = Object.keys(found).length === 0;
      // Blank contents printed and nothing to write in: that print stands.
      if (none && !fillable) break;
      if (pageNumbers !== undefined && ids.every((id) => pageNumbers![id] === found[id])) break;
      pageNumbers = found;
      onPass?.(pass, countPdfPages(bytes));
      await session.replace(CONTENTS_LIST_ID, contentsList(plan, { pageNumbers, backtest }));
      bytes = await session.print();
      // No destinations: the placeholders are gone, the contents printed blank, nothing to check.
      if (none) break;
      found = pagesOf(bytes);
    }
    return bytes;
  } finally {
    await session.close();
  }
}
