import type { Project } from '../model/project';
import type { Plan } from '../planning/types';
import { buildReportModel } from './reportModel';

// One row per service, ready to import into an issue tracker. RFC 4180: comma separated, CRLF line ends, a
// field quoted when it holds a comma, a quote, CR or LF, quotes doubled. A cell a spreadsheet would run as a
// formula (starting with = + - @, or a tab or CR that some spreadsheets skip first) gets a leading single quote.

export const CSV_HEADER = [
  'Service',
  'Phase',
  'Phase name',
  'Start',
  'End',
  'Framework',
  'Runtime',
  'Effort (person-weeks)',
  'Team',
  'Depends on',
] as const;

/** A cell that cannot run as a formula in a spreadsheet. */
export function guardFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** One RFC 4180 field. */
export function csvField(value: string | number): string {
  const cell = typeof value === 'number' ? String(value) : guardFormula(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function renderCsv(project: Project, plan: Plan): string {
  const model = buildReportModel(project, plan);
  const rows: (string | number)[][] = [[...CSV_HEADER]];
  for (const facts of model.services) {
    rows.push([
      facts.service.name,
      facts.phase.index,
      facts.phase.name,
      facts.phase.start,
      facts.phase.end,
      facts.frameworkName,
      facts.runtimeName,
      facts.service.effort.effort,
      facts.service.team,
      facts.dependsOnNames.join('; '),
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
