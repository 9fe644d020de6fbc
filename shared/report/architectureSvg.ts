import type { ServiceGraph } from '../analysis/serviceGraph';
import { LINK_STYLE_LABELS } from '../catalog/runtimes';
import { LINK_STYLES, MONOLITH_NODE_ID, type LinkStyle } from '../model/project';
import { countOf } from '../words';
import { architectureLayout, type Box, type LayoutSource } from './diagramLayout';
import { escapeHtml, formatNumber, truncate } from './escape';
import { DEPENDENCY_COLOUR, LINK_STROKES, phaseColour, tint } from './palette';
import { frameworkName, type ReportModel } from './reportModel';

// The report's architecture diagrams as vector SVG: the Monolith node and one box per service (name, framework,
// phase), module dependencies between them as grey arrows labelled with their weight, and the planned links
// styled by kind. The viewBox is fitted to the nodes. Where the boxes go: diagramLayout.ts. The whole target
// architecture is one drawing; each phase's "after phase N" drawing (phaseDiagrams.ts) uses the same pieces.

const PADDING = 40;
const LEGEND_HEIGHT = 56;

export interface Connection {
  from: string;
  to: string;
  kind: 'dependency' | LinkStyle;
  label: string;
  strokeWidth: number;
  /** The dependencies' total weight; 0 for a planned link. */
  weight: number;
}

const fixed = (value: number) => (Math.round(value * 10) / 10).toString();

/** Where the segment from the centre of `box` towards (tx, ty) leaves the box. */
function borderPoint(box: Box, tx: number, ty: number): [number, number] {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const scale = Math.min(dx === 0 ? Infinity : box.width / 2 / Math.abs(dx), dy === 0 ? Infinity : box.height / 2 / Math.abs(dy));
  return [cx + dx * scale, cy + dy * scale];
}

/** A grey arrow for module dependencies of this total weight. */
export const dependencyConnection = (from: string, to: string, weight: number): Connection => ({
  from,
  to,
  kind: 'dependency',
  label: formatNumber(weight),
  strokeWidth: Math.min(4, 1 + Math.log10(Math.max(1, weight))),
  weight,
});

/** A drawing keeps at least this many dependency arrows, else about two a box. */
const MIN_ARROWS = 16;

/**
 * Past about two arrows a box a drawing is a hairball that hides its boxes: the heaviest dependencies are
 * kept (in their order), the planned links always; `hidden` counts the dependencies left out, for the caption.
 */
export function heaviestConnections(connections: readonly Connection[], boxes: number): { kept: Connection[]; hidden: number } {
  const dependencies = connections.filter((connection) => connection.kind === 'dependency');
  const max = Math.max(MIN_ARROWS, 2 * boxes);
  if (dependencies.length <= max) return { kept: [...connections], hidden: 0 };
  const drawn = new Set([...dependencies].sort((a, b) => b.weight - a.weight).slice(0, max));
  return {
    kept: connections.filter((connection) => connection.kind !== 'dependency' || drawn.has(connection)),
    hidden: dependencies.length - max,
  };
}

/** The planned links, styled by kind. */
export function linkConnections(model: ReportModel): Connection[] {
  return model.project.links.map((link) => ({
    from: link.from,
    to: link.to,
    kind: link.style,
    label: link.label || LINK_STYLE_LABELS[link.style],
    strokeWidth: 2,
    weight: 0,
  }));
}

/** Every module dependency between two nodes, then every planned link. */
export function connectionsOf(model: ReportModel, graph: ServiceGraph): Connection[] {
  return [...graph.edges.map((edge) => dependencyConnection(edge.from, edge.to, edge.weight)), ...linkConnections(model)];
}

/** How a box is drawn: as every other ('plain'), as new in the phase drawn ('new'), or as context ('context'). */
export type Emphasis = 'plain' | 'new' | 'context';

