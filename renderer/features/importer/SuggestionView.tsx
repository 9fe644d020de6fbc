import type { Alternative, BoundarySuggestion, ProposedBoundary } from '../../../shared/boundaries/propose';
import type { Module } from '../../../shared/model/project';
import { acceptAlternative, cancelSuggest, dismissSuggestion, setSuggestInputs, showAlternative, suggestBoundaries } from './importActions';
import { constraintCount, describeConstraints } from './constraintActions';
import { ConstraintsEditor } from './ConstraintsEditor';
import { useImport } from '../../state/importStore';
import { useDocument } from '../../state/documentStore';
import { JobProgress } from '../../widgets/JobProgress';

// Boundaries from evidence (issue 9) after an import: the history folder, the cut-off and the number of services
// asked for; the alternatives side by side with their figures and backtest; the services of the one shown, each
// named and explained; accepting one is one undo step (importActions.ts).

/** One empty list, so that the selector's answer is the same while there is no project (a new one re-renders forever). */
const NO_MODULES: readonly Module[] = [];

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)} %`);

/** "3 · 3 · 1": modules per service, largest first. */
const sizesOf = (alternative: Alternative) =>
  alternative.services
    .map((s) => s.moduleIds.length)
    .sort((a, b) => b - a)
    .join(' · ');

/** The history folder, the cut-off and the target, and the button that asks. */
function SuggestInputs() {
  const historyDir = useImport((state) => state.historyDir);
  const until = useImport((state) => state.until);
  const services = useImport((state) => state.services);
  const busy = useImport((state) => state.busy);
  const hasSuggestion = useImport((state) => state.suggestion !== null);
  return (
    <form
      className="suggest-inputs"
      aria-label="Boundaries from evidence"
      onSubmit={(event) => {
        event.preventDefault();
        void suggestBoundaries();
      }}
    >
      <label className="field suggest-history">
        <span>History folder</span>
        <input
          value={historyDir}
          placeholder="No history: imports and data only"
          disabled={busy}
          onChange={(event) => setSuggestInputs({ historyDir: event.target.value })}
        />
      </label>
      <label className="field">
        <span>Learn from commits up to</span>
        <input type="date" value={until} disabled={busy} onChange={(event) => setSuggestInputs({ until: event.target.value })} />
      </label>
      <label className="field suggest-count">
        <span>Services</span>
        <input
          type="number"
          min={1}
          max={50}
          value={services}
          disabled={busy}
          onChange={(event) => {
            const n = Math.round(Number(event.target.value));
            if (Number.isFinite(n) && n >= 1) setSuggestInputs({ services: Math.min(n, 50) });
          }}
        />
      </label>
      <button type="submit" className={hasSuggestion ? undefined : 'primary'} disabled={busy} aria-busy={busy}>
        {busy ? 'Suggesting…' : 'Suggest service boundaries'}
      </button>
    </form>
  );
}

/** The suggestion under way: its step (the history read, then the proposal) and a Cancel. */
function SuggestProgress() {
  const suggesting = useImport((state) => state.suggesting);
  if (!suggesting) return null;
  return (
    <JobProgress
      label="Suggestion in progress"
      done={suggesting.done}
      total={suggesting.total}
      text={suggesting.cancelling ? 'Cancelling the suggestion…' : suggesting.text}
      cancelLabel="Cancel suggestion"
      cancelling={suggesting.cancelling}
      onCancel={cancelSuggest}
    />
  );
}

/** What the backtest means, for this suggestion: one sentence (or why there is none). */
function backtestSentence(suggestion: BoundarySuggestion): string {
  if (suggestion.cutoff === null || suggestion.commitsAfter === 0) {
    return 'No commits after the cut-off to test on: the proposals rest on imports, data and the history before it.';
  }
  return (
    `Backtest: had these services existed on ${suggestion.cutoff}, the share of the ${suggestion.commitsAfter.toLocaleString('en-US')} later commits ` +
    'that would have touched more than one of them (lower is better: services that change alone deploy alone), beside the median of random partitions of the same sizes.'
  );
}

function AlternativesTable({
  suggestion,
  shown,
  accepted,
}: {
  suggestion: BoundarySuggestion;
  shown: number | null;
  accepted: number | null;
}) {
  return (
    <table className="import-metrics suggest-alternatives">
      <caption>Alternatives</caption>
      <thead>
        <tr>
          <th scope="col">Services</th>
          <th scope="col" title="Modules per service, largest first; the rest stay in the monolith">
            Sizes (modules)
          </th>
          <th scope="col" title="Higher is better: dependencies stay inside services">
            Modularity
          </th>
          <th scope="col" title="Share of dependency weight between services; lower is better">
            Crossing
          </th>
          <th scope="col" title="Share of the commits after the cut-off that touch more than one service; lower is better">
            Backtest
          </th>
          <th scope="col" title="The backtest of random partitions of the same sizes (median of 50)">
            Random median
          </th>
        </tr>
      </thead>
      <tbody>
        {suggestion.alternatives.map((alternative) => {
          const label = `${alternative.target} services`;
          const better =
            alternative.backtest !== null && alternative.randomMedian !== null && alternative.backtest.share < alternative.randomMedian;
          return (
            <tr key={alternative.target} className={alternative.target === shown ? 'is-shown' : undefined}>
              <th scope="row">
                <label>
                  <input
                    type="radio"
                    name="suggest-alternative"
                    checked={alternative.target === shown}
                    onChange={() => showAlternative(alternative.target)}
                  />{' '}
                  {label}
                  {alternative.target === suggestion.accepted && <span className="muted"> (asked)</span>}
                  {alternative.target === accepted && <span className="import-accepted"> Accepted</span>}
                </label>
              </th>
              <td>
                {sizesOf(alternative)}
                {alternative.monolithModules > 0 && <span className="muted"> + {alternative.monolithModules} left</span>}
              </td>
              <td>{alternative.structuralModularity.toFixed(2)}</td>
              <td>{percent(alternative.crossingShareByWeight)}</td>
              <td className={better ? 'is-better' : undefined}>
                {percent(alternative.backtest?.share ?? null)}
                {alternative.backtest !== null && (
                  <span className="muted">
                    {' '}
                    ({alternative.backtest.crossing} of {alternative.backtest.commits})
                  </span>
                )}
              </td>
              <td>{percent(alternative.randomMedian)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The constraints the suggestion shown was made with, and whether those in the editor differ from them. */
function AppliedConstraints({ names }: { names: ReadonlyMap<string, string> }) {
  const applied = useImport((state) => state.appliedConstraints);
  const changed = useImport((state) => state.constraints !== state.appliedConstraints);
  const text = describeConstraints(applied, (id) => names.get(id) ?? id);
  return (
    <p className="hint suggest-applied" aria-label="Constraints applied">
      {constraintCount(applied) > 0 ? `Constraints applied: ${text}.` : 'No constraints applied.'}
      {changed && <strong> The constraints have changed since: suggest again to apply them.</strong>}
    </p>
  );
}

function ServiceItem({ service, names }: { service: ProposedBoundary; names: ReadonlyMap<string, string> }) {
  const owners = service.owners.map((o) => `${o.author} (${Math.round(o.share * 100)} %)`).join(', ');
  return (
    <li>
      <div className="import-proposal-head">
        <strong>{service.name}</strong>
        <span className="muted">{service.linesOfCode.toLocaleString('en-US')} lines</span>
        {service.pinned && <span className="muted">already a service: kept as it is</span>}
      </div>
      <p className="suggest-explanation">{service.explanation.summary}</p>
      <p className="import-proposal-modules">{service.moduleIds.map((id) => names.get(id) ?? id).join(', ')}</p>
      {owners && <p className="import-proposal-modules">Changed most by {owners}</p>}
    </li>
  );
}

/** Boundaries from evidence: the inputs, then the alternatives, the services of the one shown, and Accept. */
export function SuggestionView() {
  const suggestion = useImport((state) => state.suggestion);
  const shown = useImport((state) => state.shown);
  const accepted = useImport((state) => state.accepted);
  const modules = useDocument((state) => state.project?.monolith.modules ?? NO_MODULES);
  const alternative = suggestion?.alternatives.find((a) => a.target === shown) ?? null;
  const names = new Map(modules.map((m) => [m.id, m.name]));
  const toAccept = alternative?.services.filter((s) => !s.pinned).length ?? 0;
  return (
    <section aria-labelledby="import-suggestion-title" className="import-suggestion">
      <div className="import-suggestion-head">
        <h3 id="import-suggestion-title">Service boundaries from evidence</h3>
        <span className="spacer" />
        {suggestion && (
          <button type="button" onClick={dismissSuggestion}>
            Dismiss
          </button>
        )}
      </div>
      <SuggestInputs />
      <SuggestProgress />
      <ConstraintsEditor />
      {suggestion && (
        <>
          {suggestion.notes.map((note) => (
            <p key={note} className="hint">
              {note}
            </p>
          ))}
          <AlternativesTable suggestion={suggestion} shown={shown} accepted={accepted} />
          <p className="hint">{backtestSentence(suggestion)}</p>
          <AppliedConstraints names={names} />
          {alternative && (
            <>
              <ul className="import-proposal" aria-label={`Proposed services (${alternative.target})`}>
                {alternative.services.map((service) => (
                  <ServiceItem key={service.id} service={service} names={names} />
                ))}
              </ul>
              <div className="suggest-accept">
                <span className="spacer" />
                <button
                  type="button"
                  disabled={accepted !== null || toAccept === 0}
                  onClick={() => acceptAlternative(alternative.target, true)}
                >
                  Accept as a new scenario
                </button>
                <button
                  type="button"
                  className="primary"
                  disabled={accepted !== null || toAccept === 0}
                  onClick={() => acceptAlternative(alternative.target)}
                >
                  {accepted === alternative.target ? 'Accepted' : `Accept ${toAccept} ${toAccept === 1 ? 'service' : 'services'}`}
                </button>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
