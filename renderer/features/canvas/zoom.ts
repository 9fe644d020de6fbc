import type { ReactFlowState } from '@xyflow/react';

/** Below this zoom a node's chips are unreadable and the background's dots (20 px apart, 9 px at this zoom) merge
 * into a grey wash: nodes drop their chips and the canvas its dots. */
export const LOW_ZOOM = 0.45;

/** A React Flow store selector: true while the view is zoomed out past LOW_ZOOM. */
export const isZoomedOut = (state: ReactFlowState) => state.transform[2] < LOW_ZOOM;