function serviceBox(box: Box, model: ReportModel, emphasis: Emphasis): string {
  const facts = model.byServiceId.get(box.id);
  const service = model.project.services.find((candidate) => candidate.id === box.id)!;
  const colour = facts ? phaseColour(facts.phase.index) : '#475569';
  const phaseLabel = facts ? `Phase ${facts.phase.index}` : 'Not planned';
  const framework = facts?.frameworkName ?? frameworkName(service.framework);
  // New in the phase drawn: tinted and outlined thick in the phase's colour; context: grey, with its phase.
  const stroke = emphasis === 'context' ? '#94a3b8' : colour;
  const fill = emphasis === 'new' ? tint(colour, 0.12) : emphasis === 'context' ? '#f8fafc' : '#ffffff';
  const width = emphasis === 'new' ? 3.5 : emphasis === 'context' ? 1.5 : 2;
  return [
    `<g class="node service${emphasis === 'plain' ? '' : ` ${emphasis}`}">`,
    `<title>${escapeHtml(`${service.name}: ${framework}, ${phaseLabel}`)}</title>`,
    `<rect x="${fixed(box.x)}" y="${fixed(box.y)}" width="${box.width}" height="${box.height}" rx="8" fill="${fill}" stroke="${stroke}" stroke-width="${width}"/>`,
    `<rect x="${fixed(box.x)}" y="${fixed(box.y)}" width="6" height="${box.height}" rx="3" fill="${colour}"/>`,
    `<text x="${fixed(box.x + 16)}" y="${fixed(box.y + 28)}" class="node-name">${escapeHtml(truncate(service.name, 24))}</text>`,
    `<text x="${fixed(box.x + 16)}" y="${fixed(box.y + 50)}" class="node-detail">${escapeHtml(truncate(framework, 16))} · ${escapeHtml(phaseLabel)}</text>`,
    `</g>`,
  ].join('');
}

/** The Monolith's box; `remaining`: how many of its modules are still in it at the time drawn. */
function monolithBox(box: Box, model: ReportModel, remaining: number): string {
  const name = model.project.monolith.name;
  return [
    `<g class="node monolith">`,
    `<title>${escapeHtml(`${name} (the monolith)`)}</title>`,
    `<rect x="${fixed(box.x)}" y="${fixed(box.y)}" width="${box.width}" height="${box.height}" rx="10" fill="#f1f5f9" stroke="#334155" stroke-width="2.5"/>`,
    `<text x="${fixed(box.x + 16)}" y="${fixed(box.y + 30)}" class="node-name">${escapeHtml(truncate(name, 24))}</text>`,
    `<text x="${fixed(box.x + 16)}" y="${fixed(box.y + 54)}" class="node-detail">Monolith · ${escapeHtml(frameworkName(model.project.monolith.framework))}</text>`,
    `<text x="${fixed(box.x + 16)}" y="${fixed(box.y + 76)}" class="node-detail">${remaining} of ${countOf(model.project.monolith.modules.length, 'module')} ${remaining === 1 ? 'stays' : 'stay'}</text>`,
    `</g>`,
  ].join('');
}

/** The extent of one coordinate of a quadratic curve: its ends, and its turning point when it has one. */
function curveRange(a: number, c: number, b: number): [number, number] {
  const denominator = a - 2 * c + b;
  const t = denominator === 0 ? -1 : (a - c) / denominator;
  const turn = t > 0 && t < 1 ? (1 - t) * (1 - t) * a + 2 * (1 - t) * t * c + t * t * b : a;
  return [Math.min(a, b, turn), Math.max(a, b, turn)];
}

/** The box the quadratic curve p0 -> c -> p2 covers (not its control point, which lies further out). */
function curveBounds(
  p0: [number, number],
  c: [number, number],
  p2: [number, number],
): { minX: number; minY: number; maxX: number; maxY: number } {
  const [minX, maxX] = curveRange(p0[0], c[0], p2[0]);
  const [minY, maxY] = curveRange(p0[1], c[1], p2[1]);
  return { minX, minY, maxX, maxY };
}

/** Whether the quadratic curve p0 -> c -> p2 runs through any of `obstacles` (sampled). */
function hitsBox(p0: [number, number], c: [number, number], p2: [number, number], obstacles: readonly Box[]): boolean {
  for (let i = 1; i < 24; i++) {
    const t = i / 24;
    const x = (1 - t) * (1 - t) * p0[0] + 2 * (1 - t) * t * c[0] + t * t * p2[0];
    const y = (1 - t) * (1 - t) * p0[1] + 2 * (1 - t) * t * c[1] + t * t * p2[1];
    for (const box of obstacles) {
      if (x > box.x - 6 && x < box.x + box.width + 6 && y > box.y - 6 && y < box.y + box.height + 6) return true;
    }
  }
  return false;
}

const BENDS = [0, 50, -50, 100, -100, 160, -160, 240, -240];

