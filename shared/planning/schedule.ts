import { addDays, parseIsoDate } from './dates';
import type { Plan, PlannedPhase } from './types';

// The plan as a schedule of service bars: what the roadmap's timeline and the report's timeline both draw.
// It reads the plan only (no change to how phases are planned: planner.ts, phaseTiming.ts).
//
// Bars. Inside a phase each team works its services one after another, in the plan's order (which puts a
// service after the services of its phase it depends on). A service takes its effort divided by its team's
// person-weeks a week (capacity per phase / default phase length); a team without capacity (only a service
// limit is set, or a team the capacity does not name) shares the phase among its services in proportion to
// their effort. A service also waits for the services of its phase it depends on (other teams' too); when
// those waits would push a team's work past the phase's end, that phase is scheduled again without them (each
// team one after another from the phase's start), which always fits, because the planner lengthens a phase
// until every team's effort fits its capacity over the phase's dates. So every bar lies inside its phase, and
// the bars of one team never overlap. Days count from the plan's start and may be fractional; the ISO dates
// are the days the bar touches.
//
// Critical path. The plan ends when its last phase ends, and each phase starts when the one before it ends, so
// the chain that sets the end date runs back from the bar that ends last, through what made each bar start
// when it did: a dependency or the team's previous service in the same phase, or, at a phase's start, the
// phase before it (the dependency there that ends last, else its bar that ends last). Every step ends no later
// than the next one starts. A phase set longer than its work needs adds slack the path cannot show: its end
// milestone says when it closes.
//
// Milestones. The end of each phase that takes time; the last one is the finish: "Monolith retired" when the
// services take every module of the monolith, else the last extraction.

const DAY_MS = 86_400_000;
const EPSILON = 1e-6;

export interface ScheduledBar {
  serviceId: string;
  name: string;
  /** The team lane it is drawn in ("" for no team). */
  team: string;
  phaseIndex: number;
  effort: number;
  /** Days from the plan's start (fractional): the bar covers [startDay, endDay). */
  startDay: number;
  endDay: number;
  /** ISO dates of the first and last day the bar touches. */
  start: string;
  end: string;
  isCritical: boolean;
}

export interface TeamLane {
  /** The team's name ("" for services without a team). */
  team: string;
  /** Its bars, by start. */
  bars: ScheduledBar[];
  /** Person-weeks over its bars. */
  effort: number;
}

export type MilestoneKind = 'phase-end' | 'monolith-retired' | 'last-extraction';

export interface Milestone {
  kind: MilestoneKind;
  phaseIndex: number;
  /** Day from the plan's start (the end of that day's span), and the ISO date it falls on. */
  day: number;
  date: string;
  label: string;
}

export interface PhaseSpan {
  index: number;
  name: string;
  startDay: number;
  endDay: number;
}

export interface Schedule {
  start: string;
  end: string;
  /** Days from the plan's start to the day after its end. */
  totalDays: number;
  phases: PhaseSpan[];
  /** Every bar, in the plan's order. */
  bars: ScheduledBar[];
  /** Lanes: the capacity's teams first, in its order, then the other teams as the plan meets them. */
  lanes: TeamLane[];
  /** The critical path, first bar first. */
  critical: ScheduledBar[];
  milestones: Milestone[];
}

export interface ScheduleOptions {
  /** How many modules the monolith has: when the services take them all, the finish is "Monolith retired". */
  monolithModules?: number;
}

interface Work {
  bar: ScheduledBar;
  duration: number;
  dependsOn: string[];
  /** What set its start: another bar of the same phase, or null for the phase's start. */
  driver: ScheduledBar | null;
}

