import { assignModules } from '../../../shared/commands/assign';
import { moveNodes } from '../../../shared/commands/layout';
import { addLink, removeLink } from '../../../shared/commands/links';
import { copyServices, createService, deleteService, nextServiceId, pasteServices } from '../../../shared/commands/services';
import type { LinkStyle, NodePosition, Project } from '../../../shared/model/project';
import { documentStore } from '../../state/documentStore';
import { edit } from '../../state/edit';
import { selectionStore, selectNodes } from '../../state/selectionStore';
import { showNotice } from '../../state/uiStore';
import { canvasStore, startRename } from '../../state/canvasStore';

// Canvas edits run from shortcuts, context menus and the palette, through the one edit path (state/edit.ts):
// each is one undo step; a refused edit shows one line and changes nothing.

const serviceIdsOf = (project: Project, ids: readonly string[]) => {
  const services = new Set(project.services.map((service) => service.id));
  return ids.filter((id) => services.has(id));
};

export function selectedServiceIds(): string[] {
  const project = documentStore.getState().project;
  return project ? serviceIdsOf(project, selectionStore.getState().nodeIds) : [];
}

/** Deletes services: their modules return to the monolith, their links go with them. */
export function deleteServices(ids: readonly string[]): void {
  if (ids.length === 0) return;
  const done = edit('Delete service', (project) =>
    serviceIdsOf(project, ids).reduce((p, serviceId) => deleteService(p, { serviceId }), project),
  );
  if (done) {
    selectNodes([]);
    showNotice(
      ids.length === 1
        ? 'Service deleted; its modules are back in the monolith'
        : `${ids.length} services deleted; their modules are back in the monolith`,
    );
  }
}

export function moveNodesTo(positions: readonly NodePosition[]): void {
  if (positions.length > 0)
    edit('Move', (project) =>
      moveNodes(project, { positions: positions.map((p) => ({ id: p.id, x: Math.round(p.x), y: Math.round(p.y) })) }),
    );
}

/** A new empty service at a flow position, its name then edited in place. */
export function newServiceAt(at: { x: number; y: number }, moduleIds: readonly string[] = []): void {
  const project = documentStore.getState().project;
  if (!project) return;
  const name = 'New service';
  const id = nextServiceId(project, name);
  if (edit('New service', (p) => createService(p, { name, id, moduleIds, position: { x: Math.round(at.x), y: Math.round(at.y) } }))) {
    selectNodes([id]);
    startRename(id);
  }
}

export function returnModules(moduleIds: readonly string[]): void {
  edit('Return modules', (project) => assignModules(project, { moduleIds, serviceId: null }));
}

export function copySelection(): void {
  const project = documentStore.getState().project;
  const ids = selectedServiceIds();
  if (!project || ids.length === 0) return;
  canvasStore.setState({ clipboard: copyServices(project, ids) });
  showNotice(`Copied ${ids.length} service${ids.length === 1 ? '' : 's'}`);
}

export const hasClipboard = () => (canvasStore.getState().clipboard?.services.length ?? 0) > 0;

export function pasteClipboard(at?: { x: number; y: number }): void {
  const project = documentStore.getState().project;
  const source = canvasStore.getState().clipboard;
  if (!project || !source) return;
  let offset = { x: 40, y: 40 };
  if (at && source.positions.length > 0) {
    offset = {
      x: Math.round(at.x - Math.min(...source.positions.map((p) => p.x))),
      y: Math.round(at.y - Math.min(...source.positions.map((p) => p.y))),
    };
  }
  const before = new Set(project.services.map((service) => service.id));
  if (edit('Paste services', (p) => pasteServices(p, { clipboard: source, offset }))) {
    const after = documentStore.getState().project?.services ?? [];
    selectNodes(after.filter((service) => !before.has(service.id)).map((service) => service.id));
  }
}

export function addPlannedLink(from: string, to: string, style: LinkStyle, label: string): void {
  edit('Planned link', (project) => addLink(project, { from, to, style, label: label.trim() }));
}

export function deleteLink(linkId: string): void {
  edit('Delete link', (project) => removeLink(project, { linkId }));
}
