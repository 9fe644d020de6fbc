import { MONOLITH_NODE_ID } from '../model/project';
import type { NodePosition, Project } from '../model/project';

// Where new service nodes go when many arrive at once (a proposal accepted): a grid whose rows are as tall as
// their tallest node, beside or below what is already on the canvas, so that no two nodes overlap on the canvas
// or in the report's architecture diagram. Node sizes are estimated from the canvas's CSS (renderer/features/
// canvas/canvas.css: a 220 px service node, 240 px Monolith; chips of 11 px monospace text wrapped in 192 px); the
// estimate errs on the large side, and an end-to-end test checks it against the nodes the browser draws.

/** A service node lists its modules as chips up to this many; past it the node collapses to a count. */
export const CHIP_LIMIT = 12;

export const SERVICE_NODE_WIDTH = 220;
export const MONOLITH_NODE_WIDTH = 240;
/** Head, framework line and facts line with the node's padding and border. */
const SERVICE_BASE_HEIGHT = 84;
export const MONOLITH_HEIGHT = 160;
const CHIP_ROW_HEIGHT = 22;
const CHIP_AREA_TOP = 8;
/** Width the chips wrap in: the node less its padding (12 + 16) and border. */
const CHIP_AREA_WIDTH = SERVICE_NODE_WIDTH - 30;
const CHIP_CHAR_WIDTH = 7;
const CHIP_PADDING = 12;
const CHIP_GAP = 4;
/** The "N modules (collapsed)" or "Drop modules here" line. */
const NOTE_HEIGHT = 24;

export const GAP_X = 64;
export const GAP_Y = 48;

export interface NodeSize {
  width: number;
  height: number;
}

/** The size a service node is drawn at, from the short names of its chips (null: collapsed past CHIP_LIMIT). */
export function estimateServiceSize(chipNames: readonly string[] | null): NodeSize {
  if (chipNames === null || chipNames.length === 0) return { width: SERVICE_NODE_WIDTH, height: SERVICE_BASE_HEIGHT + NOTE_HEIGHT };
  let rows = 1;
  let used = 0;
  for (const name of chipNames) {
    const width = Math.min(CHIP_AREA_WIDTH, name.length * CHIP_CHAR_WIDTH + CHIP_PADDING);
    if (used > 0 && used + CHIP_GAP + width > CHIP_AREA_WIDTH) {
      rows++;
      used = width;
    } else {
      used += (used > 0 ? CHIP_GAP : 0) + width;
    }
  }
  return { width: SERVICE_NODE_WIDTH, height: SERVICE_BASE_HEIGHT + CHIP_AREA_TOP + rows * CHIP_ROW_HEIGHT };
}