export function schedulePlan(plan: Plan, options: ScheduleOptions = {}): Schedule {
  const origin = parseIsoDate(plan.start);
  const dayOf = (iso: string) => (parseIsoDate(iso) - origin) / DAY_MS;
  const weekly = new Map(plan.capacity.teams.map((team) => [team.name, team.perPhase / plan.capacity.phaseWeeks]));
  const bars: ScheduledBar[] = [];
  const works = new Map<string, Work>();
  const phases: PhaseSpan[] = plan.phases.map((phase) => {
    const startDay = dayOf(phase.start);
    return { index: phase.index, name: phase.name, startDay, endDay: startDay + phase.lengthWeeks * 7 };
  });

  plan.phases.forEach((phase, p) => {
    const span = phases[p]!;
    const phaseWork = phase.services.map((service): Work => {
      const bar: ScheduledBar = {
        serviceId: service.id,
        name: service.name,
        team: service.team,
        phaseIndex: phase.index,
        effort: service.effort.effort,
        startDay: span.startDay,
        endDay: span.startDay,
        start: phase.start,
        end: phase.start,
        isCritical: false,
      };
      bars.push(bar);
      return { bar, duration: 0, dependsOn: service.dependsOn, driver: null };
    });
    setDurations(phaseWork, span.endDay - span.startDay, weekly);
    for (const work of phaseWork) works.set(work.bar.serviceId, work);
    if (!place(phaseWork, span, works, true)) place(phaseWork, span, works, false);
    for (const { bar } of phaseWork) {
      // The days it touches; a bar of no effort at the phase's end is on the phase's last day.
      const last = Math.ceil(bar.endDay - EPSILON) - 1;
      const first = Math.min(Math.floor(bar.startDay + EPSILON), Math.max(last, span.startDay));
      bar.start = addDays(plan.start, first);
      bar.end = addDays(plan.start, Math.max(first, last));
    }
  });

  const critical = criticalPath(plan.phases, works);
  for (const bar of critical) bar.isCritical = true;
  return {
    start: plan.start,
    end: plan.end,
    totalDays: Math.max(1, dayOf(plan.end) + 1),
    phases,
    bars,
    lanes: lanesOf(plan, bars),
    critical,
    milestones: milestonesOf(plan, phases, bars, options),
  };
}

/** How long each service takes, in days: effort over its team's weekly capacity, or a share of the phase. */
function setDurations(phaseWork: Work[], phaseDays: number, weekly: ReadonlyMap<string, number>): void {
  const byTeam = new Map<string, Work[]>();
  for (const work of phaseWork) {
    const list = byTeam.get(work.bar.team);
    if (list) list.push(work);
    else byTeam.set(work.bar.team, [work]);
  }
  for (const [team, list] of byTeam) {
    const rate = weekly.get(team) ?? 0;
    const effort = list.reduce((sum, work) => sum + Math.max(0, work.bar.effort), 0);
    const share = (work: Work) => (effort > 0 ? (Math.max(0, work.bar.effort) / effort) * phaseDays : phaseDays / list.length);
    for (const work of list) work.duration = rate > 0 ? (Math.max(0, work.bar.effort) / rate) * 7 : share(work);
    // Float sums (and rounding of the phase's weeks) must never push a team past its phase; a capacity so small
    // that the phase stopped at its longest (phaseTiming.ts) shares the phase as a team without capacity does.
    const total = list.reduce((sum, work) => sum + work.duration, 0);
    if (!Number.isFinite(total)) for (const work of list) work.duration = share(work);
    else if (total > phaseDays) for (const work of list) work.duration *= phaseDays / total;
  }
}

/** Places a phase's bars team by team; with `waits`, after the same-phase services they depend on. False when
 * a bar would end after the phase (nothing is then kept: the caller places the phase again without waits). */
function place(phaseWork: readonly Work[], span: PhaseSpan, works: ReadonlyMap<string, Work>, waits: boolean): boolean {
  const last = new Map<string, ScheduledBar>();
  const placed = new Set<string>();
  for (const work of phaseWork) {
    const previous = last.get(work.bar.team) ?? null;
    let start = previous ? previous.endDay : span.startDay;
    let driver = previous;
    if (waits) {
      for (const id of work.dependsOn) {
        if (!placed.has(id)) continue;
        const dependency = works.get(id)!.bar;
        // A dependency that ends when the team frees up is named as the driver: the path follows dependencies.
        if (dependency.endDay > span.startDay + EPSILON && dependency.endDay >= start - EPSILON) {
          start = Math.max(start, dependency.endDay);
          driver = dependency;
        }
      }
    }
    const end = start + work.duration;
    if (end > span.endDay + EPSILON) return false;
    work.bar.startDay = start;
    work.bar.endDay = Math.min(end, span.endDay);
    work.driver = driver;
    last.set(work.bar.team, work.bar);
    placed.add(work.bar.serviceId);
  }
  return true;
}

/** The chain back from the bar that ends last (see the header), returned first bar first. */
function criticalPath(planPhases: readonly PlannedPhase[], works: ReadonlyMap<string, Work>): ScheduledBar[] {
  const latest = (list: readonly ScheduledBar[]) =>
    list.reduce<ScheduledBar | null>((best, bar) => (best === null || bar.endDay >= best.endDay ? bar : best), null);
  const barsOf = (phase: PlannedPhase) => phase.services.map((service) => works.get(service.id)!.bar);
  const position = new Map(planPhases.map((phase, p) => [phase.index, p]));
  let p = planPhases.length - 1;
  while (p >= 0 && planPhases[p]!.services.length === 0) p--;
  if (p < 0) return [];
  const chain: ScheduledBar[] = [];
  let current: ScheduledBar | null = latest(barsOf(planPhases[p]!));
  while (current) {
    chain.push(current);
    const work = works.get(current.serviceId)!;
    if (work.driver) {
      current = work.driver;
      continue;
    }
    // At its phase's start: the phase before it that extracts a service.
    let before = position.get(current.phaseIndex)! - 1;
    while (before >= 0 && planPhases[before]!.services.length === 0) before--;
    if (before < 0) break;
    const previous = barsOf(planPhases[before]!);
    const dependencies = previous.filter((bar) => work.dependsOn.includes(bar.serviceId));
    current = latest(dependencies.length > 0 ? dependencies : previous);
  }
  return chain.reverse();
}