/** A piece of the drawing and the area it covers, so that a tile of a large drawing takes only what it shows. */
interface Item {
  svg: string;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

interface LabelSpec {
  x: number;
  y: number;
  width: number;
  text: string;
  colour: string;
  isLink: boolean;
}

const LABEL_HEIGHT = 16;

/** Labels where their edges put them, each moved down just past any label placed before it or any box that it would cover. */
function placeLabels(specs: readonly LabelSpec[], boxes: readonly Item[]): Item[] {
  const placed: Item[] = [];
  for (const spec of specs) {
    let y = spec.y - 9;
    for (let tries = 0; tries < 12; tries++) {
      const covered = [...placed, ...boxes].find(
        (other) =>
          spec.x - spec.width / 2 < other.maxX &&
          spec.x + spec.width / 2 > other.minX &&
          y < other.maxY + 1 &&
          y + LABEL_HEIGHT > other.minY - 1,
      );
      if (!covered) break;
      y = covered.maxY + 2;
    }
    placed.push({
      svg:
        `<g class="edge-label"><rect x="${fixed(spec.x - spec.width / 2)}" y="${fixed(y)}" width="${fixed(spec.width)}" height="${LABEL_HEIGHT}" rx="4" fill="#ffffff" stroke="${spec.colour}" stroke-width="0.75"/>` +
        `<text x="${fixed(spec.x)}" y="${fixed(y + 12.5)}" text-anchor="middle" fill="${spec.isLink ? spec.colour : '#475569'}">${escapeHtml(spec.text)}</text></g>`,
      minX: spec.x - spec.width / 2,
      minY: y,
      maxX: spec.x + spec.width / 2,
      maxY: y + LABEL_HEIGHT,
    });
  }
  return placed;
}

function connectionPaths(connections: readonly Connection[], boxes: ReadonlyMap<string, Box>): { lines: Item[]; specs: LabelSpec[] } {
  // Connections between the same two boxes (both ways, dependencies and links) are spread apart.
  const pairs = new Map<string, Connection[]>();
  for (const connection of connections) {
    if (!boxes.has(connection.from) || !boxes.has(connection.to) || connection.from === connection.to) continue;
    const key = connection.from < connection.to ? `${connection.from}\u0000${connection.to}` : `${connection.to}\u0000${connection.from}`;
    const list = pairs.get(key) ?? [];
    list.push(connection);
    pairs.set(key, list);
  }
  const lines: Item[] = [];
  const specs: LabelSpec[] = [];
  for (const [key, list] of pairs) {
    const [a, b] = key.split('\u0000') as [string, string];
    const boxA = boxes.get(a)!;
    const boxB = boxes.get(b)!;
    const ax = boxA.x + boxA.width / 2;
    const ay = boxA.y + boxA.height / 2;
    const bx = boxB.x + boxB.width / 2;
    const by = boxB.y + boxB.height / 2;
    const length = Math.hypot(bx - ax, by - ay) || 1;
    // The normal of the pair's direction a -> b, so that an offset means the same side whichever way an edge runs.
    const nx = -(by - ay) / length;
    const ny = (bx - ax) / length;
    // A pair whose straight line crosses another box bends around it: the first bend that clears every box.
    const obstacles = [...boxes.values()].filter((box) => box.id !== a && box.id !== b);
    const mid: [number, number] = [(ax + bx) / 2, (ay + by) / 2];
    const bend =
      BENDS.find((candidate) => !hitsBox([ax, ay], [mid[0] + nx * candidate * 2, mid[1] + ny * candidate * 2], [bx, by], obstacles)) ?? 0;
    list.forEach((connection, k) => {
      const offset = (k - (list.length - 1) / 2) * 22;
      const from = boxes.get(connection.from)!;
      const to = boxes.get(connection.to)!;
      // The control point of the curve (a straight line when there is no bend and no offset).
      const control: [number, number] = [mid[0] + nx * (bend * 2 + offset), mid[1] + ny * (bend * 2 + offset)];
      const [x1, y1] = borderPoint(from, control[0], control[1]);
      const [x2, y2] = borderPoint(to, control[0], control[1]);
      const isLink = connection.kind !== 'dependency';
      const stroke = isLink ? LINK_STROKES[connection.kind as LinkStyle] : { colour: DEPENDENCY_COLOUR, dash: '' };
      const marker = isLink ? `arrow-${connection.kind}` : 'arrow-dependency';
      lines.push({
        svg:
          `<path d="M${fixed(x1)} ${fixed(y1)} Q${fixed(control[0])} ${fixed(control[1])} ${fixed(x2)} ${fixed(y2)}" fill="none" stroke="${stroke.colour}" stroke-width="${fixed(connection.strokeWidth)}"` +
          `${stroke.dash ? ` stroke-dasharray="${stroke.dash}"` : ''} marker-end="url(#${marker})" class="edge ${isLink ? 'link' : 'dependency'}"/>`,
        ...curveBounds([x1, y1], control, [x2, y2]),
      });
      // The label sits on the curve, the labels of one pair spread along it so that they do not cover each other.
      const along = Math.min(0.8, Math.max(0.2, 0.5 + (k - (list.length - 1) / 2) * (0.5 / Math.max(2, list.length))));
      // Measured from box a whichever way the connection runs.
      const t = connection.from === a ? along : 1 - along;
      const mx = (1 - t) * (1 - t) * x1 + 2 * (1 - t) * t * control[0] + t * t * x2;
      const my = (1 - t) * (1 - t) * y1 + 2 * (1 - t) * t * control[1] + t * t * y2;
      const text = truncate(connection.label, 24);
      const width = Array.from(text).length * 6.4 + 10;
      specs.push({ x: mx, y: my, width, text, colour: stroke.colour, isLink });
    });
  }
  return { lines, specs };
}

function markers(): string {
  const arrow = (id: string, colour: string) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`;
  return `<defs>${arrow('arrow-dependency', DEPENDENCY_COLOUR)}${LINK_STYLES.map((style) => arrow(`arrow-${style}`, LINK_STROKES[style].colour)).join('')}</defs>`;
}

function legend(x: number, y: number): { svg: string; width: number } {
  const items: string[] = [];
  let cursor = x;
  const entry = (colour: string, dash: string, label: string) => {
    items.push(
      `<line x1="${fixed(cursor)}" y1="${fixed(y)}" x2="${fixed(cursor + 34)}" y2="${fixed(y)}" stroke="${colour}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
        `<text x="${fixed(cursor + 42)}" y="${fixed(y + 4.5)}" class="legend">${escapeHtml(label)}</text>`,
    );
    cursor += 42 + label.length * 7.2 + 26;
  };
  entry(DEPENDENCY_COLOUR, '', 'Module dependencies (weight)');
  for (const style of LINK_STYLES) entry(LINK_STROKES[style].colour, LINK_STROKES[style].dash, `${LINK_STYLE_LABELS[style]} link`);
  return { svg: `<g class="legend">${items.join('')}</g>`, width: cursor - x };
}

