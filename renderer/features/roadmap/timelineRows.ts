import type { Schedule, ScheduledBar } from '../../../shared/planning/schedule';
import type { Plan, PlannedPhase } from '../../../shared/planning/types';
import { countOf } from '../../../shared/words';

// The rows of the roadmap's timeline, pure so that a test can read them: in the service view a header row per
// team lane and a row per service under it (by start), in the phase view a row per phase. Rows have one height,
// so that the view draws only those in sight (a plan of 2,000 services stays quick).

export type TimelineRow =
  | { kind: 'lane'; key: string; label: string; detail: string }
  | { kind: 'service'; key: string; label: string; bar: ScheduledBar }
  | { kind: 'phase'; key: string; label: string; phase: PlannedPhase; startDay: number; endDay: number };

export const NO_TEAM = 'No team';

export function serviceRows(schedule: Schedule): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const lane of schedule.lanes) {
    const label = lane.team || NO_TEAM;
    rows.push({
      kind: 'lane',
      key: `lane:${lane.team}`,
      label,
      detail: `${countOf(lane.bars.length, 'service')} · ${countOf(lane.effort, 'person-week')}`,
    });
    for (const bar of lane.bars) rows.push({ kind: 'service', key: `service:${bar.serviceId}`, label: bar.name, bar });
  }
  return rows;
}

export function phaseRows(plan: Plan, schedule: Schedule): TimelineRow[] {
  return plan.phases.map((phase, p) => ({
    kind: 'phase',
    key: `phase:${phase.index}`,
    label: `${phase.index}. ${phase.name}`,
    phase,
    startDay: schedule.phases[p]!.startDay,
    endDay: schedule.phases[p]!.endDay,
  }));
}

/** What a service bar says on hover and to a screen reader. */
export function barTitle(bar: ScheduledBar, phaseName: string): string {
  const team = bar.team || NO_TEAM;
  return `${bar.name}: ${bar.start} to ${bar.end}, ${countOf(bar.effort, 'person-week')}, ${team}, phase ${bar.phaseIndex} (${phaseName})${bar.isCritical ? ', on the critical path' : ''}`;
}

/** The rows in sight: [first, last) for a scroll offset and a height, with a margin of rows either side. */
export function rowsInSight(
  count: number,
  rowHeight: number,
  scrollTop: number,
  height: number,
  margin = 10,
): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - margin);
  const last = Math.min(count, Math.ceil((scrollTop + Math.max(height, rowHeight)) / rowHeight) + margin);
  return { first, last: Math.max(first, last) };
}
