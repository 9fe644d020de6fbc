import { MONOLITH_NODE_ID, type Project } from './project';

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
  const add = (message: string, where: string) => problems.push({ message, where });

  /** Ids of one collection, each counted once; reports the second use of an id. */
  const collectIds = (items: readonly { id: string }[], what: string, at: string): Set<string> => {
    const ids = new Set<string>();
    items.forEach((item, index) => {
      if (ids.has(item.id)) add(`two ${what}s have the id ${q(item.id)}`, `${at}[${index}].id`);
      else ids.add(item.id);
    });
    return ids;
  };

  const { monolith } = project;
  const moduleIds = collectIds(monolith.modules, 'module', 'project.monolith.modules');
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

  const phaseIds = collectIds(project.phases, 'phase', 'project.phases');
  collectIds(project.planning.teams, 'team', 'project.planning.teams');

  const serviceIds = collectIds(project.services, 'service', 'project.services');
  /** Which service holds each module, to find modules claimed twice. */
  const owner = new Map<string, string>();
  project.services.forEach((service, index) => {
    const at = `project.services[${index}]`;
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

  collectIds(project.links, 'link', 'project.links');
  project.links.forEach((link, index) => {
    const at = `project.links[${index}]`;
    if (!serviceIds.has(link.from)) add(`link ${q(link.id)} starts at service ${q(link.from)} that does not exist`, `${at}.from`);
    if (!serviceIds.has(link.to)) add(`link ${q(link.id)} leads to service ${q(link.to)} that does not exist`, `${at}.to`);
  });

  if (!isCalendarDate(project.planning.startDate)) {
    add(`the plan's start date ${q(project.planning.startDate)} is not a real day between 1970 and 2999`, 'project.planning.startDate');
  }

  collectIds(project.layout.nodes, 'layout node', 'project.layout.nodes');
  project.layout.nodes.forEach((node, index) => {
    if (node.id !== MONOLITH_NODE_ID && !serviceIds.has(node.id)) {
      add(`the layout places ${q(node.id)}, which is neither a service nor the Monolith`, `project.layout.nodes[${index}].id`);
    }
  });

  return problems;
}

/** "2027-02-30" has the shape of a date but is none; plans are dated, so the start must be a real day. */
function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1970 && y <= 2999 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
