import { canvasStore, openMenu } from '../../state/canvasStore';
import { documentStore } from '../../state/documentStore';
import { selectionStore } from '../../state/selectionStore';
import { deleteLink, deleteServices, selectedServiceIds } from './canvasActions';

// What the canvas's keys do (Delete, the context menu key), run by the app's one command registry
// (renderer/app/commands.ts) when the canvas has the focus. The canvas marks its area with CANVAS_SCOPE.

export const CANVAS_SCOPE = { 'data-command-scope': 'canvas' } as const;

/** The canvas area a key press or focus is in, or null. */
export const canvasOf = (target: EventTarget | null): HTMLElement | null =>
  target instanceof Element ? target.closest<HTMLElement>('[data-command-scope="canvas"]') : null;

/** The selected planned link, when no service is selected. */
function selectedLink(): string | null {
  const edgeId = selectionStore.getState().edgeId;
  const project = documentStore.getState().project;
  return edgeId && project?.links.some((link) => link.id === edgeId) ? edgeId : null;
}

export const hasDeletableSelection = (): boolean => selectedServiceIds().length > 0 || selectedLink() !== null;

/** Deletes the selected services, else the selected planned link. */
export function deleteSelection(): void {
  const services = selectedServiceIds();
  const link = selectedLink();
  if (services.length > 0) deleteServices(services);
  else if (link) deleteLink(link);
}

/** The context menu key: the menu of the first selected service, else the canvas's, near it. */
export function openMenuFromKeyboard(canvas: HTMLElement): void {
  const nodeId = selectedServiceIds()[0] ?? null;
  const element = nodeId ? canvas.querySelector(`.react-flow__node[data-id="${CSS.escape(nodeId)}"]`) : null;
  const box = (element ?? canvas).getBoundingClientRect();
  openMenu({
    target: nodeId ? { kind: 'node', nodeId } : { kind: 'pane', flow: canvasStore.getState().controls?.centre() ?? { x: 0, y: 0 } },
    x: box.left + 24,
    y: box.top + 24,
  });
}
