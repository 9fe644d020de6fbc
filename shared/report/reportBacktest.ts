import type { ExportFormat } from '../api/contract';
import { compareScenarios, type ScenarioBacktest } from '../analysis/compareScenarios';
import { splitAt } from '../boundaries/backtest';
import type { ModuleCommit } from '../boundaries/history';
import type { Project } from '../model/project';
import { countOf } from '../words';
import { escapeHtml, formatNumber } from './escape';

// The report's "Backtest on the project's history" (issue 9, item 4): for the current design and each scenario,
// the share of the commits after a cut-off that touched more than one service, beside random partitions of the
// same sizes, one service per app merged to the same count, structural modularity and crossing share. The
// figures come from compareScenarios (the app's scenario comparison) and shared/boundaries; the history is read
// by the caller (main/services/history/moduleHistory.ts) and passed in. HTML and Markdown render the same rows.

/** The formats whose report has the section: the PDF, HTML and Markdown. */
export const BACKTEST_FORMATS: readonly ExportFormat[] = ['pdf', 'html', 'md'];

/** One design's row of the section. */
export interface BacktestDesign {
  name: string;
  active: boolean;
  services: number;
  structuralModularity: number;
  crossingShareByWeight: number;
  /** null: no commit after the cut-off to test on; with one, also one service per app merged (perAppMerged). */
  backtest: ScenarioBacktest | null;
}

export interface ReportBacktest {
  /** What was read of the history, in one line ("history: read 1,234 commits from ..."), or why nothing was. */
  note: string;
  /** YYYY-MM-DD, the first day of the backtest; null without history. */
  cutoff: string | null;
  /** Commits from the cut-off on that touched a module of the project. */
  commitsAfter: number;
  /** The active design first, then the other scenarios in file order. */
  designs: BacktestDesign[];
}

/** The history as main reads it (readModuleHistory): the commits mapped to modules, the cut-off and its note. */
export interface BacktestHistory {
  commits: readonly ModuleCommit[];
  /** Seconds since the epoch; null without commits. */
  cutoff: number | null;
  note: string;
}

/** The section's figures for every design of the project on this history. */
export function reportBacktest(project: Project, history: BacktestHistory): ReportBacktest {
  const compared = compareScenarios(
    project,
    history.cutoff === null ? {} : { history: { commits: history.commits, cutoff: history.cutoff } },
  );
  const after = history.cutoff === null ? [] : splitAt(history.commits, history.cutoff).after;
  return {
    note: history.note,
    cutoff: compared.history?.cutoff ?? null,
    commitsAfter: after.length,
    designs: compared.scenarios.map((row) => ({
      name: row.name,
      active: row.active,
      services: row.services,
      structuralModularity: row.structuralModularity,
      crossingShareByWeight: row.crossingShareByWeight,
      backtest: row.backtest && row.backtest.commits > 0 ? row.backtest : null,
    })),
  };
}

/** "18.3%": a share as a percentage with one decimal at most. */
export const percentOf = (share: number): string => `${formatNumber(share * 100, 1)}%`;

/** The share over the random median: "0.6x"; null when random partitions cross on no commit either. */
const ratioOf = (tested: ScenarioBacktest): string | null =>
  tested.randomMedian > 0 ? `${formatNumber(tested.share / tested.randomMedian, 2)}x` : null;

/** Why there is no backtest, in one line; null when there is one. */
export function noBacktestLine(figures: ReportBacktest): string | null {
  if (figures.designs.some((d) => d.backtest !== null)) return null;
  const nothingRead = figures.cutoff === null || figures.note.endsWith('no history read');
  const why = nothingRead ? figures.note.replace(/^history: /, '') : `no commit from ${figures.cutoff} on touches a module of the project`;
  return `No backtest: ${why}.`.replace(/\.\.$/, '.');
}

/** What the figures mean, in sentences: the first design's result against random, then how to read it. */
export function backtestSentences(figures: ReportBacktest): string[] {
  const first = figures.designs.find((d) => d.backtest !== null);
  if (!first?.backtest || figures.cutoff === null) return [];
  const tested = first.backtest;
  const ratio = ratioOf(tested);
  const which = figures.designs.length > 1 ? `the current design (${first.name})` : 'the current design';
  const crossed =
    tested.commits === 1
      ? `the one commit since then would ${tested.crossing === 1 ? 'have' : 'not have'} touched more than one of them`
      : `${formatNumber(tested.crossing)} of the ${formatNumber(tested.commits)} commits since then (${percentOf(tested.share)}) would have touched more than one of them`;
  const head =
    first.services === 0
      ? 'The current design carves no service yet, so no commit can cross services; the backtest tells something once modules are carved into services.'
      : `Had the services of ${which} existed on ${figures.cutoff}, ${crossed}, against ${percentOf(tested.randomMedian)} for random partitions of the same sizes` +
        `${ratio === null ? '' : ` (${ratio} random)`}.`;
  return [
    head,
    'Lower is better: services that change alone deploy alone. A design well under random (about 0.6x or less) follows how the code really changes; one near 1x cuts across it.',
  ];
}

