import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { generateProject } from '../../bench/generate';
import { serializeProject } from '../../shared/format/save';
import { openFromWorkspace, SHOTS, viewSettled } from './helpers';

// A proposal accepted on a real-sized import: every service node is placed apart from the others and from the
// Monolith, and the view is fitted so that every node is on screen and none sits under the zoom controls or the
// minimap. Positions are read from the nodes the browser draws, so the size estimate behind the grid is checked.

/** Clusters of packages that import each other, and one import to the next cluster: Louvain finds the clusters. */
async function clusteredTree(dir: string, clusters: number, perCluster: number): Promise<void> {
  for (let c = 0; c < clusters; c++) {
    for (let p = 0; p < perCluster; p++) {
      // Long names in the first cluster: chips wrap to several rows, the tallest nodes the canvas draws.
      const name = c === 0 ? `cluster0_with_a_rather_long_package_name_${p}` : `c${c}_pkg${p}`;
      const pkg = path.join(dir, name);
      await mkdir(pkg, { recursive: true });
      const peers = Array.from({ length: perCluster }, (_, q) =>
        c === 0 ? `cluster0_with_a_rather_long_package_name_${q}` : `c${c}_pkg${q}`,
      ).filter((q) => q !== name);
      const next = c + 1 < clusters ? [`c${c + 1}_pkg0`] : [];
      await writeFile(path.join(pkg, '__init__.py'), [...peers, ...peers, ...next].map((q) => `import ${q}\n`).join('') + 'VALUE = 1\n');
    }
  }
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const intersects = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Rect, b: Rect) =>
  a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;

/** Every node on screen, none under the zoom controls or the minimap. */
async function expectNodesClear(page: Page, when = 'fitted'): Promise<void> {
  const pane = (await page.locator('.react-flow').boundingBox())!;
  const controls = (await page.locator('.react-flow__controls').boundingBox())!;
  const minimap = (await page.locator('.react-flow__minimap').boundingBox())!;
  const nodes = await page.locator('.react-flow__node').evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { id: element.getAttribute('data-id') ?? '', x: box.x, y: box.y, width: box.width, height: box.height };
    }),
  );
  expect(nodes.length).toBeGreaterThan(1);
  for (const node of nodes) {
    expect(inside(node, pane), `${when}: ${node.id} is on screen`).toBe(true);
    expect(intersects(node, controls), `${when}: ${node.id} is clear of the zoom controls`).toBe(false);
    expect(intersects(node, minimap), `${when}: ${node.id} is clear of the minimap`).toBe(false);
  }
}

test('an accepted proposal is laid out with no overlap and fitted clear of the controls and minimap', async ({ page, carve }) => {
  await clusteredTree(path.join(carve.workspace, 'platform'), 14, 5);
  await page.goto(carve.url);
  await page.getByRole('button', { name: /Import Python source/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from Python source' });
  await dialog.getByRole('textbox', { name: 'Source folder' }).fill('platform');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const result = page.getByRole('dialog', { name: 'Python source imported' });
  await result.getByRole('combobox', { name: 'Modules by' }).selectOption('package');
  await expect(result.getByRole('region', { name: 'Import report' }).locator('dt:text-is("Modules") + dd')).toHaveText('70');
  await result.getByRole('button', { name: 'Suggest service boundaries' }).click();
  const proposal = result.getByRole('list', { name: /^Proposed services/ });
  await expect(proposal.getByRole('listitem').first()).toBeVisible();
  const proposed = await proposal.getByRole('listitem').count();
  expect(proposed).toBeGreaterThanOrEqual(8);
  await result.getByRole('button', { name: `Accept ${proposed} services` }).click();
  await expect(result.getByRole('button', { name: 'Accepted' })).toBeDisabled();
  await result.getByRole('button', { name: 'Done' }).click();
  await expect(result).toBeHidden();

  await expect(page.locator('.react-flow__node-service')).toHaveCount(proposed);
  await viewSettled(page);
  await page.screenshot({ path: `${SHOTS}/canvas-accepted-proposal.png` });

  const nodes = await page.locator('.react-flow__node').evaluateAll((elements) =>
    elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { id: element.getAttribute('data-id') ?? '', x: box.x, y: box.y, width: box.width, height: box.height };
    }),
  );
  expect(nodes).toHaveLength(proposed + 1);
  const overlapping = nodes.flatMap((a, i) =>
    nodes
      .slice(i + 1)
      .filter((b) => intersects(a, b))
      .map((b) => `${a.id} ~ ${b.id}`),
  );
  expect(overlapping).toEqual([]);

  await expectNodesClear(page);
});

