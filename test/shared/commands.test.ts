import { describe, expect, it } from 'vitest';
import { assignModules } from '../../shared/commands/assign';
import { CommandError } from '../../shared/commands/errors';
import { canRedo, canUndo, createHistory, pushHistory, redo, undo } from '../../shared/commands/history';
import { moveNodes, setViewport } from '../../shared/commands/layout';
import { addLink, removeLink, updateLink } from '../../shared/commands/links';
import { addDependency, addModule, deleteModule, removeDependency, renameModule, updateModule } from '../../shared/commands/modules';
import { COMMANDS, COMMAND_LIST, runCommand } from '../../shared/commands/registry';
import {
  copyServices,
  createService,
  deleteService,
  nextServiceId,
  pasteServices,
  renameService,
  serviceNameForModule,
  updateService,
} from '../../shared/commands/services';
import { MONOLITH_NODE_ID } from '../../shared/model/project';
import type { Project } from '../../shared/model/project';
import { loadSampleProject } from '../../shared/samples/acmeShop';

const sample = (): Project => loadSampleProject();
const service = (project: Project, id: string) => project.services.find((s) => s.id === id)!;

describe('createService', () => {
  it('creates a service named by the user at the drop point, taking the dragged modules from their owner', () => {
    const before = sample();
    const after = createService(before, { name: ' Media Store ', moduleIds: ['media'], position: { x: 120, y: -40 } });
    const created = after.services.at(-1)!;
    expect(created).toMatchObject({ id: 'media-store', name: 'Media Store', moduleIds: ['media'] });
    expect(service(after, 'svc-catalog').moduleIds).toEqual(['catalog']); // media left the Catalog Service
    expect(after.layout.nodes.at(-1)).toEqual({ id: 'media-store', x: 120, y: -40 });
    expect(after.monolith).toBe(before.monolith); // structural sharing
    expect(after.links).toBe(before.links);
  });

  it("gives the new service Carve's recommended framework, FastAPI without modules", () => {
    const project = sample();
    expect(createService(project, { name: 'Jobs', moduleIds: ['reporting'] }).services.at(-1)!.framework).toBe('celery');
    expect(createService(project, { name: 'Backoffice', moduleIds: ['admin-tools'] }).services.at(-1)!.framework).toBe('django');
    expect(createService(project, { name: 'Empty' }).services.at(-1)!.framework).toBe('fastapi');
    expect(createService(project, { name: 'Chosen', moduleIds: ['reporting'], framework: 'sanic' }).services.at(-1)!.framework).toBe(
      'sanic',
    );
  });

  it('never reuses the id of the Monolith node or of another service', () => {
    const project = sample();
    expect(nextServiceId(project, 'Monolith')).toBe('monolith-2');
    const twice = createService(createService(project, { name: 'Orders' }), { name: 'orders' });
    expect(twice.services.slice(-2).map((s) => s.id)).toEqual(['orders', 'orders-2']);
    expect(() => createService(project, { name: 'X', id: 'svc-search' })).toThrow(CommandError);
  });

  it('places a node right of the others when no position is given', () => {
    const project = sample();
    const maxX = Math.max(...project.layout.nodes.map((node) => node.x));
    expect(createService(project, { name: 'Later' }).layout.nodes.at(-1)!.x).toBe(maxX + 280);
  });

  it('refuses an empty name or an unknown module with a one-line message', () => {
    expect(() => createService(sample(), { name: '   ' })).toThrow('Service name: a name cannot be empty.');
    expect(() => createService(sample(), { name: 'X', moduleIds: ['nope'] })).toThrow('No module with id "nope" in this project.');
  });

  it('names a service after a module', () => {
    expect(serviceNameForModule('acme.customer_support')).toBe('Customer support');
    expect(serviceNameForModule('orders')).toBe('Orders');
  });
});

describe('assignModules', () => {
  it('moves modules into a service and back to the monolith, removing them from the previous owner', () => {
    const project = sample();
    const moved = assignModules(project, { moduleIds: ['media', 'orders'], serviceId: 'svc-search' });
    expect(service(moved, 'svc-search').moduleIds).toEqual(['search', 'media', 'orders']);
    expect(service(moved, 'svc-catalog').moduleIds).toEqual(['catalog']);
    expect(service(moved, 'svc-reviews')).toBe(service(project, 'svc-reviews'));
    const back = assignModules(moved, { moduleIds: ['search'], serviceId: null });
    expect(service(back, 'svc-search').moduleIds).toEqual(['media', 'orders']);
  });

  it('returns the same project when nothing moves', () => {
    const project = sample();
    expect(assignModules(project, { moduleIds: ['search'], serviceId: 'svc-search' })).toBe(project);
    expect(assignModules(project, { moduleIds: ['orders'], serviceId: null })).toBe(project);
    expect(assignModules(project, { moduleIds: [], serviceId: 'svc-search' })).toBe(project);
  });

  it('refuses an unknown service or module', () => {
    expect(() => assignModules(sample(), { moduleIds: ['orders'], serviceId: 'nope' })).toThrow('No service with id "nope"');
    expect(() => assignModules(sample(), { moduleIds: ['nope'], serviceId: null })).toThrow(CommandError);
  });
});

