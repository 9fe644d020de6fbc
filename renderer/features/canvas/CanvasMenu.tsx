import type { Project } from '../../../shared/model/project';
import { commandShortcut } from '../../platform/keys';
import { ContextMenu, type MenuItem } from '../../widgets/ContextMenu';
import { moveModulesTo } from '../../state/moduleActions';
import { selectEdge, selectionStore } from '../../state/selectionStore';
import { uiStore, togglePanel } from '../../state/uiStore';
import { deleteLink, deleteServices, hasClipboard, newServiceAt, pasteClipboard, selectedServiceIds } from './canvasActions';
import { canvasStore, openMenu, startRename, type ContextMenuState, useCanvas } from '../../state/canvasStore';

// The canvas's context menus: on a node, on an edge, on empty canvas. An item that is a command names the key
// the command table gives it (shared/commands/appCommands.ts).

const close = () => openMenu(null);

function itemsFor(menu: ContextMenuState, project: Project): { label: string; items: MenuItem[] } {
  const controls = canvasStore.getState().controls;
  const target = menu.target;
  if (target.kind === 'node') {
    const service = project.services.find((candidate) => candidate.id === target.nodeId);
    const selection = selectionStore.getState().nodeIds;
    const layoutSelection: MenuItem = {
      label: 'Auto-layout selection',
      disabled: selection.length < 2,
      onSelect: () => void controls?.autoLayout(selection),
    };
    if (!service) {
      const remaining = project.monolith.modules.filter((module) => !project.services.some((s) => s.moduleIds.includes(module.id)));
      return {
        label: 'Monolith',
        items: [
          {
            label: 'Move modules…',
            disabled: remaining.length === 0,
            onSelect: () => void moveModulesTo(remaining.map((module) => module.id)),
          },
          layoutSelection,
          { label: 'Zoom to selection', onSelect: () => controls?.fitSelection() },
        ],
      };
    }
    const ids = selectedServiceIds();
    return {
      label: `Service ${service.name}`,
      items: [
        { label: 'Rename', ...commandShortcut('service:rename'), onSelect: () => startRename(service.id) },
        { label: 'Move modules…', disabled: service.moduleIds.length === 0, onSelect: () => void moveModulesTo([...service.moduleIds]) },
        layoutSelection,
        { label: 'Zoom to selection', onSelect: () => controls?.fitSelection() },
        {
          label: ids.length > 1 ? `Delete ${ids.length} services` : 'Delete',
          ...commandShortcut('service:delete'),
          danger: true,
          onSelect: () => deleteServices(ids.length > 0 ? ids : [service.id]),
        },
      ],
    };
  }
  if (target.kind === 'edge') {
    const isLink = project.links.some((link) => link.id === target.edgeId);
    return {
      label: isLink ? 'Planned link' : 'Dependencies',
      items: [
        {
          label: 'Show dependencies',
          disabled: isLink,
          onSelect: () => {
            selectEdge(target.edgeId);
            if (!uiStore.getState().panels.inspector) togglePanel('inspector');
          },
        },
        {
          label: 'Delete link',
          ...commandShortcut('service:delete'),
          disabled: !isLink,
          danger: true,
          onSelect: () => deleteLink(target.edgeId),
        },
      ],
    };
  }
  return {
    label: 'Canvas',
    items: [
      { label: 'New service here', onSelect: () => newServiceAt(target.flow) },
      { label: 'Paste', ...commandShortcut('service:paste'), disabled: !hasClipboard(), onSelect: () => pasteClipboard(target.flow) },
      { label: 'Auto-layout all', onSelect: () => void controls?.autoLayout(null) },
      { label: 'Fit', ...commandShortcut('view:fit'), onSelect: () => controls?.fit() },
    ],
  };
}

export function CanvasMenu({ project }: { project: Project }) {
  const menu = useCanvas((state) => state.menu);
  if (!menu) return null;
  const { label, items } = itemsFor(menu, project);
  return <ContextMenu label={label} x={menu.x} y={menu.y} items={items} onClose={close} />;
}