/** The chips a service node shows: the last part of each module's dotted name, or null when collapsed. */
export function chipNamesOf(project: Project, moduleIds: readonly string[]): string[] | null {
  if (moduleIds.length > CHIP_LIMIT) return null;
  const byId = new Map(project.monolith.modules.map((m) => [m.id, m.name]));
  return moduleIds.map((id) => {
    const name = byId.get(id) ?? id;
    return name.slice(name.lastIndexOf('.') + 1);
  });
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a node without a saved position is drawn: the Monolith at the origin, services on a grid to its right. */
export function fallbackPosition(index: number): { x: number; y: number } {
  if (index < 0) return { x: 0, y: 0 };
  const columns = 6;
  return { x: 360 + (index % columns) * 280, y: Math.floor(index / columns) * 220 };
}

/** The boxes of the nodes as the canvas draws them now: the Monolith first, saved positions, else the fallback. */
function drawnBoxes(project: Project): Box[] {
  const saved = new Map(project.layout.nodes.map((node) => [node.id, node]));
  const monolith = saved.get(MONOLITH_NODE_ID) ?? fallbackPosition(-1);
  const boxes: Box[] = [{ x: monolith.x, y: monolith.y, width: MONOLITH_NODE_WIDTH, height: MONOLITH_HEIGHT }];
  project.services.forEach((service, index) => {
    const at = saved.get(service.id) ?? fallbackPosition(index);
    boxes.push({ x: at.x, y: at.y, ...estimateServiceSize(chipNamesOf(project, service.moduleIds)) });
  });
  return boxes;
}

/**
 * Grid positions for these new nodes (in order): to the right of the Monolith when it is alone on the canvas,
 * else below everything drawn; about 1.6 times as wide as tall, like the canvas; each row as tall as its tallest.
 */
export function gridPositions(project: Project, nodes: readonly { id: string; size: NodeSize }[]): NodePosition[] {
  if (nodes.length === 0) return [];
  const existing = drawnBoxes(project);
  const monolith = existing[0]!;
  const origin =
    existing.length === 1
      ? { x: monolith.x + monolith.width + GAP_X * 2, y: monolith.y }
      : { x: Math.min(...existing.map((b) => b.x)), y: Math.max(...existing.map((b) => b.y + b.height)) + GAP_Y * 2 };
  const cellWidth = SERVICE_NODE_WIDTH + GAP_X;
  const typicalHeight = nodes.reduce((sum, n) => sum + n.size.height, 0) / nodes.length + GAP_Y;
  const columns = Math.max(1, Math.min(nodes.length, Math.round(Math.sqrt((nodes.length * 1.6 * typicalHeight) / cellWidth))));
  const positions: NodePosition[] = [];
  let y = origin.y;
  for (let start = 0; start < nodes.length; start += columns) {
    const row = nodes.slice(start, start + columns);
    row.forEach((node, k) => positions.push({ id: node.id, x: origin.x + k * cellWidth, y }));
    y += Math.max(...row.map((n) => n.size.height)) + GAP_Y;
  }
  return positions;
}

/** Rows in one group's block before it takes another column. */
const BLOCK_ROWS = 6;
/** Up to this many blocks (the Monolith's included) stand in one row whatever their shape. */
const ONE_ROW_BLOCKS = 8;

/**
 * Positions by group (a roadmap phase): each group a block of columns at most BLOCK_ROWS tall, the blocks left to
 * right in group order (null last), wrapped into bands so that the whole is about 1.6 times as wide as tall
 * rather than one long strip. `first` (the Monolith) stands alone before every group.
 */
export function blocksByGroup(
  nodes: readonly { id: string; group: number | null; size: NodeSize }[],
  first: string | null,
): NodePosition[] {
  const order = (g: number | null) => (g === null ? Number.MAX_SAFE_INTEGER : g);
  const groups = new Map<number, { id: string; size: NodeSize }[]>();
  for (const node of nodes) {
    const key = node.id === first ? -1 : order(node.group);
    const list = groups.get(key) ?? [];
    list.push(node);
    groups.set(key, list);
  }
  const blocks = [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, members]) => {
      const columns: { id: string; size: NodeSize }[][] = [];
      for (let k = 0; k < members.length; k += BLOCK_ROWS) columns.push(members.slice(k, k + BLOCK_ROWS));
      const widths = columns.map((column) => Math.max(...column.map((n) => n.size.width)));
      const heights = columns.map((column) => column.reduce((sum, n) => sum + n.size.height + GAP_Y, 0));
      return { columns, widths, width: widths.reduce((sum, w) => sum + w + GAP_X, 0), height: Math.max(...heights) };
    });
  const area = blocks.reduce((sum, b) => sum + (b.width + GAP_X) * (b.height + GAP_Y * 2), 0);
  // A few phases stay in one row, as the roadmap reads; many wrap.
  const allInOneRow = blocks.reduce((sum, b) => sum + b.width + GAP_X, 0);
  const bandWidth = blocks.length <= ONE_ROW_BLOCKS ? allInOneRow : Math.max(Math.sqrt(area * 1.6), ...blocks.map((b) => b.width));
  const positions: NodePosition[] = [];
  let x = 0;
  let y = 0;
  let bandHeight = 0;
  for (const block of blocks) {
    if (x > 0 && x + block.width > bandWidth) {
      x = 0;
      y += bandHeight + GAP_Y * 2;
      bandHeight = 0;
    }
    let columnX = x;
    block.columns.forEach((column, c) => {
      let rowY = y;
      for (const node of column) {
        positions.push({ id: node.id, x: Math.round(columnX), y: Math.round(rowY) });
        rowY += node.size.height + GAP_Y;
      }
      columnX += block.widths[c]! + GAP_X;
    });
    x += block.width + GAP_X;
    bandHeight = Math.max(bandHeight, block.height);
  }
  return positions;
}
