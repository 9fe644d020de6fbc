import { checkGraph, type DesignWarning } from '../../shared/analysis/checks';
import { diffMetrics, metricsOfGraph, type MetricsDiff } from '../../shared/analysis/metrics';
import { buildServiceGraph } from '../../shared/analysis/serviceGraph';
import { MONOLITH_NODE_ID, type Project } from '../../shared/model/project';
import type { DesignAnalysis } from '../state/derivedStore';
import { memoByObject, memoByPair } from './memo';

// Checks and metrics of a project, computed once per project object (the document is immutable, so the same
// object means the same answer), and the change an edit caused, per pair of projects.

export const analyse = memoByObject((project: Project): DesignAnalysis => {
  const graph = buildServiceGraph(project);
  return { warnings: checkGraph(project, graph), metrics: metricsOfGraph(graph) };
});

/** `after`'s metrics minus `before`'s, once per pair of analyses. */
export const metricsChange = memoByPair((after: DesignAnalysis, before: DesignAnalysis): MetricsDiff =>
  diffMetrics(before.metrics, after.metrics),
);

/** What the last edit changed: `after`'s metrics minus `before`'s; null without a previous project. */
export function changeOf(before: Project | null, after: Project): MetricsDiff | null {
  return before ? metricsChange(analyse(after), analyse(before)) : null;
}

/** "+0.042", "−0.013", "" for no change. */
export function signed(value: number, digits: number): string {
  const rounded = Number(value.toFixed(digits));
  if (rounded === 0) return '';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(digits)}`;
}

/** "37%" with one decimal below 10%. */
export function percent(share: number): string {
  const value = share * 100;
  return `${value !== 0 && Math.abs(value) < 10 ? value.toFixed(1) : Math.round(value)}%`;
}

/** A node's name as a person reads it. */
export function nodeName(project: Project, nodeId: string): string {
  if (nodeId === MONOLITH_NODE_ID) return 'Monolith';
  return project.services.find((service) => service.id === nodeId)?.name ?? nodeId;
}

/** The canvas nodes a warning is about: its services, or the owners of its modules. */
export function focusNodesOf(project: Project, warning: DesignWarning): string[] {
  if (warning.target.type === 'service') return [...warning.target.ids];
  if (warning.target.type !== 'module') return [];
  const wanted = new Set(warning.target.ids);
  const nodes = new Set<string>();
  const assigned = new Set<string>();
  for (const service of project.services) {
    for (const id of service.moduleIds) {
      assigned.add(id);
      if (wanted.has(id)) nodes.add(service.id);
    }
  }
  if (warning.target.ids.some((id) => !assigned.has(id))) nodes.add(MONOLITH_NODE_ID);
  return [...nodes];
}
