import { blocksByGroup, GAP_Y } from '../commands/arrange';
import { MONOLITH_NODE_ID, type Project } from '../model/project';

// Where the report's diagrams put their boxes. The report draws its own boxes (smaller than the canvas's nodes,
// which grow with their module chips), so a saved canvas layout is used only when every service has a position
// and no two of the report's boxes overlap there; otherwise (a layout typed by hand, an old file, nodes dropped
// on each other, no layout at all) the report lays the diagram out itself, phase by phase, with the canvas's own
// By phase arrangement (shared/commands/arrange.ts, blocksByGroup), which never overlaps.

export const SERVICE_BOX = { width: 220, height: 70 };
export const MONOLITH_BOX = { width: 240, height: 96 };

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Boxes nearer than this (layout units) count as overlapping: a smaller gap leaves no room for an arrow. */
export const MIN_GAP = 8;

const sizeOf = (id: string) => (id === MONOLITH_NODE_ID ? MONOLITH_BOX : SERVICE_BOX);

/** The first two boxes that overlap (or come nearer than MIN_GAP), or null: a sweep along x, n log n for a grid. */
export function firstOverlap(boxes: readonly Box[]): [Box, Box] | null {
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (b.x >= a.x + a.width + MIN_GAP) break;
      if (b.y < a.y + a.height + MIN_GAP && a.y < b.y + b.height + MIN_GAP) return [a, b];
    }
  }
  return null;
}

/**
 * Room added around each box when the report lays boxes out, on top of the canvas's gaps (64 x 48): an edge
 * label (16 high) and a curved arrow fit between two boxes of a column.
 */
const ROOM = { width: 56, height: 32 };

/** Boxes in blocks by group (a phase), in group order, the Monolith alone first: no two overlap. */
export function layoutByGroup(nodes: readonly { id: string; group: number | null }[]): Box[] {
  const positions = blocksByGroup(
    nodes.map((node) => {
      const size = sizeOf(node.id);
      return { id: node.id, group: node.group, size: { width: size.width + ROOM.width, height: size.height + ROOM.height } };
    }),
    MONOLITH_NODE_ID,
  );
  return positions.map((position) => ({ id: position.id, x: position.x, y: position.y, ...sizeOf(position.id) }));
}

/**
 * Boxes in rows of at most `columns`, each group starting a new row, in order: a page-shaped drawing (portrait
 * A4 holds 4 boxes across at a readable size), where blocksByGroup makes a landscape one like the canvas.
 */
export function layoutInRows(groups: readonly (readonly string[])[], columns: number): Box[] {
  const cellWidth = MONOLITH_BOX.width + ROOM.width;
  const boxes: Box[] = [];
  let y = 0;
  for (const group of groups) {
    for (let start = 0; start < group.length; start += columns) {
      const row = group.slice(start, start + columns);
      row.forEach((id, k) => boxes.push({ id, x: k * cellWidth, y, ...sizeOf(id) }));
      y += Math.max(...row.map((id) => sizeOf(id).height)) + GAP_Y + ROOM.height;
    }
  }
  return boxes;
}

/** Where the whole architecture's boxes come from: the saved canvas layout, or the report's own by phase. */
export type LayoutSource = 'saved' | 'missing' | 'overlapping';

export interface ArchitectureLayout {
  /** The Monolith first, then the services in project order. */
  boxes: Box[];
  source: LayoutSource;
}

/**
 * The boxes of the whole architecture: at the saved canvas positions when every service has one and none
 * overlap (the Monolith, never moved, sits at the canvas's origin as the canvas draws it), else laid out by
 * phase (`phaseOf`: a service's phase index).
 */
export function architectureLayout(project: Project, phaseOf: (serviceId: string) => number | null): ArchitectureLayout {
  const saved = new Map(project.layout.nodes.map((node) => [node.id, node]));
  const ids = [MONOLITH_NODE_ID, ...project.services.map((service) => service.id)];
  const isComplete = project.services.every((service) => saved.has(service.id));
  if (isComplete) {
    const boxes = ids.map((id) => ({ id, x: saved.get(id)?.x ?? 0, y: saved.get(id)?.y ?? 0, ...sizeOf(id) }));
    if (!firstOverlap(boxes)) return { boxes, source: 'saved' };
  }
  const laid = new Map(
    layoutByGroup(ids.map((id) => ({ id, group: id === MONOLITH_NODE_ID ? null : phaseOf(id) }))).map((box) => [box.id, box]),
  );
  return { boxes: ids.map((id) => laid.get(id)!), source: isComplete ? 'overlapping' : 'missing' };
}
