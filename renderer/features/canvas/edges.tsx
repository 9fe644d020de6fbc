import { BaseEdge, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { LINK_STYLE_LABELS } from '../../../shared/catalog/runtimes';
import { edgeWidth, LINK_DASH, type DependencyEdgeData, type LinkEdgeData } from './toFlow';

// Edges: aggregated module dependencies (width by weight, amber when data crosses) and planned links (dashed
// by style, labelled). Both memoized; the hover tooltip is drawn by the canvas, not per edge.

const LITE_STYLE = { strokeWidth: 1 } as const;

function DependencyEdgeView(props: EdgeProps<Edge<DependencyEdgeData>>) {
  const [path] = getBezierPath(props);
  const data = props.data!;
  const className = `canvas-edge-dep${data.dataWeight > 0 ? ' has-data' : ''}${data.lite ? ' is-lite' : ''}${props.selected ? ' is-selected' : ''}`;
  const style = data.lite ? LITE_STYLE : { strokeWidth: edgeWidth(data.weight) };
  return <BaseEdge id={props.id} path={path} className={className} style={style} interactionWidth={12} markerEnd={props.markerEnd} />;
}

function LinkEdgeView(props: EdgeProps<Edge<LinkEdgeData>>) {
  const [path, labelX, labelY] = getBezierPath({ ...props, curvature: 0.35 });
  const data = props.data!;
  const label = data.label ? `${LINK_STYLE_LABELS[data.style]} · ${data.label}` : LINK_STYLE_LABELS[data.style];
  return (
    <BaseEdge
      id={props.id}
      path={path}
      className={`canvas-edge-link canvas-link-${data.style}${props.selected ? ' is-selected' : ''}`}
      style={{ strokeDasharray: LINK_DASH[data.style] }}
      label={label}
      labelX={labelX}
      labelY={labelY}
      labelShowBg
      labelBgPadding={[4, 2]}
      labelBgBorderRadius={3}
      interactionWidth={12}
      markerEnd={props.markerEnd}
    />
  );
}

export const DependencyEdge = memo(DependencyEdgeView);
export const LinkEdge = memo(LinkEdgeView);
