import type { TeamLoad } from './types';

// How long a phase lasts, so that its dates always hold its work.
//
// A team's capacity is given in person-weeks per phase of the default length D (planning.defaultPhaseWeeks):
// the team does capacity / D person-weeks a week. A phase set to L weeks holds capacity x L / D per team, and the
// planner fills it up to that. When a phase holds more (one unit of work larger than a phase, or services pinned
// there), it runs longer:
//
//   weeks = max(L, ceil(effort of each team in the phase / that team's person-weeks a week))
//
// so that every team's effort fits its capacity over the phase's own dates. A phase that extracts no service
// takes no time (0 weeks); Foundations keeps its set length, for its tasks.

export interface TimingTeam {
  name: string;
  perPhase: number;
}

export interface PhaseTiming {
  lengthWeeks: number;
  /** Person-weeks all teams can spend over the phase's weeks; null without teams. */
  capacity: number | null;
  teamLoads: TeamLoad[];
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
/** The longest a phase can run (about 19,000 years): a capacity of next to nothing cannot give endless dates. */
export const MAX_PHASE_WEEKS = 1_000_000;

/** Person-weeks a team does in a week. */
export const weeklyCapacity = (team: TimingTeam, phaseWeeks: number): number => team.perPhase / phaseWeeks;

/** Person-weeks a team can spend over `weeks`. */
export const capacityOver = (team: TimingTeam, phaseWeeks: number, weeks: number): number => (team.perPhase * weeks) / phaseWeeks;

/**
 * The timing of one phase: `loads[t]` is the person-weeks of teams[t] planned in it, `setWeeks` its set length,
 * `hasWork` whether it extracts a service (or is Foundations).
 */
export function timePhase(
  teams: readonly TimingTeam[],
  phaseWeeks: number,
  setWeeks: number,
  loads: readonly number[],
  hasWork: boolean,
): PhaseTiming {
  let weeks = hasWork ? setWeeks : 0;
  teams.forEach((team, t) => {
    const load = loads[t] ?? 0;
    const weekly = weeklyCapacity(team, phaseWeeks);
    // Within the set length (as the planner fills a phase, with its tolerance for float sums) nothing changes; a
    // capacity so small that a week of it rounds to 0 gives the longest phase.
    if (load > capacityOver(team, phaseWeeks, setWeeks) + 1e-9)
      weeks = Math.max(weeks, weekly > 0 ? Math.min(MAX_PHASE_WEEKS, Math.ceil(load / weekly - 1e-9)) : MAX_PHASE_WEEKS);
  });
  const teamLoads = teams.map((team, t) => ({
    team: team.name,
    effort: round1(loads[t] ?? 0),
    capacity: round1(capacityOver(team, phaseWeeks, weeks)),
  }));
  return {
    lengthWeeks: weeks,
    capacity: teams.length === 0 ? null : round1(teams.reduce((sum, team) => sum + capacityOver(team, phaseWeeks, weeks), 0)),
    teamLoads,
  };
}

/** The rule above in one paragraph, as the roadmap's Effort panel and the report state it. */
export function capacityRule(phaseWeeks: number): string {
  return (
    `Capacity: a team's person-weeks per phase are for a phase of the default length (${phaseWeeks} week${phaseWeeks === 1 ? '' : 's'}), ` +
    `so it does that much divided by ${phaseWeeks} each week, and a phase holds that over its set length. A phase whose work needs more runs longer: ` +
    `weeks = max(set length, ceil(effort of each team in the phase / its person-weeks a week)). A phase with no service takes no time.`
  );
}
