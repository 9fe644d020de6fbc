import type { ReactNode } from 'react';
import type { ScenarioBacktest, ScenarioFigures } from '../../../shared/analysis/compareScenarios';
import type { Project } from '../../../shared/model/project';
import { percent } from '../../derived/analysis';
import { scenarioComparison } from '../../derived/scenarioComparison';
import { useWorkspace } from '../../state/uiStore';
import { setHistory, useScenarios, type HistoryBacktest } from '../../state/scenariosStore';
import { runBacktest } from './scenarioActions';

// The scenarios side by side: one row per design, one column per figure, each figure explained in one sentence
// (the column's tooltip and the list under the table). Without history the figures are computed here (derived/);
// the backtest needs the git history, which only the host reads (scenarios:compare).

interface Column {
  key: string;
  label: string;
  /** What the figure means, in one sentence. */
  meaning: string;
  cell(row: ScenarioFigures): ReactNode;
}

const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

const COLUMNS: readonly Column[] = [
  { key: 'services', label: 'Services', meaning: 'Services the design carves out of the monolith.', cell: (r) => number(r.services) },
  {
    key: 'modules',
    label: 'Modules moved / left',
    meaning: 'Modules the services take, and the modules that stay in the monolith.',
    cell: (r) => `${number(r.modulesInServices)} / ${number(r.monolithModules)}`,
  },
  {
    key: 'modularity',
    label: 'Modularity',
    meaning: 'Structural modularity: cohesion inside services minus coupling between them; higher is better.',
    cell: (r) => r.structuralModularity.toFixed(3),
  },
  {
    key: 'crossing',
    label: 'Crossing',
    meaning: 'Share of the dependencies’ weight that crosses a service boundary (the monolith counts as one); lower is better.',
    cell: (r) => percent(r.crossingShareByWeight),
  },
  {
    key: 'cycles',
    label: 'Cycles',
    meaning: 'Dependency cycles between services: each must be broken before its services can move alone.',
    cell: (r) => number(r.cycles),
  },
  { key: 'phases', label: 'Phases', meaning: 'Phases of the migration roadmap, Foundations included.', cell: (r) => number(r.phases) },
  {
    key: 'effort',
    label: 'Effort (pw)',
    meaning: 'The work the roadmap estimates, in person-weeks.',
    cell: (r) => number(r.effortPersonWeeks),
  },
  {
    key: 'weeks',
    label: 'Weeks',
    meaning: 'How long the roadmap runs at the teams’ capacity, phase after phase.',
    cell: (r) => number(r.weeks),
  },
  { key: 'dates', label: 'Dates', meaning: 'The roadmap’s first and last day.', cell: (r) => `${r.start} → ${r.end}` },
  {
    key: 'warnings',
    label: 'Warnings',
    meaning: 'The planner’s warnings: pins out of order, phases over capacity and the like.',
    cell: (r) => number(r.warnings),
  },
];

const BACKTEST_MEANING =
  'Of the commits after the cut-off, the share that touched more than one service, against the median of random partitions of the same sizes and against one service per app merged on imports and data to as many groups; lower is better: services that change alone deploy alone.';

function backtestCell(tested: ScenarioBacktest | null | undefined): ReactNode {
  if (tested === undefined) return <span title="Changed since the backtest: run it again">—</span>;
  if (tested === null) return <span title="No commits to test on">—</span>;
  return (
    <span title={`${number(tested.crossing)} of ${number(tested.commits)} commits touched more than one service`}>
      {percent(tested.share)}
      <span className="scenario-vs">{percent(tested.randomMedian)} random</span>
      {tested.perAppMerged !== null && <span className="scenario-vs">{percent(tested.perAppMerged)} per app</span>}
    </span>
  );
}

/**
 * The host's backtest per scenario id, for the designs that have not changed since it ran (the same monolith and
 * the same services: the backtest reads only which module is in which service); undefined for one that has.
 */
