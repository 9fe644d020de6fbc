import { MarkerType, type Edge, type EdgeMarker, type Node } from '@xyflow/react';
import type { DesignWarning } from '../../../shared/analysis/checks';
import type { ServiceEdge, ServiceGraph } from '../../../shared/analysis/serviceGraph';
import { LINK_STYLE_LABELS } from '../../../shared/catalog/runtimes';
import { CHIP_LIMIT, fallbackPosition } from '../../../shared/commands/arrange';
import { MONOLITH_NODE_ID } from '../../../shared/model/project';
import type { Link, LinkStyle, Module, NodePosition, Project, Service } from '../../../shared/model/project';
import { frameworkLabel, runtimeLabel } from '../../platform/labels';

// React Flow nodes and edges derived from the project: never saved, rebuilt after every edit. Node objects are
// reused while what they show is unchanged (a cache keyed by the immutable parts of the document), so a drag
// or an edit of one service re-renders one node, not two thousand.

export { CHIP_LIMIT, fallbackPosition };

export interface ModuleChip {
  id: string;
  name: string;
}

export interface ServiceNodeData extends Record<string, unknown> {
  name: string;
  framework: string;
  runtime: string;
  moduleCount: number;
  linesOfCode: number;
  /** Design warnings that name this service, one line each; empty when none. */
  warnings: string[];
  /** Null when collapsed (more than CHIP_LIMIT modules). */
  chips: ModuleChip[] | null;
  /** The roadmap phase the planner gives the service (0-based), null when not planned. */
  phase: number | null;
}

export interface MonolithNodeData extends Record<string, unknown> {
  name: string;
  moduleCount: number;
  linesOfCode: number;
}

export type ServiceFlowNode = Node<ServiceNodeData, 'service'>;
export type MonolithFlowNode = Node<MonolithNodeData, 'monolith'>;
export type CarveNode = ServiceFlowNode | MonolithFlowNode;

export interface DependencyEdgeData extends Record<string, unknown> {
  kind: 'dependency';
  weight: number;
  count: number;
  importWeight: number;
  dataWeight: number;
  callWeight: number;
  /** Drawn plainly (1 px, no arrowhead, no dashes): many edges on screen cost too much to paint otherwise. */
  lite: boolean;
}

export interface LinkEdgeData extends Record<string, unknown> {
  kind: 'link';
  style: LinkStyle;
  label: string;
}

export type CarveEdge = Edge<DependencyEdgeData> | Edge<LinkEdgeData>;

/** Inputs besides the project, each derived once per edit by the canvas. */
export interface FlowInputs {
  graph: ServiceGraph;
  warnings: readonly DesignWarning[];
  /** Service id -> phase index. */
  phaseOf: ReadonlyMap<string, number>;
}