function lanesOf(plan: Plan, bars: readonly ScheduledBar[]): TeamLane[] {
  const lanes = new Map<string, TeamLane>();
  for (const team of plan.capacity.teams) lanes.set(team.name, { team: team.name, bars: [], effort: 0 });
  for (const bar of bars) {
    let lane = lanes.get(bar.team);
    if (!lane) lanes.set(bar.team, (lane = { team: bar.team, bars: [], effort: 0 }));
    lane.bars.push(bar);
    lane.effort += bar.effort;
  }
  const result = [...lanes.values()].filter((lane) => lane.bars.length > 0);
  for (const lane of result) {
    lane.bars.sort((a, b) => a.startDay - b.startDay);
    lane.effort = Math.round(lane.effort * 10) / 10;
  }
  return result;
}

function milestonesOf(plan: Plan, phases: readonly PhaseSpan[], bars: readonly ScheduledBar[], options: ScheduleOptions): Milestone[] {
  const milestones: Milestone[] = plan.phases
    .filter((phase) => phase.lengthWeeks > 0)
    .map((phase, _, all) => ({
      kind: 'phase-end' as MilestoneKind,
      phaseIndex: phase.index,
      day: phases[plan.phases.indexOf(phase)]!.endDay,
      date: phase.end,
      label: phase === all[all.length - 1] ? '' : `End of phase ${phase.index}: ${phase.name}`,
    }));
  const finish = milestones[milestones.length - 1];
  if (!finish) return milestones;
  const moved =
    bars.length === 0
      ? 0
      : plan.phases.reduce((sum, phase) => sum + phase.services.reduce((n, service) => n + service.moduleIds.length, 0), 0);
  const retired = options.monolithModules !== undefined && options.monolithModules > 0 && moved >= options.monolithModules;
  const last = bars.reduce<ScheduledBar | null>((best, bar) => (best === null || bar.endDay >= best.endDay ? bar : best), null);
  finish.kind = retired ? 'monolith-retired' : last ? 'last-extraction' : 'phase-end';
  const phase = plan.phases.find((candidate) => candidate.index === finish.phaseIndex)!;
  finish.label = retired
    ? `Monolith retired: phase ${phase.index} (${phase.name}) ends`
    : last
      ? `Last extraction: ${last.name}; phase ${phase.index} (${phase.name}) ends`
      : `End of phase ${phase.index}: ${phase.name}`;
  return milestones;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120, 600, 1200];

export interface CalendarTick {
  /** Day from the plan's start of the 1st of the month. */
  day: number;
  /** "Mar", or "Jan 2028" at a year's start and on the first tick; "Mar 2028" when ticks are months apart. */
  label: string;
}

/**
 * Month ticks for a date axis that starts on `start` and spans `totalDays` at `pxPerDay`: every month, or every
 * 2, 3, 6, 12... months, the fewest that leaves `minPx` between ticks (both timelines use it).
 */
export function monthTicks(start: string, totalDays: number, pxPerDay: number, minPx: number): CalendarTick[] {
  const origin = parseIsoDate(start);
  const step = MONTH_STEPS.find((months) => months * 30.4 * pxPerDay >= minPx) ?? MONTH_STEPS[MONTH_STEPS.length - 1]!;
  const first = new Date(origin);
  const ticks: CalendarTick[] = [];
  for (let m = 1; ; m += step) {
    const time = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1);
    const day = (time - origin) / DAY_MS;
    if (day >= totalDays || ticks.length > 5000) break;
    const date = new Date(time);
    // Every tick names its year once ticks are months apart; monthly ticks name it in January and on the first.
    const month = MONTHS[date.getUTCMonth()]!;
    const year = String(date.getUTCFullYear());
    const label =
      step >= 12 && date.getUTCMonth() === 0
        ? year
        : step > 1 || date.getUTCMonth() === 0 || ticks.length === 0
          ? `${month} ${year}`
          : month;
    ticks.push({ day, label });
  }
  return ticks;
}