/** A drawing wider or taller than this (layout units) is too small to read on one A4 page. */
const TILE = { width: 1000, height: 1300 };

export interface ArchitectureDrawing {
  /** The whole drawing in one SVG (on its own page, fitted to the width). */
  overview: string;
  /** For a large drawing that may be tiled, the same drawing cut into page-sized parts, in reading order; else empty. */
  tiles: string[];
  /** Too large to read on one page: the whole drawing leaves out the edge labels. */
  isLarge: boolean;
}

const intersects = (item: Item, x: number, y: number, width: number, height: number) =>
  item.maxX >= x && item.minX <= x + width && item.maxY >= y && item.minY <= y + height;

export interface DiagramSpec {
  /** Every box drawn: the Monolith's (id MONOLITH_NODE_ID) and services'. */
  boxes: readonly Box[];
  connections: readonly Connection[];
  emphasis: (serviceId: string) => Emphasis;
  /** Modules still in the monolith at the time drawn. */
  monolithModules: number;
  label: string;
  /** The legend and the arrow markers: drawn once in the document (later drawings refer to its markers). */
  withLegend: boolean;
  /** A drawing too large to read on one page is also cut into page-sized tiles; without this it is not. */
  mayTile: boolean;
  className?: string;
  /** Millimetres a layout unit may take at most when printed: a small drawing is not blown up to the page width. */
  maxUnitMm?: number;
}

