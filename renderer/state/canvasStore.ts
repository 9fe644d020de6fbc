import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { setViewport } from '../../shared/commands/layout';
import type { ServiceClipboard } from '../../shared/commands/services';
import type { Layout, Project } from '../../shared/model/project';
import { documentStore } from './documentStore';

// View state of the canvas: never saved as such and never part of undo history. The viewport is written into
// the project only just before a save (flushViewport), so panning never dirties the document.

export type MenuTarget =
  { kind: 'node'; nodeId: string } | { kind: 'edge'; edgeId: string } | { kind: 'pane'; flow: { x: number; y: number } };

export interface ContextMenuState {
  target: MenuTarget;
  /** Where it opens, in client pixels. */
  x: number;
  y: number;
}

export interface LinkDraft {
  from: string;
  to: string;
  x: number;
  y: number;
}

/** What the mounted canvas can do for commands run from elsewhere (palette, menus, shortcuts). */
export interface CanvasControls {
  fit(): void;
  fitSelection(): void;
  autoLayout(nodeIds: readonly string[] | null): Promise<void>;
  /** Columns by roadmap phase, left to right in migration order (the Monolith first). */
  arrangeByPhase(): void;
  /** The flow position at the middle of the visible canvas (where keyboard-created services go). */
  centre(): { x: number; y: number };
}

export interface CanvasState {
  /** The service whose name is being edited in place. */
  renamingId: string | null;
  menu: ContextMenuState | null;
  linkDraft: LinkDraft | null;
  paletteOpen: boolean;
  viewport: Layout['viewport'] | null;
  controls: CanvasControls | null;
  /** Set while auto-layout runs in its worker. */
  layingOut: boolean;
  /** Dependency edges lighter than this are not drawn (except a selected node's own); 1 draws them all. */
  minEdgeWeight: number;
  /** The legend strip under the toolbar. */
  legendOpen: boolean;
  /** Services copied (Ctrl+C) for a paste: kept for the page's life, never saved. */
  clipboard: ServiceClipboard | null;
}

export const canvasStore = createStore<CanvasState>(() => ({
  renamingId: null,
  menu: null,
  linkDraft: null,
  paletteOpen: false,
  viewport: null,
  controls: null,
  layingOut: false,
  minEdgeWeight: 1,
  legendOpen: false,
  clipboard: null,
}));
export const useCanvas = <T>(selector: (state: CanvasState) => T): T => useStore(canvasStore, selector);

export const startRename = (serviceId: string | null) => canvasStore.setState({ renamingId: serviceId });
export const openMenu = (menu: ContextMenuState | null) => canvasStore.setState({ menu });
export const setPaletteOpen = (paletteOpen: boolean) => canvasStore.setState({ paletteOpen, menu: null });

/**
 * Writes the canvas viewport into the document just before a save: not an undo step and not an edit of its
 * own (panning never dirties the document), but the saved file keeps where the user was looking.
 */
export function flushViewport(): void {
  const viewport = canvasStore.getState().viewport;
  const { project, history, gestureBase } = documentStore.getState();
  if (!viewport || !project || !history || gestureBase) return;
  let next: Project;
  try {
    next = setViewport(project, {
      x: Math.round(viewport.x * 100) / 100,
      y: Math.round(viewport.y * 100) / 100,
      zoom: Math.round(viewport.zoom * 1000) / 1000,
    });
  } catch {
    return;
  }
  if (next === project) return;
  documentStore.setState({ project: next, history: { ...history, present: next } });
}