/** Warning messages per service id (cycles, monolith dependence, empty services). */
export function warningsByService(warnings: readonly DesignWarning[]): Map<string, string[]> {
  const byService = new Map<string, string[]>();
  for (const warning of warnings) {
    if (warning.target.type !== 'service') continue;
    for (const id of warning.target.ids) {
      const list = byService.get(id);
      if (list) list.push(warning.message);
      else byService.set(id, [warning.message]);
    }
  }
  return byService;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function chipsOf(service: Service, moduleById: ReadonlyMap<string, Module>): ModuleChip[] | null {
  if (service.moduleIds.length > CHIP_LIMIT) return null;
  return service.moduleIds.map((id) => ({ id, name: moduleById.get(id)?.name ?? id }));
}

function sameServiceData(a: ServiceNodeData, b: ServiceNodeData): boolean {
  return (
    a.name === b.name &&
    a.framework === b.framework &&
    a.runtime === b.runtime &&
    a.moduleCount === b.moduleCount &&
    a.linesOfCode === b.linesOfCode &&
    a.phase === b.phase &&
    sameList(a.warnings, b.warnings) &&
    (a.chips === b.chips ||
      (a.chips !== null &&
        b.chips !== null &&
        a.chips.length === b.chips.length &&
        a.chips.every((c, i) => c.id === b.chips![i]!.id && c.name === b.chips![i]!.name)))
  );
}

/** Reuses the previous node objects where nothing shown changed. Create one per canvas. */
export function createNodeDeriver() {
  let previous = new Map<string, CarveNode>();
  let moduleIndex: { modules: readonly Module[]; byId: Map<string, Module> } | null = null;

  return function deriveNodes(project: Project, inputs: FlowInputs, selected: ReadonlySet<string>): CarveNode[] {
    const modules = project.monolith.modules;
    if (!moduleIndex || moduleIndex.modules !== modules) moduleIndex = { modules, byId: new Map(modules.map((m) => [m.id, m])) };
    const positions = new Map<string, NodePosition>(project.layout.nodes.map((node) => [node.id, node]));
    const warnings = warningsByService(inputs.warnings);
    const next = new Map<string, CarveNode>();
    const nodes: CarveNode[] = [];

    const place = (id: string, index: number) => {
      const saved = positions.get(id);
      return saved ? { x: saved.x, y: saved.y } : fallbackPosition(index);
    };
    const keep = <N extends CarveNode>(node: N): N => {
      const old = previous.get(node.id);
      if (
        old &&
        old.type === node.type &&
        old.position.x === node.position.x &&
        old.position.y === node.position.y &&
        !!old.selected === !!node.selected &&
        (node.type === 'service'
          ? sameServiceData(old.data as ServiceNodeData, node.data as ServiceNodeData)
          : JSON.stringify(old.data) === JSON.stringify(node.data))
      ) {
        return old as N;
      }
      return node;
    };

    const monolithGraphNode = inputs.graph.nodes.get(MONOLITH_NODE_ID);
    const monolith: MonolithFlowNode = keep({
      id: MONOLITH_NODE_ID,
      type: 'monolith',
      position: place(MONOLITH_NODE_ID, -1),
      selected: selected.has(MONOLITH_NODE_ID),
      ariaLabel: 'Monolith',
      data: {
        name: project.monolith.name,
        moduleCount: monolithGraphNode?.moduleIds.length ?? 0,
        linesOfCode: monolithGraphNode?.linesOfCode ?? 0,
      },
    });
    nodes.push(monolith);
    next.set(monolith.id, monolith);

    project.services.forEach((service, index) => {
      const graphNode = inputs.graph.nodes.get(service.id);
      const node: ServiceFlowNode = keep({
        id: service.id,
        type: 'service',
        position: place(service.id, index),
        selected: selected.has(service.id),
        ariaLabel: `Service ${service.name}`,
        data: {
          name: service.name,
          framework: frameworkLabel(service.framework),
          runtime: runtimeLabel(service.runtime),
          moduleCount: service.moduleIds.length,
          linesOfCode: graphNode?.linesOfCode ?? 0,
          warnings: warnings.get(service.id) ?? [],
          chips: chipsOf(service, moduleIndex!.byId),
          phase: inputs.phaseOf.get(service.id) ?? null,
        },
      });
      nodes.push(node);
      next.set(node.id, node);
    });
    previous = next;
    return nodes;
  };
}

/** Stroke width for an aggregated weight: 1 px for one import, growing with the logarithm up to 4 px. */
export function edgeWidth(weight: number): number {
  return Math.min(4, 1 + Math.log2(Math.max(1, weight)) * 0.45);
}

export const LINK_DASH: Readonly<Record<LinkStyle, string | undefined>> = {
  rest: undefined,
  grpc: '8 3',
  events: '2 4',
  'shared-db': '10 4 2 4',
};

type NameOf = (nodeId: string) => string;

/** The arrowhead at the dependency's target (the module depended on). */
const ARROW: EdgeMarker = { type: MarkerType.ArrowClosed, width: 14, height: 14 };

/** Which side an edge leaves and enters by: the source's side facing the target, and the reverse. */
export interface Sides {
  sourceHandle: `out-${Side}`;
  targetHandle: `in-${Side}`;
}
export type Side = 'left' | 'right' | 'top' | 'bottom';
type SidesOf = (from: string, to: string) => Sides;

const SIDES: Record<'right' | 'left' | 'down' | 'up', Sides> = {
  right: { sourceHandle: 'out-right', targetHandle: 'in-left' },
  left: { sourceHandle: 'out-left', targetHandle: 'in-right' },
  down: { sourceHandle: 'out-bottom', targetHandle: 'in-top' },
  up: { sourceHandle: 'out-top', targetHandle: 'in-bottom' },
};
/** Nodes closer than this horizontally (about a node's width) are joined top to bottom instead. */
const SIDE_BY_SIDE = 240;

/** Node id -> position, as the nodes are drawn (saved layout, else the fallback grid). */
export function nodePositions(project: Project): Map<string, { x: number; y: number }> {
  const saved = new Map(project.layout.nodes.map((node) => [node.id, node] as const));
  const positions = new Map<string, { x: number; y: number }>([[MONOLITH_NODE_ID, saved.get(MONOLITH_NODE_ID) ?? fallbackPosition(-1)]]);
  project.services.forEach((service, index) => positions.set(service.id, saved.get(service.id) ?? fallbackPosition(index)));
  return positions;
}

export function sidesFor(positions: ReadonlyMap<string, { x: number; y: number }>): SidesOf {
  return (from, to) => {
    const a = positions.get(from) ?? { x: 0, y: 0 };
    const b = positions.get(to) ?? { x: 0, y: 0 };
    if (Math.abs(b.x - a.x) >= SIDE_BY_SIDE) return b.x > a.x ? SIDES.right : SIDES.left;
    return b.y >= a.y ? SIDES.down : SIDES.up;
  };
}

function dependencyEdge(edge: ServiceEdge, selected: boolean, nameOf: NameOf, sides: Sides, lite: boolean): Edge<DependencyEdgeData> {
  const data: DependencyEdgeData = {
    kind: 'dependency',
    weight: edge.weight,
    count: edge.count,
    importWeight: edge.weightByKind.import,
    dataWeight: edge.weightByKind.data,
    callWeight: edge.weightByKind.call,
    lite,
  };
  return {
    id: edge.id,
    source: edge.from,
    target: edge.to,
    ...sides,
    ...(lite ? {} : { markerEnd: ARROW }),
    type: 'dependency',
    selected,
    ariaLabel: `Dependencies from ${nameOf(edge.from)} to ${nameOf(edge.to)}, weight ${edge.weight}`,
    data,
  };
}

function linkEdge(link: Link, selected: boolean, nameOf: NameOf, sides: Sides): Edge<LinkEdgeData> {
  return {
    id: link.id,
    source: link.from,
    target: link.to,
    ...sides,
    markerEnd: ARROW,
    type: 'link',
    selected,
    ariaLabel: `Planned ${LINK_STYLE_LABELS[link.style]} link from ${nameOf(link.from)} to ${nameOf(link.to)}${link.label ? `: ${link.label}` : ''}`,
    data: { kind: 'link', style: link.style, label: link.label },
  };
}

/** Past this many dependency edges the canvas draws the heaviest ones (and all of the selected nodes' own). */
export const EDGE_LIMIT = 1_000;
/** Past this many drawn dependency edges they are drawn plainly (measured: arrowheads and dashes on hundreds of
 * long edges make panning several times slower in software rendering). */
export const LITE_EDGES = 300;

export interface DerivedEdges {
  edges: CarveEdge[];
  /** Dependency edges in the graph, and how many of them are drawn. */
  total: number;
  shown: number;
}

/**
 * Service-graph edges (aggregated module dependencies, to and from the Monolith too) and planned links. Edges
 * lighter than `minWeight` are left out, and on a large design only the `limit` heaviest of the rest are drawn;
 * every edge of a selected node is drawn whatever its weight.
 */
export function deriveEdges(
  project: Project,
  graph: ServiceGraph,
  selectedEdge: string | null,
  selectedNodes: ReadonlySet<string> = new Set(),
  limit = EDGE_LIMIT,
  minWeight = 1,
): DerivedEdges {
  const names = new Map(project.services.map((service) => [service.id, service.name] as const));
  const nameOf: NameOf = (id) => (id === MONOLITH_NODE_ID ? 'the monolith' : (names.get(id) ?? id));
  const sides = sidesFor(nodePositions(project));
  const isSelected = (edge: ServiceEdge) => edge.id === selectedEdge || selectedNodes.has(edge.from) || selectedNodes.has(edge.to);
  const heavyEnough = minWeight <= 1 ? graph.edges : graph.edges.filter((edge) => edge.weight >= minWeight);
  let keep: ReadonlySet<ServiceEdge> | null = null;
  if (heavyEnough.length > limit) keep = new Set([...heavyEnough].sort((a, b) => b.weight - a.weight).slice(0, limit));
  else if (heavyEnough !== graph.edges) keep = new Set(heavyEnough);
  const shownEdges = keep === null ? graph.edges : graph.edges.filter((edge) => keep.has(edge) || isSelected(edge));
  const edges: CarveEdge[] = [];
  const lite = shownEdges.length > LITE_EDGES;
  for (const edge of shownEdges) edges.push(dependencyEdge(edge, edge.id === selectedEdge, nameOf, sides(edge.from, edge.to), lite));
  for (const link of project.links) edges.push(linkEdge(link, link.id === selectedEdge, nameOf, sides(link.from, link.to)));
  return { edges, total: graph.edges.length, shown: shownEdges.length };
}

export interface EdgeSummary {
  title: string;
  weight: number;
  count: number;
  byKind: string;
  /** The heaviest module dependencies behind the edge, "a.b → c.d (import, 3)". */
  top: string[];
  more: number;
}

/** What the tooltip of a dependency edge says: its weight and its heaviest module dependencies. */
export function summarizeEdge(project: Project, graph: ServiceGraph, edgeId: string, limit = 5): EdgeSummary | null {
  const edge = graph.edgeById.get(edgeId);
  if (!edge) return null;
  const modules = graph.index.modules;
  const dependencies = graph.index.dependencies;
  const name = (nodeId: string) =>
    nodeId === MONOLITH_NODE_ID ? 'Monolith' : (project.services.find((service) => service.id === nodeId)?.name ?? nodeId);
  const sorted = [...edge.dependencies].sort((a, b) => dependencies[b]!.weight - dependencies[a]!.weight || a - b);
  const top = sorted.slice(0, limit).map((i) => {
    const dependency = dependencies[i]!;
    const from = modules[graph.index.from[i]!]?.name ?? dependency.from;
    const to = modules[graph.index.to[i]!]?.name ?? dependency.to;
    return `${from} → ${to} (${dependency.kind}, ${dependency.weight})`;
  });
  const kinds = (['import', 'data', 'call'] as const)
    .filter((kind) => edge.weightByKind[kind] > 0)
    .map((kind) => `${kind} ${edge.weightByKind[kind]}`)
    .join(' · ');
  return {
    title: `${name(edge.from)} → ${name(edge.to)}`,
    weight: edge.weight,
    count: edge.count,
    byKind: kinds,
    top,
    more: Math.max(0, sorted.length - limit),
  };
}
