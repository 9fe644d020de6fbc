import { LayoutSchema, NodePositionSchema } from '../model/project';
import type { Layout, NodePosition, Project } from '../model/project';
import { z } from 'zod';
import { CommandError, parseOrThrow } from './errors';
import { isNodeId } from './shared';

// Where nodes sit on the canvas and how it is framed. A drag commits one moveNodes when it ends.

/** Sets the positions of canvas nodes (the Monolith node or services); a node without a position gains one. */
export function moveNodes(project: Project, { positions }: { positions: readonly NodePosition[] }): Project {
  const parsed = parseOrThrow(z.array(NodePositionSchema), positions, 'Node positions');
  for (const position of parsed) {
    if (!isNodeId(project, position.id)) throw new CommandError(`No node with id "${position.id}" on the canvas.`);
  }
  const wanted = new Map(parsed.map((position) => [position.id, position]));
  let changed = false;
  const nodes = project.layout.nodes.map((node) => {
    const position = wanted.get(node.id);
    if (!position) return node;
    wanted.delete(node.id);
    if (position.x === node.x && position.y === node.y) return node;
    changed = true;
    return { id: node.id, x: position.x, y: position.y };
  });
  if (!changed && wanted.size === 0) return project;
  return { ...project, layout: { ...project.layout, nodes: [...nodes, ...wanted.values()] } };
}

export function setViewport(project: Project, viewport: Layout['viewport']): Project {
  const parsed = parseOrThrow(LayoutSchema.shape.viewport, viewport, 'Viewport');
  const current = project.layout.viewport;
  if (parsed.x === current.x && parsed.y === current.y && parsed.zoom === current.zoom) return project;
  return { ...project, layout: { ...project.layout, viewport: { x: parsed.x, y: parsed.y, zoom: parsed.zoom } } };
}
