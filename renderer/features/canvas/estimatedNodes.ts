import { Position, type NodeHandle } from '@xyflow/react';
import { estimateServiceSize, MONOLITH_HEIGHT, MONOLITH_NODE_WIDTH, type NodeSize } from '../../../shared/commands/arrange';
import type { CarveNode } from './toFlow';
import { memoByObject } from '../../derived/memo';

// Nodes that React Flow has not measured yet, with a size and handles estimated from what they will show.
//
// With onlyRenderVisibleElements, React Flow still draws every node it has no handle positions for, once, to
// measure it: opening 2,000 services drew all 2,000 (84,000 DOM nodes) and then took the off-screen ones away.
// A node that carries a size and its handles is drawn only when it is on screen, and measured then.

/** Past this many services a design opens without fitting the view, and nodes off screen are estimated, not
 * drawn. Smaller designs keep every node measured by the browser before the view fits them. */
export const ESTIMATE_PAST = 150;

/** Half a pixel more than the estimate: measured sizes are whole pixels, so the first measure always differs and
 * React Flow replaces the estimated handles with the ones it finds in the DOM. */
const UNMEASURED = 0.5;

/** Where the node components put their handles (ServiceNode, MonolithNode and Anchors): an incoming (target) and
 * an outgoing (source) handle on each side. */
const SIDES = [
  ['left', Position.Left],
  ['right', Position.Right],
  ['top', Position.Top],
  ['bottom', Position.Bottom],
] as const;

function handlesAround(size: NodeSize): NodeHandle[] {
  const at = (position: Position) => {
    if (position === Position.Left) return { x: 0, y: size.height / 2 };
    if (position === Position.Right) return { x: size.width - 1, y: size.height / 2 };
    if (position === Position.Top) return { x: size.width / 2, y: 0 };
    return { x: size.width / 2, y: size.height - 1 };
  };
  return SIDES.flatMap(([side, position]) => [
    { id: `in-${side}`, type: 'target' as const, position, width: 1, height: 1, ...at(position) },
    { id: `out-${side}`, type: 'source' as const, position, width: 1, height: 1, ...at(position) },
  ]);
}

/** The size a node will be drawn at, as shared/commands/arrange.ts estimates it. */
export function estimatedSize(node: CarveNode): NodeSize {
  if (node.type === 'monolith') return { width: MONOLITH_NODE_WIDTH, height: MONOLITH_HEIGHT };
  const chips = node.data.chips;
  return estimateServiceSize(chips === null ? null : chips.map((chip) => chip.name.slice(chip.name.lastIndexOf('.') + 1)));
}

/** The node with an estimated `measured` size and `handles`; the same object for the same node. */
export const withEstimatedSize = memoByObject((node: CarveNode): CarveNode => {
  const size = estimatedSize(node);
  const measured = { width: size.width + UNMEASURED, height: size.height + UNMEASURED };
  return { ...node, measured, handles: handlesAround(measured) } as CarveNode;
});
