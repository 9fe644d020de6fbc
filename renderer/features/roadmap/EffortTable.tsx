import { updateService } from '../../../shared/commands/services';
import { EFFORT_FORMULA } from '../../../shared/planning/effort';
import { capacityRule } from '../../../shared/planning/phaseTiming';
import type { Plan } from '../../../shared/planning/types';
import { CommitInput } from './CommitInput';
import { edit } from '../../state/edit';

/** The effort formula, each service's breakdown, and the override a person can type (empty: the formula's). */
export function EffortTable({ plan }: { plan: Plan }) {
  const services = plan.phases.flatMap((phase) => phase.services);
  const setOverride = (serviceId: string, text: string): boolean => {
    const trimmed = text.trim();
    const value = trimmed === '' ? null : Number(trimmed);
    if (value !== null && !(Number.isFinite(value) && value >= 0)) return false;
    return edit('Effort', (p) => updateService(p, { serviceId, changes: { effortOverride: value } }));
  };
  return (
    <div className="roadmap-effort-table">
      <p className="roadmap-formula">{EFFORT_FORMULA}.</p>
      <p className="roadmap-formula">{capacityRule(plan.capacity.phaseWeeks)}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col" title="0.5 person-weeks per 1,000 lines">
              Code
            </th>
            <th scope="col" title="60% of code when the framework changes">
              Rewrite
            </th>
            <th scope="col" title="0.25 per crossing import or call">
              Interfaces
            </th>
            <th scope="col" title="0.5 per crossing foreign key and per entity moved">
              Data
            </th>
            <th scope="col">Formula</th>
            <th scope="col">Override</th>
          </tr>
        </thead>
        <tbody>
          {services.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.name}</th>
              <td>{s.effort.code}</td>
              <td>{s.effort.rewrite}</td>
              <td>{s.effort.interface}</td>
              <td>{s.effort.data}</td>
              <td>{s.effort.computed}</td>
              <td>
                <CommitInput
                  type="number"
                  min={0}
                  step={0.5}
                  placeholder="—"
                  aria-label={`Effort override for ${s.name} in person-weeks`}
                  value={s.effort.overridden ? String(s.effort.effort) : ''}
                  onCommit={(text) => setOverride(s.id, text)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
