import type { ServiceGraph } from '../../../shared/analysis/serviceGraph';
import { LINK_STYLE_LABELS } from '../../../shared/catalog/runtimes';
import type { Project } from '../../../shared/model/project';
import { summarizeEdge } from './toFlow';

export interface HoveredEdge {
  id: string;
  /** Client pixels of the pointer. */
  x: number;
  y: number;
}

const nameOf = (project: Project, id: string) => project.services.find((service) => service.id === id)?.name ?? id;

/** The tooltip over a hovered edge: its weight and heaviest module dependencies, or the planned link. */
export function EdgeTooltip({ project, graph, edge }: { project: Project; graph: ServiceGraph; edge: HoveredEdge }) {
  const style = { left: edge.x + 14, top: edge.y + 14 };
  const link = project.links.find((candidate) => candidate.id === edge.id);
  if (link) {
    return (
      <div className="canvas-tooltip" role="tooltip" style={style}>
        <strong>
          {nameOf(project, link.from)} → {nameOf(project, link.to)}
        </strong>
        <div>
          Planned {LINK_STYLE_LABELS[link.style]}
          {link.label ? `: ${link.label}` : ''}
        </div>
      </div>
    );
  }
  const summary = summarizeEdge(project, graph, edge.id);
  if (!summary) return null;
  return (
    <div className="canvas-tooltip" role="tooltip" style={style}>
      <strong>{summary.title}</strong>
      <div className="canvas-tooltip-sub">
        weight {summary.weight} · {summary.count} dependenc{summary.count === 1 ? 'y' : 'ies'} · {summary.byKind}
      </div>
      <ul>
        {summary.top.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {summary.more > 0 && <div className="canvas-tooltip-sub">and {summary.more} more</div>}
    </div>
  );
}
