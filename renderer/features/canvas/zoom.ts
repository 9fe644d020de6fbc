import type { ReactFlowState } from '@xyflow/react';

/** Below this zoom a node's chips are unreadable and the background's dots (20 px apart, 9 px at this zoom) merge
 * into a grey wash: nodes drop their chips and the canvas its dots. */
export const LOW_ZOOM = 0.45;

/** Below this zoom (a fitted design of a few hundred services sits near 0.1) only a node's name, phase and warning marks can
 * be told apart: the canvas draws nodes as those alone (their head), at the same size (canvas.css, `.is-far`). */
export const FAR_ZOOM = 0.4;

/** A React Flow store selector: true while the view is zoomed out past LOW_ZOOM. */
export const isZoomedOut = (state: ReactFlowState) => state.transform[2] < LOW_ZOOM;

/** A React Flow store selector: true while the view is zoomed out past FAR_ZOOM. */
export const isFar = (state: ReactFlowState) => state.transform[2] < FAR_ZOOM;