function backtestsOf(project: Project, history: HistoryBacktest): Map<string, ScenarioBacktest | null> | null {
  const result = history.result;
  // A backtest of another project (one opened before this one) says nothing here.
  if (!result || result.project.id !== project.id) return null;
  const tested = new Map<string, ScenarioBacktest | null>();
  if (result.project.monolith !== project.monolith) return tested;
  const servicesThen = new Map([
    [result.project.scenario.id, result.project.services],
    ...result.project.otherScenarios.map((s) => [s.id, s.services] as const),
  ]);
  const servicesNow = new Map([[project.scenario.id, project.services], ...project.otherScenarios.map((s) => [s.id, s.services] as const)]);
  for (const row of result.value.scenarios) {
    if (servicesThen.get(row.id) === servicesNow.get(row.id)) tested.set(row.id, row.backtest);
  }
  return tested;
}

function HistoryForm({ project, history }: { project: Project; history: HistoryBacktest }) {
  const workspace = useWorkspace();
  return (
    <form
      className="scenario-history"
      aria-label="Backtest on the git history"
      onSubmit={(event) => {
        event.preventDefault();
        void runBacktest(project);
      }}
    >
      <label className="field">
        <span>Source folder (in a git repository)</span>
        <input
          value={history.dir}
          placeholder={workspace ? 'A folder of the workspace, e.g. src/shop' : 'The imported source folder'}
          onChange={(event) => setHistory({ dir: event.target.value, error: null })}
        />
      </label>
      <label className="field">
        <span>Test on commits after (YYYY-MM-DD)</span>
        <input
          value={history.until}
          placeholder="a year before the last commit"
          onChange={(event) => setHistory({ until: event.target.value, error: null })}
        />
      </label>
      <button type="submit" disabled={history.busy || history.dir.trim() === ''}>
        {history.busy ? 'Reading the history…' : 'Backtest'}
      </button>
    </form>
  );
}

/** The comparison table: computed only while this is on screen, remembered per design (derived/scenarioComparison). */
export function ScenarioComparison({ project }: { project: Project }) {
  const rows = scenarioComparison(project);
  const history = useScenarios((state) => state.history);
  const backtests = backtestsOf(project, history);
  const note = history.result?.value.historyNote ?? null;
  const cutoff = history.result?.value.history;
  return (
    <>
      <div className="scenario-table-wrap">
        <table className="scenario-table" aria-label="Scenario comparison">
          <thead>
            <tr>
              <th scope="col">Scenario</th>
              {COLUMNS.map((column) => (
                <th scope="col" key={column.key} title={column.meaning}>
                  {column.label}
                </th>
              ))}
              {backtests && (
                <th scope="col" title={BACKTEST_MEANING}>
                  Backtest vs random and per app
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className={row.active ? 'is-active' : undefined}>
                <th scope="row" title={row.description ? `${row.name}: ${row.description}` : row.name}>
                  <span className="scenario-name">{row.name}</span>
                  {row.active && <span className="scenario-badge">active</span>}
                </th>
                {COLUMNS.map((column) => (
                  <td key={column.key}>{column.cell(row)}</td>
                ))}
                {backtests && <td>{backtestCell(backtests.get(row.id))}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <HistoryForm project={project} history={history} />
      {history.error && (
        <p className="error-text" role="alert">
          {history.error}
        </p>
      )}
      {(note || cutoff) && (
        <p className="scenario-note" role="status">
          {cutoff && `Backtest on ${number(cutoff.commitsAfter)} commits from ${cutoff.cutoff} on. `}
          {note}
        </p>
      )}
      <dl className="scenario-meanings">
        {COLUMNS.map((column) => (
          <div key={column.key}>
            <dt>{column.label}</dt>
            <dd>{column.meaning}</dd>
          </div>
        ))}
        <div>
          <dt>Backtest</dt>
          <dd>{BACKTEST_MEANING} It needs the git history of the imported source: give its folder above.</dd>
        </div>
      </dl>
    </>
  );
}