const e = escapeHtml;
/** "0.21", "-0.07": two decimals, and never "-0.00". */
const modularityOf = (value: number): string => (Math.abs(value) < 0.005 ? '0.00' : value.toFixed(2));
const orDash = (value: number | null, show: (x: number) => string) => (value === null ? '—' : show(value));

/** The columns of the section's table, shared by HTML and Markdown: header, then each design's cells as text. */
function tableCells(figures: ReportBacktest): { header: string[]; rows: string[][] } {
  const header = ['Design', 'Services', 'Modularity', 'Crossing', 'Backtest', 'Random', 'x random', 'One per app'];
  const rows = figures.designs.map((d) => [
    d.active ? `${d.name} (active)` : d.name,
    formatNumber(d.services),
    modularityOf(d.structuralModularity),
    percentOf(d.crossingShareByWeight),
    d.backtest === null
      ? '—'
      : `${percentOf(d.backtest.share)} (${formatNumber(d.backtest.crossing)} of ${formatNumber(d.backtest.commits)})`,
    orDash(d.backtest?.randomMedian ?? null, percentOf),
    d.backtest === null ? '—' : (ratioOf(d.backtest) ?? '—'),
    orDash(d.backtest?.perAppMerged ?? null, percentOf),
  ]);
  return { header, rows };
}

/** The legend under the table: what each column means. */
const LEGEND =
  'Modularity: structural modularity, higher is better (dependencies stay inside services). Crossing: the share of the dependencies’ weight between services. ' +
  'Backtest: the share of the commits from the cut-off on that touched more than one service (the monolith counting as one), lower is better. ' +
  'Random: the median of 50 seeded random partitions of the modules into groups of the same sizes; x random: the backtest over it. ' +
  'One per app: every module its own service, merged on imports and data to as many groups.';

/** The facts line: the cut-off, the commits tested and what was read. */
function factsLine(figures: ReportBacktest): string {
  const read = figures.note.replace(/^history: /, '').replace(/ \(cached\)$/, '');
  return `Cut-off ${figures.cutoff}: ${countOf(figures.commitsAfter, 'commit')} from that day on touched a module of the project; ${read}.`;
}

export const BACKTEST_ID = 'backtest';
export const BACKTEST_TITLE = 'Backtest on the project’s history';

/** The section as HTML (its own page). */
export function backtestSection(figures: ReportBacktest): string {
  const none = noBacktestLine(figures);
  const head = `<section class="page"><h1 id="${BACKTEST_ID}">${e(BACKTEST_TITLE)}</h1>`;
  if (none !== null) return `${head}<p>${e(none)}</p></section>`;
  const { header, rows } = tableCells(figures);
  const num = (k: number) => (k > 0 ? ' class="num"' : '');
  return [
    head,
    ...backtestSentences(figures).map((text) => `<p>${e(text)}</p>`),
    `<table class="backtest"><thead><tr>${header.map((h, k) => `<th${num(k)}>${e(h)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows.map((row) => `<tr>${row.map((cell, k) => `<td${num(k)}>${k === 0 ? `<b>${e(cell)}</b>` : e(cell)}</td>`).join('')}</tr>`),
    `</tbody></table>`,
    `<p class="muted small">${e(factsLine(figures))} ${e(LEGEND)}</p>`,
    '</section>',
  ].join('');
}

/** The section's parts as plain text, for the Markdown export (markdown.ts escapes and lays them out). */
export function backtestText(figures: ReportBacktest): {
  none: string | null;
  sentences: string[];
  header: string[];
  rows: string[][];
  notes: string[];
} {
  const none = noBacktestLine(figures);
  if (none !== null) return { none, sentences: [], header: [], rows: [], notes: [] };
  return { none, sentences: backtestSentences(figures), ...tableCells(figures), notes: [factsLine(figures), LEGEND] };
}