describe('service edits', () => {
  it('renames and updates fields, keeping untouched services and returning the same project for no change', () => {
    const project = sample();
    const renamed = renameService(project, { serviceId: 'svc-search', name: ' Search API ' });
    expect(service(renamed, 'svc-search').name).toBe('Search API');
    expect(renameService(renamed, { serviceId: 'svc-search', name: 'Search API' })).toBe(renamed);
    const updated = updateService(project, { serviceId: 'svc-search', changes: { framework: 'litestar', runtime: 'cpython-3.13' } });
    expect(service(updated, 'svc-search')).toMatchObject({
      framework: 'litestar',
      runtime: 'cpython-3.13',
      datastore: service(project, 'svc-search').datastore,
    });
    expect(updateService(project, { serviceId: 'svc-search', changes: {} })).toBe(project);
  });

  it('refuses invalid fields, and module lists (assignModules owns those)', () => {
    expect(() => updateService(sample(), { serviceId: 'svc-search', changes: { apiStyle: 'soap' as never } })).toThrow(
      /^Service: .*\(apiStyle\)\.$/,
    );
    expect(() => updateService(sample(), { serviceId: 'svc-search', changes: { moduleIds: [] } as never })).toThrow(CommandError);
    expect(() => updateService(sample(), { serviceId: 'svc-search', changes: { pinnedPhaseId: 'phase-x' } })).toThrow(
      'No phase with id "phase-x" to pin the service to.',
    );
    const pinned = updateService(sample(), { serviceId: 'svc-search', changes: { pinnedPhaseId: 'phase-edge' } });
    expect(service(pinned, 'svc-search').pinnedPhaseId).toBe('phase-edge');
  });

  it('deletes a service: its modules return to the monolith, its links and node go', () => {
    const project = sample();
    const after = deleteService(project, { serviceId: 'svc-catalog' });
    expect(after.services.some((s) => s.id === 'svc-catalog')).toBe(false);
    expect(after.services.flatMap((s) => s.moduleIds)).not.toContain('catalog');
    expect(after.links.some((link) => link.from === 'svc-catalog' || link.to === 'svc-catalog')).toBe(false);
    expect(after.links.length).toBeGreaterThan(0);
    expect(after.layout.nodes.some((node) => node.id === 'svc-catalog')).toBe(false);
    expect(after.monolith).toBe(project.monolith);
  });

  it('pastes copies with fresh ids and names, without modules, with the links between them', () => {
    const project = sample();
    const clipboard = copyServices(project, ['svc-reviews', 'svc-notifications']);
    const after = pasteServices(project, { clipboard: JSON.parse(JSON.stringify(clipboard)) });
    const pasted = after.services.slice(project.services.length);
    expect(pasted.map((s) => [s.id, s.name, s.moduleIds])).toEqual([
      ['reviews-copy', 'Reviews copy', []],
      ['notifications-copy', 'Notifications copy', []],
    ]);
    expect(pasted[0]!.framework).toBe('flask');
    const link = after.links.at(-1)!;
    expect([link.from, link.to, link.style]).toEqual(['reviews-copy', 'notifications-copy', 'events']);
    const original = project.layout.nodes.find((node) => node.id === 'svc-reviews')!;
    expect(after.layout.nodes.find((node) => node.id === 'reviews-copy')).toEqual({
      id: 'reviews-copy',
      x: original.x + 40,
      y: original.y + 40,
    });
    const again = pasteServices(after, { clipboard });
    expect(again.services.at(-2)!.name).toBe('Reviews copy 2');
  });
});

describe('module and dependency edits', () => {
  it('adds, renames, updates and deletes modules; deleting removes its dependencies and membership', () => {
    let project = addModule(sample(), { name: 'acme.gift_cards', linesOfCode: 800, entities: ['GiftCard'] });
    expect(project.monolith.modules.at(-1)).toMatchObject({ id: 'acme-gift-cards', name: 'acme.gift_cards', tags: [] });
    expect(() => addModule(project, { name: 'acme.gift_cards' })).toThrow('A module named "acme.gift_cards" already exists.');
    expect(() => addModule(project, { name: 'not a name' })).toThrow(/^Module "not a name": /);
    project = renameModule(project, { moduleId: 'acme-gift-cards', name: 'acme.giftcards' });
    expect(project.monolith.modules.at(-1)!.name).toBe('acme.giftcards');
    project = updateModule(project, { moduleId: 'acme-gift-cards', changes: { tags: ['api'] } });
    expect(project.monolith.modules.at(-1)!.tags).toEqual(['api']);

    const sampleProject = sample();
    const without = deleteModule(sampleProject, { moduleId: 'catalog' });
    expect(without.monolith.modules.some((m) => m.id === 'catalog')).toBe(false);
    expect(without.monolith.dependencies.some((d) => d.from === 'catalog' || d.to === 'catalog')).toBe(false);
    expect(service(without, 'svc-catalog').moduleIds).toEqual(['media']);
  });

  it('adds one dependency per (from, to, kind) and removes them again', () => {
    const project = sample();
    const added = addDependency(project, { from: 'wishlist', to: 'search', kind: 'call', weight: 2 });
    expect(added.monolith.dependencies.at(-1)).toEqual({ from: 'wishlist', to: 'search', kind: 'call', weight: 2, evidence: [] });
    expect(() => addDependency(added, { from: 'wishlist', to: 'search', kind: 'call' })).toThrow('That call dependency already exists.');
    expect(() => addDependency(project, { from: 'wishlist', to: 'wishlist' })).toThrow('A module cannot depend on itself.');
    const removed = removeDependency(added, { from: 'wishlist', to: 'search' });
    expect(removed.monolith.dependencies).toEqual(project.monolith.dependencies);
    expect(() => removeDependency(removed, { from: 'wishlist', to: 'search' })).toThrow(CommandError);
  });
});

