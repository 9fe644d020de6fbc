import { uniqueId } from '../model/create';
import { PhaseSchema, PlanningSchema, TeamSchema } from '../model/project';
import type { Phase, Planning, Project, Team } from '../model/project';
import { CommandError, parseOrThrow } from './errors';
import { findService, replaceService, sameFields } from './shared';

// Commands on the roadmap: phases (add, edit, remove, materialise the ones the planner made up), pins, the
// planning settings and the teams that give the capacity. Pure: (project, args) -> project, the input never
// mutated, an edit that changes nothing returns the same project.

/** The name the planner shows for a phase the project does not define. */
export function defaultPhaseName(index: number): string {
  return index === 0 ? 'Foundations' : `Phase ${index}`;
}

function phaseIdFor(name: string, taken: Set<string>): string {
  const id = uniqueId(name, taken);
  taken.add(id);
  return id;
}

function findPhase(project: Project, phaseId: string): Phase {
  const phase = project.phases.find((candidate) => candidate.id === phaseId);
  if (!phase) throw new CommandError(`No phase with id "${phaseId}" in this project.`);
  return phase;
}

/**
 * The project with at least `count` phases: the phases the planner shows beyond `project.phases` (named
 * "Foundations", "Phase N", with the default length) become real ones, so the user can rename them or pin a
 * service there. Ids are "phase-N" when free. Does nothing when the project already has that many.
 */
export function ensurePhases(project: Project, count: number): Project {
  if (!Number.isInteger(count) || count < 0) throw new CommandError(`Phase count must be a whole number, not ${count}.`);
  if (project.phases.length >= count) return project;
  const taken = new Set(project.phases.map((phase) => phase.id));
  const added: Phase[] = [];
  for (let index = project.phases.length; index < count; index++) {
    const id = phaseIdFor(`phase-${index}`, taken);
    added.push({ id, name: defaultPhaseName(index), goal: '', lengthWeeks: project.planning.defaultPhaseWeeks });
  }
  return { ...project, phases: [...project.phases, ...added] };
}

export interface AddPhaseArgs {
  name?: string;
  goal?: string;
  lengthWeeks?: number;
  /** Where it goes in the list; at the end when absent. */
  index?: number;
}

/** Adds a phase (at the end unless `index` says where); named "Phase N" and of the default length unless given. */
export function addPhase(project: Project, args: AddPhaseArgs = {}): Project {
  const at = args.index ?? project.phases.length;
  if (!Number.isInteger(at) || at < 0 || at > project.phases.length) {
    throw new CommandError(`A phase cannot go at position ${at}: there are ${project.phases.length} phases.`);
  }
  const name = (args.name ?? defaultPhaseName(project.phases.length)).trim();
  const taken = new Set(project.phases.map((phase) => phase.id));
  const phase = parseOrThrow(
    PhaseSchema,
    {
      id: phaseIdFor(name || 'phase', taken),
      name,
      goal: args.goal ?? '',
      lengthWeeks: args.lengthWeeks ?? project.planning.defaultPhaseWeeks,
    },
    'Phase',
  );
  const phases = [...project.phases];
  phases.splice(at, 0, phase);
  return { ...project, phases };
}

export type PhaseChanges = Partial<Omit<Phase, 'id'>>;
const PhaseChangesSchema = PhaseSchema.omit({ id: true }).partial().strict();

/** Sets the name, goal or length of a phase. */
export function updatePhase(project: Project, { phaseId, changes }: { phaseId: string; changes: PhaseChanges }): Project {
  const phase = findPhase(project, phaseId);
  const input = typeof changes.name === 'string' ? { ...changes, name: changes.name.trim() } : changes;
  const parsed = parseOrThrow(PhaseChangesSchema, input, `Phase "${phase.name}"`);
  const given = Object.fromEntries(Object.keys(input).map((key) => [key, parsed[key as keyof typeof parsed]]));
  const next = { ...phase, ...given } as Phase;
  if (sameFields(phase, next)) return project;
  return { ...project, phases: project.phases.map((p) => (p === phase ? next : p)) };
}

/** Removes a phase; the services pinned to it are unpinned (the planner places them again). */
export function removePhase(project: Project, { phaseId }: { phaseId: string }): Project {
  findPhase(project, phaseId);
  const pinned = project.services.some((service) => service.pinnedPhaseId === phaseId);
  return {
    ...project,
    phases: project.phases.filter((phase) => phase.id !== phaseId),
    services: pinned
      ? project.services.map((service) => (service.pinnedPhaseId === phaseId ? { ...service, pinnedPhaseId: null } : service))
      : project.services,
  };
}

/** Pins a service to a phase, or unpins it (`phaseId: null`) so that the planner chooses. */
export function pinService(project: Project, { serviceId, phaseId }: { serviceId: string; phaseId: string | null }): Project {
  findService(project, serviceId);
  if (phaseId !== null) findPhase(project, phaseId);
  return replaceService(project, serviceId, (service) =>
    service.pinnedPhaseId === phaseId ? service : { ...service, pinnedPhaseId: phaseId },
  );
}

export type PlanningChanges = Partial<Omit<Planning, 'teams'>>;
const PlanningChangesSchema = PlanningSchema.omit({ teams: true }).partial().strict();

/** Sets the start date, the default phase length or the service limit per phase. */
export function updatePlanning(project: Project, changes: PlanningChanges): Project {
  const parsed = parseOrThrow(PlanningChangesSchema, changes, 'Planning');
  const given = Object.fromEntries(Object.keys(changes).map((key) => [key, parsed[key as keyof typeof parsed]]));
  const next = { ...project.planning, ...given } as Planning;
  return sameFields(project.planning, next) ? project : { ...project, planning: next };
}

function findTeam(project: Project, teamId: string): Team {
  const team = project.planning.teams.find((candidate) => candidate.id === teamId);
  if (!team) throw new CommandError(`No team with id "${teamId}" in this project.`);
  return team;
}

const withTeams = (project: Project, teams: Team[]): Project => ({ ...project, planning: { ...project.planning, teams } });

/** Adds a team with its capacity in person-weeks per phase (8 unless given). */
export function addTeam(project: Project, { name, capacityPerPhase }: { name: string; capacityPerPhase?: number }): Project {
  const trimmed = name.trim();
  const taken = new Set(project.planning.teams.map((team) => team.id));
  const team = parseOrThrow(TeamSchema, { id: uniqueId(`team-${trimmed}`, taken), name: trimmed, capacityPerPhase }, 'Team');
  return withTeams(project, [...project.planning.teams, team]);
}

const TeamChangesSchema = TeamSchema.omit({ id: true }).partial().strict();

/** Renames a team or sets its capacity. */
export function updateTeam(project: Project, { teamId, changes }: { teamId: string; changes: Partial<Omit<Team, 'id'>> }): Project {
  const team = findTeam(project, teamId);
  const input = typeof changes.name === 'string' ? { ...changes, name: changes.name.trim() } : changes;
  const parsed = parseOrThrow(TeamChangesSchema, input, `Team "${team.name}"`);
  const given = Object.fromEntries(Object.keys(input).map((key) => [key, parsed[key as keyof typeof parsed]]));
  const next = { ...team, ...given } as Team;
  if (sameFields(team, next)) return project;
  return withTeams(
    project,
    project.planning.teams.map((t) => (t === team ? next : t)),
  );
}

/** Removes a team; services naming it keep the name (the planner then assigns them to another team). */
export function removeTeam(project: Project, { teamId }: { teamId: string }): Project {
  findTeam(project, teamId);
  return withTeams(
    project,
    project.planning.teams.filter((team) => team.id !== teamId),
  );
}
