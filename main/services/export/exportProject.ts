import path from 'node:path';
import type { ExportedFile, ExportFormat } from '../../../shared/api/contract';
import type { Project } from '../../../shared/model/project';
import { planMigration } from '../../../shared/planning/planner';
import { renderReportHtml } from '../../../shared/report/reportHtml';
import { renderTextExport } from '../../../shared/report/textExport';
import { createChromiumPrinter, type PdfPrinter } from './chromiumPrinter';
import { countPdfPages } from './pdfPages';
import { checkExportTarget, writeBytesAtomically } from './writeExport';

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
    const html = renderReportHtml(project, plan, { generatedOn });
    onStage?.('printing');
    bytes = await (request.printer ?? createChromiumPrinter()).print(html);
    pages = countPdfPages(bytes);
  } else {
    bytes = Buffer.from(renderTextExport(project, plan, format, { generatedOn }), 'utf8');
  }
  onStage?.('writing');
  if (!overwrite) await checkExportTarget(absolute, false);
  await writeBytesAtomically(absolute, bytes);
  return { path: absolute, bytes: bytes.byteLength, pages };
}
