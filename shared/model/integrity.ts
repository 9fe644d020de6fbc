import { MONOLITH_NODE_ID, type Design, type Project } from './project';

// What zod cannot check: references between records. Linear in the size of the project (Maps and Sets, one
// pass per collection), so it stays fast on 10,000 modules and 50,000 dependencies.

export interface IntegrityProblem {
  /** What is wrong, in words a person understands. */
  message: string;
  /** The JSON path of the offending value inside the file, e.g. "project.services[2].moduleIds[0]". */
  where: string;
}

const q = (text: string) => JSON.stringify(text);

/** Every broken rule, collection by collection; [] when the project is sound. */
export function findIntegrityProblems(project: Project): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const add: Add = (message, where) => problems.push({ message, where });

  const { monolith } = project;
  const moduleIds = collectIds(monolith.modules, 'module', 'project.monolith.modules', add);
  const moduleNames = new Set<string>();
  monolith.modules.forEach((module, index) => {
    if (moduleNames.has(module.name)) add(`two modules are named ${q(module.name)}`, `project.monolith.modules[${index}].name`);
    else moduleNames.add(module.name);
  });
  monolith.dependencies.forEach((dependency, index) => {
    const at = `project.monolith.dependencies[${index}]`;
    if (!moduleIds.has(dependency.from)) add(`a dependency starts at module ${q(dependency.from)} that does not exist`, `${at}.from`);
    if (!moduleIds.has(dependency.to)) add(`a dependency leads to module ${q(dependency.to)} that does not exist`, `${at}.to`);
  });

  checkDesign(project, moduleIds, 'project', add);

  const scenarioIds = new Set([project.scenario.id]);
  const scenarioNames = new Set([project.scenario.name]);
  project.otherScenarios.forEach((scenario, index) => {
    const at = `project.otherScenarios[${index}]`;
    if (scenarioIds.has(scenario.id)) add(`two scenarios have the id ${q(scenario.id)}`, `${at}.id`);
    else scenarioIds.add(scenario.id);
    if (scenarioNames.has(scenario.name)) add(`two scenarios are named ${q(scenario.name)}`, `${at}.name`);
    else scenarioNames.add(scenario.name);
    const inScenario: Add = (message, where) => add(`scenario ${q(scenario.name)}: ${message}`, where);
    checkDesign(scenario, moduleIds, at, inScenario);
  });

  return problems;
}

type Add = (message: string, where: string) => void;

/** Ids of one collection, each counted once; reports the second use of an id. */
function collectIds(items: readonly { id: string }[], what: string, at: string, add: Add): Set<string> {
  const ids = new Set<string>();
  items.forEach((item, index) => {
    if (ids.has(item.id)) add(`two ${what}s have the id ${q(item.id)}`, `${at}[${index}].id`);
    else ids.add(item.id);
  });
  return ids;
}

/** The rules of one design (the active one at `project`, or a scenario's at `project.otherScenarios[i]`). */
function checkDesign(design: Design, moduleIds: ReadonlySet<string>, base: string, add: Add): void {
  const phaseIds = collectIds(design.phases, 'phase', `${base}.phases`, add);
  collectIds(design.planning.teams, 'team', `${base}.planning.teams`, add);

  const serviceIds = collectIds(design.services, 'service', `${base}.services`, add);
  /** Which service holds each module, to find modules claimed twice. */
  const owner = new Map<string, string>();
  design.services.forEach((service, index) => {
    const at = `${base}.services[${index}]`;
    if (service.id === MONOLITH_NODE_ID) {
      add(`a service cannot have the id ${q(MONOLITH_NODE_ID)}: it names the Monolith on the canvas`, `${at}.id`);
    }
    service.moduleIds.forEach((moduleId, k) => {
      const where = `${at}.moduleIds[${k}]`;
      const holder = owner.get(moduleId);
      if (!moduleIds.has(moduleId)) add(`service ${q(service.id)} lists module ${q(moduleId)} that does not exist`, where);
      else if (holder === service.id) add(`service ${q(service.id)} lists module ${q(moduleId)} twice`, where);
      else if (holder !== undefined) add(`module ${q(moduleId)} is in two services, ${q(holder)} and ${q(service.id)}`, where);
      else owner.set(moduleId, service.id);
    });
    if (service.pinnedPhaseId !== null && !phaseIds.has(service.pinnedPhaseId)) {
      add(`service ${q(service.id)} is pinned to phase ${q(service.pinnedPhaseId)} that does not exist`, `${at}.pinnedPhaseId`);
    }
  });

  collectIds(design.links, 'link', `${base}.links`, add);
  design.links.forEach((link, index) => {
    const at = `${base}.links[${index}]`;
    if (!serviceIds.has(link.from)) add(`link ${q(link.id)} starts at service ${q(link.from)} that does not exist`, `${at}.from`);
    if (!serviceIds.has(link.to)) add(`link ${q(link.id)} leads to service ${q(link.to)} that does not exist`, `${at}.to`);
  });

  if (!isCalendarDate(design.planning.startDate)) {
    add(`the plan's start date ${q(design.planning.startDate)} is not a real day between 1970 and 2999`, `${base}.planning.startDate`);
  }

  collectIds(design.layout.nodes, 'layout node', `${base}.layout.nodes`, add);
  design.layout.nodes.forEach((node, index) => {
    if (node.id !== MONOLITH_NODE_ID && !serviceIds.has(node.id)) {
      add(`the layout places ${q(node.id)}, which is neither a service nor the Monolith`, `${base}.layout.nodes[${index}].id`);
    }
  });
}

/** "2027-02-30" has the shape of a date but is none; plans are dated, so the start must be a real day. */
function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1970 && y <= 2999 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
