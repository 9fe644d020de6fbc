import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

// What the user has selected: view state, never saved and never part of undo history. The canvas, the monolith
// panel, the inspector and the warnings panel all read and write it.

export interface SelectionState {
  /** Selected services on the canvas (ids; the Monolith node's id when it is selected). */
  nodeIds: string[];
  /** Selected modules in the monolith panel or in a service's chips. */
  moduleIds: string[];
  /** A selected service-to-service edge (its id, "from->to") or planned link id. */
  edgeId: string | null;
  /** Set when a warning asks the canvas to bring something into view; the canvas clears it once done. */
  focusRequest: { nodeIds: string[]; edgeId: string | null; serial: number } | null;
}

const EMPTY: SelectionState = { nodeIds: [], moduleIds: [], edgeId: null, focusRequest: null };

export const selectionStore = createStore<SelectionState>(() => EMPTY);
export const useSelection = <T>(selector: (state: SelectionState) => T): T => useStore(selectionStore, selector);

export function selectNodes(nodeIds: string[]): void {
  selectionStore.setState({ nodeIds, moduleIds: [], edgeId: null });
}

export function selectModules(moduleIds: string[]): void {
  selectionStore.setState({ moduleIds, nodeIds: [], edgeId: null });
}

export function selectEdge(edgeId: string | null): void {
  selectionStore.setState({ edgeId, nodeIds: [], moduleIds: [] });
}

export function clearSelection(): void {
  selectionStore.setState({ nodeIds: [], moduleIds: [], edgeId: null });
}

/** Ask the canvas to show (and select) these nodes or this edge. */
export function requestFocus(nodeIds: string[], edgeId: string | null = null): void {
  const serial = (selectionStore.getState().focusRequest?.serial ?? 0) + 1;
  selectionStore.setState({ nodeIds, moduleIds: [], edgeId, focusRequest: { nodeIds, edgeId, serial } });
}

/** Ask the canvas to frame these nodes, leaving the selection as it is. */
export function requestFit(nodeIds: string[]): void {
  const serial = (selectionStore.getState().focusRequest?.serial ?? 0) + 1;
  selectionStore.setState({ focusRequest: { nodeIds, edgeId: null, serial } });
}