test('the legend, the edge weight threshold and Arrange by phase, on the sample', async ({ page, carve }) => {
  void carve;
  await page.goto(carve.url);
  await page.getByRole('button', { name: /Open sample/ }).click();
  await expect(page.locator('.react-flow__node-service')).toHaveCount(4);

  // The legend is a strip under the toolbar: the canvas pane shrinks rather than being covered.
  const paneBefore = (await page.locator('.react-flow').boundingBox())!;
  await page.getByRole('button', { name: 'Legend' }).click();
  const legend = page.getByRole('list', { name: 'Canvas legend' });
  await expect(legend).toContainText('Module dependencies (width by weight)');
  await expect(legend).toContainText('gRPC link (planned)');
  const legendBox = (await legend.boundingBox())!;
  const paneAfter = (await page.locator('.react-flow').boundingBox())!;
  expect(paneAfter.y).toBeGreaterThanOrEqual(legendBox.y + legendBox.height - 0.5);
  expect(paneAfter.height).toBeLessThan(paneBefore.height);
  await page.getByRole('button', { name: 'Legend' }).click();
  await expect(legend).toBeHidden();

  // A weight threshold hides light dependency edges and says how many are drawn.
  const edges = page.locator('.react-flow__edge-dependency');
  const all = await edges.count();
  await page.getByRole('combobox', { name: 'Edges by weight' }).selectOption('5');
  await expect(page.getByRole('status').filter({ hasText: /^Showing \d+ of \d+: the dependency edges of weight 5 or more/ })).toBeVisible();
  await expect.poll(() => edges.count()).toBeLessThan(all);
  await page.getByRole('combobox', { name: 'Edges by weight' }).selectOption('1');
  await expect.poll(() => edges.count()).toBe(all);

  // Arrange by phase: services in their phases' order, left to right (the sample's four fit in one band).
  await page.getByRole('button', { name: 'By phase' }).click();
  await expect
    .poll(async () => {
      const placed = await page.locator('.react-flow__node-service').evaluateAll((elements) =>
        elements.map((element) => ({
          x: element.getBoundingClientRect().x,
          phase: Number(/P(\d+)/.exec(element.textContent ?? '')?.[1] ?? -1),
        })),
      );
      const byX = [...placed].sort((a, b) => a.x - b.x).map((p) => p.phase);
      return byX.every((phase, i) => i === 0 || phase >= byX[i - 1]!);
    })
    .toBe(true);
  // ... and the view is fitted to the new arrangement.
  await viewSettled(page);
  const pane = (await page.locator('.react-flow').boundingBox())!;
  for (const node of await page.locator('.react-flow__node').all()) expect(inside((await node.boundingBox())!, pane)).toBe(true);
  await page.screenshot({ path: `${SHOTS}/canvas-by-phase.png` });
  await page.locator('body').press('Control+z');
});

