import { LINK_STYLE_LABELS } from '../../../shared/catalog/runtimes';
import { LINK_STYLES } from '../../../shared/model/project';
import { phaseColor } from '../../derived/usePlan';
import { LINK_DASH } from './toFlow';

// What the canvas's marks mean, as the report's diagram has it: a strip under the toolbar (never over the
// nodes), drawn with the same strokes and colours as the edges and nodes themselves.

function Stroke({ className, dash, width = 2 }: { className: string; dash?: string | undefined; width?: number }) {
  return (
    <svg className="canvas-legend-mark" width="34" height="10" aria-hidden="true">
      <line x1="1" y1="5" x2="33" y2="5" className={className} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}

export function CanvasLegend() {
  return (
    <ul className="canvas-legend" aria-label="Canvas legend">
      <li>
        <Stroke className="canvas-edge-dep" width={1} />
        <Stroke className="canvas-edge-dep" width={4} />
        Module dependencies (width by weight)
      </li>
      <li>
        <Stroke className="canvas-edge-dep has-data" />
        Data crosses (foreign keys)
      </li>
      {LINK_STYLES.map((style) => (
        <li key={style}>
          <Stroke className="canvas-edge-link" dash={LINK_DASH[style]} />
          {LINK_STYLE_LABELS[style]} link (planned)
        </li>
      ))}
      <li>
        <span className="canvas-legend-band" style={{ background: phaseColor(1) }} />
        <span className="canvas-legend-band" style={{ background: phaseColor(2) }} />
        Band and P<i>n</i>: the roadmap phase that extracts the service
      </li>
      <li>
        <span className="canvas-legend-monolith" />
        The Monolith: what is not carved out yet
      </li>
    </ul>
  );
}
