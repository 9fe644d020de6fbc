import type { ServiceGraph } from '../analysis/serviceGraph';
import { MONOLITH_NODE_ID } from '../model/project';
import type { PlannedPhase } from '../planning/types';
import { countOf, listWithAnd } from '../words';
import { dependencyConnection, drawDiagram, heaviestConnections, linkConnections, type ArchitectureDrawing } from './architectureSvg';
import { layoutInRows } from './diagramLayout';
import type { ReportModel } from './reportModel';

// "After phase N": the architecture as it stands when a phase ends. What it shows, and why:
// - the services extracted in that phase, highlighted: the phase's subject;
// - the services extracted before it that those talk to (module dependencies or planned links), grey, at most
//   MAX_CONTEXT of them, the heaviest first: the interfaces the phase's teams must build against;
// - the monolith, with the modules still in it; services of later phases are still inside it, so their
//   dependencies are drawn as the monolith's.
// Services of earlier phases that the phase does not touch are left out: every service is drawn once in its own
// phase, so at 300 services the drawings add up to about one page per phase rather than the whole map per phase
// (300 boxes a page, unreadable, and 10 phases x the whole map). A phase too large for one page is tiled.

/** Earlier services drawn around a phase's own, at most: more would crowd out the phase's services. */
export const MAX_CONTEXT = 8;
/** Boxes across: four fill the width of an A4 page with names still readable. */
const COLUMNS = 4;

export interface PhaseDiagram {
  drawing: ArchitectureDrawing;
  /** One or two sentences under the heading: what exists after the phase and what the drawing shows. */
  caption: string;
}

export function renderPhaseDiagram(model: ReportModel, graph: ServiceGraph, phase: PlannedPhase): PhaseDiagram | null {
  if (phase.services.length === 0) return null;
  const phaseOf = (id: string) => model.byServiceId.get(id)?.phase.index ?? Number.MAX_SAFE_INTEGER;
  const isNew = new Set(phase.services.map((service) => service.id));
  // After the phase, a service of a later phase is still part of the monolith.
  const nodeOf = (id: string) => (id === MONOLITH_NODE_ID || phaseOf(id) > phase.index ? MONOLITH_NODE_ID : id);
  const weights = new Map<string, number>();
  const contextWeight = new Map<string, number>();
  for (const edge of graph.edges) {
    const from = nodeOf(edge.from);
    const to = nodeOf(edge.to);
    if (from === to || (!isNew.has(from) && !isNew.has(to))) continue;
    const key = `${from}\u0000${to}`;
    weights.set(key, (weights.get(key) ?? 0) + edge.weight);
    for (const [mine, other] of [
      [from, to],
      [to, from],
    ] as const) {
      if (isNew.has(mine) && other !== MONOLITH_NODE_ID && !isNew.has(other))
        contextWeight.set(other, (contextWeight.get(other) ?? 0) + edge.weight);
    }
  }
  const links = linkConnections(model).filter(
    (link) => nodeOf(link.from) === link.from && nodeOf(link.to) === link.to && (isNew.has(link.from) || isNew.has(link.to)),
  );
  for (const link of links) {
    const other = isNew.has(link.from) ? link.to : link.from;
    if (!isNew.has(other)) contextWeight.set(other, (contextWeight.get(other) ?? 0) + 1);
  }
  const order = new Map(model.services.map((facts, i) => [facts.service.id, i]));
  const neighbours = [...contextWeight.entries()].sort((a, b) => b[1] - a[1] || order.get(a[0])! - order.get(b[0])!).map(([id]) => id);
  const context = neighbours.slice(0, MAX_CONTEXT).sort((a, b) => order.get(a)! - order.get(b)!);
  const shown = new Set([MONOLITH_NODE_ID, ...context, ...isNew]);
  const { kept: connections, hidden } = heaviestConnections(
    [
      ...[...weights.entries()]
        .map(([key, weight]) => [...key.split('\u0000'), weight] as [string, string, number])
        .map(([from, to, weight]) => dependencyConnection(from, to, weight)),
      ...links,
    ].filter((connection) => shown.has(connection.from) && shown.has(connection.to)),
    shown.size,
  );
  // The monolith and the earlier services in the first rows, the phase's own below them.
  const boxes = layoutInRows([[MONOLITH_NODE_ID, ...context], phase.services.map((service) => service.id)], COLUMNS);
  const existing = model.services.filter((facts) => facts.phase.index <= phase.index);
  const stay = model.project.monolith.modules.length - existing.reduce((sum, facts) => sum + facts.service.moduleIds.length, 0);
  const drawing = drawDiagram(model, {
    boxes,
    connections,
    emphasis: (id) => (isNew.has(id) ? 'new' : 'context'),
    monolithModules: stay,
    label: `After phase ${phase.index}: ${countOf(phase.services.length, 'new service')} and the monolith`,
    withLegend: false,
    mayTile: true,
    className: 'after-phase',
    // At most the scale of four boxes across the page, so that one or two boxes are not drawn huge.
    maxUnitMm: 0.16,
  });
  const left = neighbours.length - context.length;
  const around = context.length
    ? ` Around them, in grey, ${
        context.length === 1
          ? 'the earlier service that they depend on or that depends on them'
          : `the ${countOf(context.length, 'earlier service')} that they depend on or that depend on them`
      }${left ? ` (the ${MAX_CONTEXT} with the heaviest dependencies; ${countOf(left, 'other')} not drawn)` : ''}.`
    : ' They depend on no earlier service, and none on them.';
  const drawn = connections.filter((connection) => connection.kind === 'dependency').length;
  const arrows = hidden
    ? ` Only the ${countOf(drawn, 'heaviest dependency', 'heaviest dependencies')} between them are drawn (${countOf(hidden, 'lighter one')} left out).`
    : '';
  const caption =
    `After phase ${phase.index}, ${countOf(existing.length, 'service')} ${existing.length === 1 ? 'runs' : 'run'} beside the monolith, which keeps ${countOf(stay, 'module')}. ` +
    `Highlighted: the ${countOf(phase.services.length, 'service')} this phase extracts (${listWithAnd(phase.services, (service) => service.name)}).${around}${arrows}`;
  return { drawing, caption };
}