test('a file with no saved view opens fitted clear of the controls and minimap, and stays so as the pane changes size, until the user moves the view', async ({
  page,
  carve,
}) => {
  // As `carve suggest` writes a project: services laid out, the view not saved.
  const project = generateProject({ services: 12, modules: 60, dependencies: 120, seed: 12 });
  const file = { ...project, layout: { ...project.layout, viewport: { x: 0, y: 0, zoom: 1 } } };
  await writeFile(path.join(carve.workspace, 'suggested.carve'), serializeProject(file));
  await page.goto(carve.url);
  await openFromWorkspace(page, 'suggested.carve');
  await expect(page.locator('.react-flow__node-service')).toHaveCount(12);
  await expect(page.getByRole('region', { name: 'Roadmap', exact: true })).toBeVisible();
  await viewSettled(page);
  await expectNodesClear(page, 'on open');

  // The legend opens above the canvas and the roadmap closes below it: each time the pane changes size, the view
  // is fitted to it again.
  const paneHeight = async () => (await page.locator('.react-flow').boundingBox())!.height;
  const before = await paneHeight();
  await page.getByRole('button', { name: 'Legend' }).click();
  await expect.poll(paneHeight).toBeLessThan(before);
  await viewSettled(page);
  await expectNodesClear(page, 'legend open');
  await page.getByRole('button', { name: 'Roadmap', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Roadmap', exact: true })).toBeHidden();
  await viewSettled(page);
  await expectNodesClear(page, 'roadmap closed');
  await page.getByRole('button', { name: 'Roadmap', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Roadmap', exact: true })).toBeVisible();
  await viewSettled(page);
  await expectNodesClear(page, 'roadmap open again');
  await page.screenshot({ path: `${SHOTS}/canvas-fitted-on-open.png` });

  // Once the user zooms, the view is theirs: closing the legend leaves it where it is.
  await page.getByRole('button', { name: 'Zoom In', exact: true }).click();
  await viewSettled(page);
  const transform = () => page.locator('.react-flow__viewport').evaluate((element) => getComputedStyle(element).transform);
  const zoomed = await transform();
  const heightWithLegend = await paneHeight();
  await page.getByRole('button', { name: 'Legend' }).click();
  await expect.poll(paneHeight).toBeGreaterThan(heightWithLegend);
  await viewSettled(page);
  expect(await transform()).toBe(zoomed);
});

/** Ends of the drawn edges, on screen, that are not on the border of a drawn node (a handle sits on the border and
 * reaches 4.5 px past it). */
async function looseEdgeEnds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const boxes = [...document.querySelectorAll('.react-flow__node')].map((node) => node.getBoundingClientRect());
    const onBorder = (box: DOMRect, x: number, y: number) =>
      x >= box.left - 6 &&
      x <= box.right + 6 &&
      y >= box.top - 6 &&
      y <= box.bottom + 6 &&
      (Math.abs(x - box.left) <= 6 || Math.abs(x - box.right) <= 6 || Math.abs(y - box.top) <= 6 || Math.abs(y - box.bottom) <= 6);
    const loose: string[] = [];
    for (const path of document.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path')) {
      const matrix = path.getScreenCTM();
      if (!matrix) continue;
      for (const at of [0, path.getTotalLength()]) {
        const point = new DOMPoint(path.getPointAtLength(at).x, path.getPointAtLength(at).y).matrixTransform(matrix);
        const onScreen = point.x > pane.left + 10 && point.x < pane.right - 10 && point.y > pane.top + 10 && point.y < pane.bottom - 10;
        if (onScreen && !boxes.some((box) => onBorder(box, point.x, point.y))) loose.push(`${Math.round(point.x)},${Math.round(point.y)}`);
      }
    }
    return loose;
  });
}

test('a large design draws only the nodes on screen when it opens, every node once fitted, and edges at their sides', async ({
  page,
  carve,
}) => {
  test.setTimeout(120_000);
  const project = generateProject({ services: 400, modules: 4_000, dependencies: 20_000, seed: 400 });
  await writeFile(path.join(carve.workspace, 'fitted.carve'), serializeProject(project));
  await page.goto(carve.url);
  // The most nodes the page ever held, counted as they come and go (React Flow used to draw every node once to
  // measure it, then take the off-screen ones away).
  await page.evaluate(() => {
    const w = window as unknown as { mostNodes: number };
    w.mostNodes = 0;
    new MutationObserver(() => {
      w.mostNodes = Math.max(w.mostNodes, document.querySelectorAll('.react-flow__node').length);
    }).observe(document.body, { childList: true, subtree: true });
  });
  await openFromWorkspace(page, 'fitted.carve');
  await expect(page.locator('.react-flow__node-service').first()).toBeVisible({ timeout: 60_000 });
  await viewSettled(page);
  const drawn = await page.locator('.react-flow__node').count();
  const most = await page.evaluate(() => (window as unknown as { mostNodes: number }).mostNodes);
  expect(drawn).toBeGreaterThan(1);
  expect(drawn).toBeLessThan(60);
  expect(most).toBeLessThan(60);
  // The nodes on screen were measured when drawn: the edges between them end on their sides, where the browser
  // put the handles, not where an estimate did.
  expect(await page.locator('.react-flow__edge').count()).toBeGreaterThan(0);
  expect(await looseEdgeEnds(page)).toEqual([]);

  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(project.services.length + 1);
});
