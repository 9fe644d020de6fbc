import type { DesignSummary } from '../../../shared/importer/suggest';
import { proposedName } from '../../../shared/commands/accept';
import { acceptProposal, dismissSuggestion } from './importActions';
import { useImport } from '../../state/importStore';
import { useDocument } from '../../state/documentStore';

const METRICS: ReadonlyArray<{ label: string; hint: string; value(d: DesignSummary): string }> = [
  { label: 'Services', hint: 'Nodes that own modules (the monolith counts while it owns some)', value: (d) => String(d.services) },
  { label: 'Structural modularity', hint: 'Higher is better: dependencies stay inside services', value: (d) => d.structuralModularity.toFixed(2) },
  { label: 'Dependencies crossing services', hint: 'Share of dependency weight between services; lower is better', value: (d) => `${Math.round(d.crossingShareByWeight * 100)} %` },
  { label: 'Interfaces per service', hint: 'Modules of a service used from another, on average', value: (d) => d.interfacesPerService.toFixed(1) },
  { label: 'Size spread', hint: 'Standard deviation of lines per service over the mean; lower is more even', value: (d) => d.sizeSpread.toFixed(2) },
];

/** The proposed services (accept all, one by one, or dismiss) beside the metrics of three designs. */
export function SuggestionView() {
  const suggestion = useImport((state) => state.suggestion);
  const accepted = useImport((state) => state.accepted);
  const modules = useDocument((state) => state.project?.monolith.modules ?? []);
  if (!suggestion) return null;
  const names = new Map(modules.map((m) => [m.id, m.name]));
  const { services } = suggestion.proposal;
  const remaining = services.filter((s) => !accepted.includes(s.id)).length;
  const { metrics } = suggestion;
  return (
    <section aria-labelledby="import-suggestion-title" className="import-suggestion">
      <div className="import-suggestion-head">
        <h3 id="import-suggestion-title">Suggested service boundaries</h3>
        <span className="spacer" />
        <button type="button" className="primary" disabled={remaining === 0} onClick={() => acceptProposal()}>
          Accept all
        </button>
        <button type="button" onClick={dismissSuggestion}>
          Dismiss
        </button>
      </div>
      <div className="import-suggestion-body">
        <ul className="import-proposal" aria-label="Proposed services">
          {services.map((service) => {
            const name = proposedName(service);
            const done = accepted.includes(service.id);
            return (
              <li key={service.id} className={done ? 'accepted' : undefined}>
                <div className="import-proposal-head">
                  <strong>{name}</strong>
                  <span className="muted">{service.linesOfCode.toLocaleString('en-US')} lines</span>
                  <span className="spacer" />
                  {done ? (
                    <span className="import-accepted">Accepted</span>
                  ) : (
                    <button type="button" className="small" aria-label={`Accept ${name}`} onClick={() => acceptProposal([service.id])}>
                      Accept
                    </button>
                  )}
                </div>
                <p className="import-proposal-modules">{service.moduleIds.map((id) => names.get(id) ?? id).join(', ')}</p>
              </li>
            );
          })}
        </ul>
        <table className="import-metrics">
          <caption>Design metrics</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Current</th>
              <th scope="col">Proposal</th>
              <th scope="col">One per app</th>
            </tr>
          </thead>
          <tbody>
            {METRICS.map((metric) => (
              <tr key={metric.label}>
                <th scope="row" title={metric.hint}>
                  {metric.label}
                </th>
                <td>{metric.value(metrics.current)}</td>
                <td>{metric.value(metrics.proposal)}</td>
                <td>{metric.value(metrics.perApp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