/** One diagram: lines, then labels (so that no line crosses a label), then boxes. */
export function drawDiagram(model: ReportModel, spec: DiagramSpec): ArchitectureDrawing {
  const { boxes } = spec;
  const byId = new Map(boxes.map((box) => [box.id, box]));
  const { lines, specs } = connectionPaths(spec.connections, byId);
  const nodes: Item[] = boxes.map((box) => ({
    svg: box.id === MONOLITH_NODE_ID ? monolithBox(box, model, spec.monolithModules) : serviceBox(box, model, spec.emphasis(box.id)),
    minX: box.x,
    minY: box.y,
    maxX: box.x + box.width,
    maxY: box.y + box.height,
  }));
  // Past this size the labels would be too small to read on the whole drawing: they are left to the tiles.
  // (Measured on the boxes: an arrow bending out past them does not make a drawing large.)
  const boxesWidth = Math.max(...nodes.map((node) => node.maxX)) - Math.min(...nodes.map((node) => node.minX)) + 2 * PADDING;
  const boxesHeight = Math.max(...nodes.map((node) => node.maxY)) - Math.min(...nodes.map((node) => node.minY)) + 2 * PADDING;
  const isLarge = boxesWidth > TILE.width * 1.5 || boxesHeight > TILE.height * 1.3;
  // Placing labels is quadratic in their number: only when some drawing shows them.
  const labels = isLarge && !spec.mayTile ? [] : placeLabels(specs, nodes);
  // Fitted to the boxes, the arrows (which bend around boxes and may run outside them) and the labels drawn.
  const extent = [...nodes, ...lines, ...(isLarge ? [] : labels)];
  const minX = Math.min(...extent.map((item) => item.minX)) - PADDING;
  const minY = Math.min(...extent.map((item) => item.minY)) - PADDING;
  const maxX = Math.max(...extent.map((item) => item.maxX)) + PADDING;
  const maxY = Math.max(...extent.map((item) => item.maxY)) + PADDING;
  const legendWidth = spec.withLegend ? legend(0, 0).width + PADDING : 0;
  const width = Math.max(maxX - minX, legendWidth);
  const height = maxY - minY + (spec.withLegend ? LEGEND_HEIGHT : 0);
  const left = minX - (width - (maxX - minX)) / 2;
  const className = `architecture${spec.className ? ` ${spec.className}` : ''}`;
  const maxWidth = spec.maxUnitMm ? ` style="max-width:${fixed(width * spec.maxUnitMm)}mm"` : '';
  const overview =
    `<svg class="${className}" viewBox="${fixed(left)} ${fixed(minY)} ${fixed(width)} ${fixed(height)}"${maxWidth} role="img" aria-label="${escapeHtml(spec.label)}">` +
    `${spec.withLegend ? markers() : ''}${[...lines, ...(isLarge ? [] : labels), ...nodes].map((item) => item.svg).join('')}` +
    `${spec.withLegend ? legend(left + PADDING / 2, maxY + LEGEND_HEIGHT / 2 - 4).svg : ''}</svg>`;
  if (!isLarge || !spec.mayTile) return { overview, tiles: [], isLarge };

  // Columns of at most TILE.width; rows as tall as the page allows for that width (A4 content: 178 x 235 mm).
  const columns = Math.ceil((maxX - minX) / (TILE.width * 1.25));
  const tileWidth = (maxX - minX) / columns;
  const rows = Math.ceil((maxY - minY) / (tileWidth * (235 / 178)));
  const tileHeight = (maxY - minY) / rows;
  const tiles: string[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const x = minX + column * tileWidth;
      const y = minY + row * tileHeight;
      if (!nodes.some((node) => intersects(node, x, y, tileWidth, tileHeight))) continue;
      const shown = [...lines, ...labels, ...nodes].filter((item) => intersects(item, x, y, tileWidth, tileHeight));
      tiles.push(
        `<svg class="${className} tile" viewBox="${fixed(x)} ${fixed(y)} ${fixed(tileWidth)} ${fixed(tileHeight)}" role="img" aria-label="${escapeHtml(
          `${spec.label}, part ${tiles.length + 1}`,
        )}">${shown.map((item) => item.svg).join('')}</svg>`,
      );
    }
  }
  return { overview, tiles, isLarge };
}

/**
 * The whole target architecture in one drawing, never tiled: at 50-300 services it shows the shape of the
 * design (boxes coloured by phase), and every service is drawn large enough to read in its own phase's
 * "after phase N" drawing (phaseDiagrams.ts), so tiling the whole map as well would print each box twice.
 */
export function renderArchitecture(
  model: ReportModel,
  graph: ServiceGraph,
): { svg: string; source: LayoutSource; isLarge: boolean; hidden: number } {
  const { boxes, source } = architectureLayout(model.project, (id) => model.byServiceId.get(id)?.phase.index ?? null);
  const { kept, hidden } = heaviestConnections(connectionsOf(model, graph), boxes.length);
  const drawing = drawDiagram(model, {
    boxes,
    connections: kept,
    emphasis: () => 'plain',
    monolithModules: model.modules.filter((module) => module.serviceName === null).length,
    label: `Target architecture: the monolith and ${countOf(model.project.services.length, 'service')}`,
    withLegend: true,
    mayTile: false,
  });
  return { svg: drawing.overview, source, isLarge: drawing.isLarge, hidden };
}
