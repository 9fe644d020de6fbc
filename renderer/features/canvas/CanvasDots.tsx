import { Background, BackgroundVariant, useStore as useFlowStore } from '@xyflow/react';
import { isZoomedOut } from './zoom';

/** The canvas's dotted background, left out when zoomed out: at a fitted zoom of 0.07 the dots are 1.4 px apart,
 * about 600,000 of them repainted in every frame of a pan. */
export function CanvasDots() {
  const zoomedOut = useFlowStore(isZoomedOut);
  return zoomedOut ? null : <Background variant={BackgroundVariant.Dots} gap={20} size={1} />;
}