describe('links and layout', () => {
  it('adds, updates and removes planned links between two services', () => {
    const project = sample();
    const added = addLink(project, { from: 'svc-search', to: 'svc-reviews', style: 'grpc', label: 'ratings' });
    const link = added.links.at(-1)!;
    expect(link).toEqual({ id: 'svc-search-svc-reviews', from: 'svc-search', to: 'svc-reviews', style: 'grpc', label: 'ratings' });
    expect(updateLink(added, { linkId: link.id, changes: { label: 'ratings v2' } }).links.at(-1)!.label).toBe('ratings v2');
    expect(updateLink(added, { linkId: link.id, changes: { label: 'ratings' } })).toBe(added);
    expect(removeLink(added, { linkId: link.id }).links).toEqual(project.links);
    expect(() => addLink(project, { from: 'svc-search', to: 'svc-search' })).toThrow('A link joins two different services.');
    expect(() => addLink(project, { from: 'svc-search', to: MONOLITH_NODE_ID })).toThrow(CommandError);
  });

  it('moves nodes (adding missing positions) and sets the viewport, unchanged when nothing moves', () => {
    const project = sample();
    const moved = moveNodes(project, {
      positions: [
        { id: 'svc-search', x: 5, y: 6 },
        { id: MONOLITH_NODE_ID, x: 1, y: 2 },
      ],
    });
    expect(moved.layout.nodes.find((node) => node.id === 'svc-search')).toEqual({ id: 'svc-search', x: 5, y: 6 });
    expect(moveNodes(moved, { positions: [{ id: 'svc-search', x: 5, y: 6 }] })).toBe(moved);
    expect(() => moveNodes(project, { positions: [{ id: 'ghost', x: 0, y: 0 }] })).toThrow('No node with id "ghost" on the canvas.');
    const framed = setViewport(project, { x: 10, y: 20, zoom: 1.5 });
    expect(framed.layout.viewport).toEqual({ x: 10, y: 20, zoom: 1.5 });
    expect(setViewport(framed, { x: 10, y: 20, zoom: 1.5 })).toBe(framed);
    expect(() => setViewport(project, { x: 0, y: 0, zoom: 0 })).toThrow(/^Viewport: /);
  });
});

describe('registry and history', () => {
  it('registers every command once with a label, and runs them by id', () => {
    expect(COMMAND_LIST.map((command) => command.id)).toEqual(Object.keys(COMMANDS));
    for (const command of COMMAND_LIST) expect(command.label.length).toBeGreaterThan(0);
    expect(COMMAND_LIST.find((command) => command.id === 'module.assign')).toEqual({
      id: 'module.assign',
      label: 'Move to service…',
      group: 'Modules',
    });
    const after = runCommand(sample(), 'module.assign', { moduleIds: ['orders'], serviceId: 'svc-search' });
    expect(service(after, 'svc-search').moduleIds).toContain('orders');
    const pinned = runCommand(sample(), 'service.pin', { serviceId: 'svc-search', phaseId: 'phase-edge' });
    expect(service(pinned, 'svc-search').pinnedPhaseId).toBe('phase-edge');
    expect(new Set(COMMAND_LIST.map((command) => command.group))).toEqual(
      new Set(['Services', 'Modules', 'Dependencies', 'Links', 'Canvas', 'Roadmap', 'Scenarios']),
    );
  });

  it('undoes and redoes snapshots, records nothing for an unchanged project, and stays bounded', () => {
    const first = sample();
    let history = createHistory(first, 3);
    expect(canUndo(history)).toBe(false);
    expect(pushHistory(history, first)).toBe(history);
    const steps: Project[] = [];
    let project = first;
    for (let i = 0; i < 5; i++) {
      project = moveNodes(project, { positions: [{ id: 'svc-search', x: i * 10, y: 0 }] });
      steps.push(project);
      history = pushHistory(history, project);
    }
    expect(history.past).toHaveLength(3);
    history = undo(undo(undo(history)));
    expect(history.present).toBe(steps[1]);
    expect(canUndo(history)).toBe(false);
    expect(undo(history)).toBe(history);
    history = redo(history);
    expect(history.present).toBe(steps[2]);
    history = pushHistory(history, first);
    expect(canRedo(history)).toBe(false);
  });
});
