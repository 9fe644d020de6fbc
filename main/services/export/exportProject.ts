import path from 'node:path';
import type { ExportedFile, ExportFormat } from '../../../shared/api/contract';
import type { Project } from '../../../shared/model/project';
import { planMigration } from '../../../shared/planning/planner';
import type { Plan } from '../../../shared/planning/types';
import { renderReportHtml, reportSections } from '../../../shared/report/reportHtml';
import { renderTextExport } from '../../../shared/report/textExport';
import { createChromiumPrinter, type PdfPrinter } from './chromiumPrinter';
import { countPdfPages, readPdfDestinations } from './pdfPages';
import { checkExportTarget, writeExportFile } from './writeExport';

// One export: plan the project, render the format, print it when it is a PDF, write it atomically.

export type ExportStage = 'planning' | 'rendering' | 'printing' | 'writing';

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
  /** Called as each stage starts, for progress. */
  onStage?: (stage: ExportStage) => void;
}

/** Today's date where the user is, as the report's "generated on". */
export function localIsoDate(now: Date = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function exportProject(request: ExportRequest): Promise<ExportedFile> {
  const { project, format, overwrite, generatedOn, onStage } = request;
  const absolute = path.resolve(request.path);
  // Refused before any work: a conflict should not cost a print.
  await checkExportTarget(absolute, overwrite);
  onStage?.('planning');
  const plan = planMigration(project);
  onStage?.('rendering');
  let bytes: Uint8Array;
  let pages: number | null = null;
  if (format === 'pdf') {
    onStage?.('printing');
    bytes = await printReport(project, plan, generatedOn, request.printer ?? createChromiumPrinter());
    pages = countPdfPages(bytes);
  } else {
    bytes = Buffer.from(renderTextExport(project, plan, format, { generatedOn }), 'utf8');
  }
  onStage?.('writing');
  if (!overwrite) await checkExportTarget(absolute, false);
  await writeExportFile(absolute, bytes);
  return { path: absolute, bytes: bytes.byteLength, pages };
}

/**
 * The report as a PDF with page numbers in its contents, in two passes: print once, read from the PDF the page
 * each section's heading landed on (the named destinations of the contents' links), print again with those
 * numbers. The numbers take no more room than the blanks they replace, so the second print keeps the pages of
 * the first; a third pass runs only if they moved all the same. When the PDF names no destinations (another
 * printer), the contents keeps no numbers and the footer's "Page N of M" still guides the reader.
 */
export async function printReport(project: Project, plan: Plan, generatedOn: string, printer: PdfPrinter): Promise<Uint8Array> {
  const ids = reportSections(plan).map((section) => section.id);
  let pageNumbers: Record<string, number> | undefined;
  let bytes = await printer.print(renderReportHtml(project, plan, { generatedOn }));
  for (let pass = 0; pass < 2; pass++) {
    const found = readPdfDestinations(bytes);
    const next: Record<string, number> = {};
    for (const id of ids) if (found.has(id)) next[id] = found.get(id)!;
    if (Object.keys(next).length === 0) break;
    if (pageNumbers !== undefined && ids.every((id) => pageNumbers![id] === next[id])) break;
    pageNumbers = next;
    bytes = await printer.print(renderReportHtml(project, plan, { generatedOn, pageNumbers }));
  }
  return bytes;
}
