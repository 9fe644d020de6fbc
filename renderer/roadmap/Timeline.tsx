import { memo } from 'react';
import { parseIsoDate } from '../../shared/planning/dates';
import type { Plan } from '../../shared/planning/types';
import { countOf } from '../../shared/words';
import { phaseColor } from './usePlan';

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Month ticks between two ISO dates, at most about a dozen (every n-th month when the plan is long). */
function monthTicks(startMs: number, endMs: number): { at: number; label: string }[] {
  const start = new Date(startMs);
  const months = (new Date(endMs).getUTCFullYear() - start.getUTCFullYear()) * 12 + new Date(endMs).getUTCMonth() - start.getUTCMonth() + 1;
  const step = Math.max(1, Math.ceil(months / 12));
  const ticks: { at: number; label: string }[] = [];
  for (let m = 1; m <= months; m += step) {
    const at = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1);
    if (at > endMs) break;
    const date = new Date(at);
    ticks.push({ at, label: date.getUTCMonth() === 0 ? `${MONTHS[0]} ${date.getUTCFullYear()}` : MONTHS[date.getUTCMonth()]! });
  }
  return ticks;
}

/** The plan as a Gantt chart: one bar per phase on a shared calendar, with month ticks. */
export const Timeline = memo(function Timeline({ plan }: { plan: Plan }) {
  const start = parseIsoDate(plan.start);
  const end = parseIsoDate(plan.end) + DAY_MS;
  const span = Math.max(DAY_MS, end - start);
  const pct = (ms: number) => `${((ms - start) / span) * 100}%`;
  const totalWeeks = Math.round(span / (7 * DAY_MS));

  return (
    <figure className="roadmap-timeline" aria-label={`Timeline: ${countOf(plan.phases.length, 'phase')} over ${countOf(totalWeeks, 'week')}, ${plan.start} to ${plan.end}`}>
      <div className="roadmap-scale" aria-hidden="true">
        {monthTicks(start, end).map((tick) => (
          <span key={tick.at} className="roadmap-tick" style={{ left: pct(tick.at) }}>
            {tick.label}
          </span>
        ))}
      </div>
      <ol className="roadmap-bars">
        {plan.phases.map((phase) => {
          const from = parseIsoDate(phase.start);
          const to = parseIsoDate(phase.end) + DAY_MS;
          return (
            <li key={phase.index} className="roadmap-bar-row">
              <span
                className="roadmap-bar"
                style={{ left: pct(from), width: `${((to - from) / span) * 100}%`, '--phase-color': phaseColor(phase.index) } as React.CSSProperties}
                title={phase.lengthWeeks === 0 ? `${phase.name}: no services, takes no time` : `${phase.name}: ${phase.start} to ${phase.end}, ${countOf(phase.lengthWeeks, 'week')}`}
              >
                <span className="roadmap-bar-label">
                  {phase.index}. {phase.name}
                  <span className="visually-hidden">{phase.lengthWeeks === 0 ? ', takes no time' : `, ${phase.start} to ${phase.end}`}</span>
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
});
