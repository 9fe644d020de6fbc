import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { expect, test } from './fixtures';
import { openSample, saveAs, SHOTS, viewSettled } from './helpers';

// The canvas with real mouse drags in Chromium: modules dragged from the monolith panel (HTML5 drag and drop,
// which Playwright's mouse drives natively in Chromium) onto empty canvas and onto a service, node drags, undo
// and redo, the file on disk; then the same flow with the keyboard alone.

const moduleRow = (page: Page, name: string) => page.getByRole('treeitem', { name: new RegExp(`^${name.replace('.', '\\.')},`) });
const serviceNode = (page: Page, id: string) => page.getByTestId(`service-node-${id}`);

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A point on empty canvas (the pane itself, no node, edge or control under it). */
async function emptyCanvasPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    for (let y = pane.top + 40; y < pane.bottom - 40; y += 24) {
      for (let x = pane.left + 40; x < pane.right - 260; x += 24) {
        const hit = document.elementFromPoint(x, y);
        if (hit?.classList.contains('react-flow__pane')) {
          const clear = [-110, 110].every((dx) =>
            [-50, 50].every((dy) => document.elementFromPoint(x + dx, y + dy)?.classList.contains('react-flow__pane')),
          );
          if (clear) return { x, y };
        }
      }
    }
    return null;
  });
  if (!point) throw new Error('no empty spot on the canvas');
  return point;
}

/** A true mouse drag: press, move in steps (the browser starts its drag and drop), release. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 4, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

/** Open the sample and frame the whole canvas. */
async function openSampleCanvas(page: Page): Promise<void> {
  await openSample(page);
  await expect(page.getByTestId('monolith-node')).toBeVisible();
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await expect(page.locator('.react-flow__node-service')).toHaveCount(4);
  await viewSettled(page);
}

/** Controls without an accessible name, as in accessibility.spec.ts (bare roles in the ARIA snapshot). */
async function unnamedControls(page: Page): Promise<string[]> {
  const control = /^\s*- (button|textbox|combobox|checkbox|radio|link|listbox|switch|tab|menuitem|option)(?=\s*(\[|:|$))/;
  return (await page.locator('body').ariaSnapshot()).split('\n').filter((line) => control.test(line));
}

async function savedProject(file: string) {
  return JSON.parse(await readFile(file, 'utf8')) as {
    project: {
      services: { id: string; name: string; moduleIds: string[]; framework: string }[];
      layout: { nodes: { id: string; x: number; y: number }[]; viewport: { x: number; y: number; zoom: number } };
    };
  };
}

test('mouse: drag modules into a new service and onto it, set its framework, undo and redo, save', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSampleCanvas(page);
  // Panning and zooming are not edits: the document stays clean.
  const pane = await emptyCanvasPoint(page);
  await page.mouse.move(pane.x, pane.y);
  await page.mouse.down();
  await page.mouse.move(pane.x + 40, pane.y + 30, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByRole('img', { name: 'Unsaved changes' })).toHaveCount(0);

  // Onto empty canvas: a new service named after the module, its name being edited in place.
  await drag(page, await centreOf(moduleRow(page, 'acme.wishlist')), await emptyCanvasPoint(page));
  const nameInput = page.getByRole('textbox', { name: 'Service name' });
  await expect(nameInput).toBeFocused();
  await expect(nameInput).toHaveValue('Wishlist');
  await nameInput.fill('Wishlist API');
  await nameInput.press('Enter');
  const wishlist = serviceNode(page, 'wishlist');
  await expect(wishlist.getByRole('heading', { name: 'Wishlist API' })).toBeVisible();
  await expect(wishlist).toContainText('1 module');

  // Onto the service: the module joins it.
  await drag(page, await centreOf(moduleRow(page, 'acme.loyalty')), await centreOf(wishlist));
  await expect(wishlist).toContainText('2 modules');
  await expect(wishlist.getByRole('list', { name: 'Modules of Wishlist API' }).getByRole('listitem')).toHaveText(['wishlist', 'loyalty']);

  // A chip dragged back to the Monolith node returns its module.
  await drag(page, await centreOf(wishlist.getByText('loyalty', { exact: true })), await centreOf(page.getByTestId('monolith-node')));
  await expect(wishlist).toContainText('1 module');
  await page.keyboard.press('Control+z');
  await expect(wishlist).toContainText('2 modules');

  // Move the node by dragging it: one undo step.
  const before = await wishlist.boundingBox();
  await drag(page, { x: before!.x + 60, y: before!.y + 14 }, { x: before!.x + 160, y: before!.y + 74 });
  await expect.poll(async () => Math.round((await wishlist.boundingBox())!.x - before!.x)).toBeGreaterThan(50);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Math.round((await wishlist.boundingBox())!.x - before!.x)).toBe(0);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => Math.round((await wishlist.boundingBox())!.x - before!.x)).toBeGreaterThan(50);

  // Escape during a node drag puts it back and records nothing.
  const moved = await wishlist.boundingBox();
  await page.mouse.move(moved!.x + 60, moved!.y + 14);
  await page.mouse.down();
  await page.mouse.move(moved!.x + 200, moved!.y + 120, { steps: 6 });
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect.poll(async () => Math.round((await wishlist.boundingBox())!.x - moved!.x)).toBe(0);

  // Select it and choose its framework in the inspector.
  await wishlist.getByRole('heading', { name: 'Wishlist API' }).click();
  await expect(wishlist).toContainText('Flask · CPython 3.12');
  await page.getByRole('combobox', { name: 'Framework' }).selectOption({ label: 'Litestar' });
  await expect(wishlist).toContainText('Litestar · CPython 3.12');
  await page.getByTestId('monolith-node').click();
  await page.keyboard.press('Control+z');
  await expect(wishlist).toContainText('Flask · CPython 3.12');
  await page.keyboard.press('Control+Shift+z');
  await expect(wishlist).toContainText('Litestar · CPython 3.12');

  await page.screenshot({ path: path.join(SHOTS, 'canvas-light.png') });
  await saveAs(page, 'carved.carve');
  const saved = await savedProject(path.join(carve.workspace, 'carved.carve'));
  const service = saved.project.services.find((s) => s.id === 'wishlist');
  expect(service).toMatchObject({ name: 'Wishlist API', moduleIds: ['wishlist', 'loyalty'], framework: 'litestar' });
  expect(saved.project.layout.nodes.map((n) => n.id)).toContain('wishlist');
  expect(saved.project.services.filter((s) => s.moduleIds.includes('loyalty'))).toHaveLength(1);
});

test('keyboard: Move to service… from the palette, undo and redo, delete a service, save', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSampleCanvas(page);
  // Into the module tree (its first row takes the focus), to its last module, select it.
  await page.getByRole('treeitem', { name: /^acme, package/ }).focus();
  await page.keyboard.press('End');
  await page.keyboard.press('Space');
  const row = moduleRow(page, 'acme.wishlist');
  await expect(row).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await page.keyboard.type('move to serv');
  expect(await unnamedControls(page)).toEqual([]);
  await expect(palette.getByRole('option')).toHaveCount(1);
  await expect(palette.getByRole('option').first()).toContainText('Ctrl+Shift+M');
  await page.keyboard.press('Enter');
  const question = page.getByRole('dialog', { name: /^Move acme\.wishlist to/ });
  await expect(question).toBeVisible();
  // The first other service is chosen; two steps down is Reviews; Tab twice to Move.
  await expect(question.getByRole('radio', { name: /^Catalog Service/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(question.getByRole('radio', { name: /^Reviews/ })).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  const reviews = serviceNode(page, 'svc-reviews');
  await expect(reviews).toContainText('2 modules');

  await page.keyboard.press('Control+z');
  await expect(reviews).toContainText('1 module');
  await page.keyboard.press('Control+y');
  await expect(reviews).toContainText('2 modules');

  // Delete a service from the keyboard: its modules return to the monolith.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('zoom to fit');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await viewSettled(page); // positions are measured below
  const notifications = page.locator('.react-flow__node[data-id="svc-notifications"]');
  await notifications.focus();
  await page.keyboard.press('Enter');
  // Arrow keys move the selected node; each press is one undo step.
  const start = (await notifications.boundingBox())!;
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await notifications.boundingBox())!.x).toBeGreaterThan(start.x + 4);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => Math.round((await notifications.boundingBox())!.x - start.x)).toBe(0);
  await notifications.focus();
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node-service')).toHaveCount(3);
  await expect(moduleRow(page, 'acme.notifications')).toHaveAccessibleName(/unassigned$/);

  await page.keyboard.press('Control+Shift+s');
  const dialog = page.getByRole('dialog', { name: 'Save project as' });
  await dialog.getByRole('textbox', { name: 'File name' }).fill('keys.carve');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Saved — keys.carve' })).toBeVisible();
  const saved = await savedProject(path.join(carve.workspace, 'keys.carve'));
  expect(saved.project.services.find((s) => s.id === 'svc-reviews')?.moduleIds).toEqual(['reviews', 'wishlist']);
  expect(saved.project.services.some((s) => s.id === 'svc-notifications')).toBe(false);
  // The view as it was at the save (framed by Zoom to fit), not the sample's own.
  expect(saved.project.layout.viewport).not.toEqual(loadSampleProject().layout.viewport);
});

test('context menus, a planned link by connecting handles, copy and paste, dark theme', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSampleCanvas(page);
  const search = serviceNode(page, 'svc-search');
  const reviews = serviceNode(page, 'svc-reviews');
  await expect(search).toBeVisible();

  // Connect Search's source handle to Reviews' target handle: the popover asks how they talk.
  await drag(page, await centreOf(search.getByLabel('Link from Search')), await centreOf(reviews.getByLabel('Link into Reviews')));
  const popover = page.getByRole('dialog', { name: /^Planned link Search → Reviews/ });
  await expect(popover).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  await popover.getByRole('radio', { name: 'Events' }).check();
  await popover.getByRole('textbox', { name: 'Label' }).fill('review indexed');
  await popover.getByRole('button', { name: 'Add link' }).click();
  await expect(page.getByRole('group', { name: 'Planned Events link from Search to Reviews: review indexed' })).toHaveCount(1);

  // Hovering an edge shows its weight and the heaviest module dependencies behind it.
  await page.getByRole('group', { name: /^Dependencies from Search to the monolith, weight/ }).hover();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText('Search → Monolith');
  await expect(tooltip).toContainText(/weight \d+/);
  await expect(tooltip).toContainText('acme.search →');
  await page.screenshot({ path: path.join(SHOTS, 'canvas-tooltip.png') });
  await page.mouse.move(5, 5);
  await expect(tooltip).toHaveCount(0);
  // Clicking it selects it: the inspector lists the module dependencies behind it.
  const edge = page.getByRole('group', { name: /^Dependencies from Search to the monolith, weight/ });
  await edge.click();
  await expect(edge).toHaveClass(/selected/);
  await expect(page.getByRole('heading', { level: 2, name: 'Dependencies' })).toBeVisible();

  // Auto-layout (elkjs in a worker) moves the nodes as one undo step.
  const beforeLayout = (await search.boundingBox())!;
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect.poll(async () => JSON.stringify(await search.boundingBox())).not.toBe(JSON.stringify(beforeLayout));
  await page.screenshot({ path: path.join(SHOTS, 'canvas-autolayout.png') });
  await page.getByTestId('monolith-node').click();
  await page.keyboard.press('Control+z');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await viewSettled(page);

  // Node menu: copy via Ctrl+C, paste via the canvas menu.
  // (Fit animates the view: the click waits for it to end, and the copy waits for the selection.)
  await search.getByRole('heading').click();
  await expect(search).toHaveClass(/\bselected\b/);
  await page.keyboard.press('Control+c');
  await expect(page.getByText('Copied 1 service', { exact: true })).toBeVisible();
  await page.mouse.click(...(Object.values(await emptyCanvasPoint(page)) as [number, number]), { button: 'right' });
  const canvasMenu = page.getByRole('menu', { name: 'Canvas' });
  await expect(canvasMenu).toBeVisible();
  // A menu item's key comes from the command table, for assistive technology too (Control here: not macOS).
  await expect(canvasMenu.getByRole('menuitem', { name: /^Paste/ })).toHaveAttribute('aria-keyshortcuts', 'Control+V');
  await canvasMenu.getByRole('menuitem', { name: /^Paste/ }).click();
  await expect(page.getByRole('heading', { name: 'Search copy' })).toBeVisible();

  // Node menu: Delete.
  await serviceNode(page, 'search-copy').click({ button: 'right' });
  const nodeMenu = page.getByRole('menu', { name: 'Service Search copy' });
  expect(await unnamedControls(page)).toEqual([]);
  await expect(nodeMenu.getByRole('menuitem')).toHaveText([
    /Rename/,
    /Move modules/,
    /Auto-layout selection/,
    /Zoom to selection/,
    /Delete/,
  ]);
  await expect(nodeMenu.getByRole('menuitem', { name: /^Rename/ })).toHaveAttribute('aria-keyshortcuts', 'F2');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Search copy' })).toHaveCount(0);

  // Light with a menu open, then dark: React Flow's colour mode follows the app's theme.
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await search.click({ button: 'right' });
  await expect(page.getByRole('menu', { name: 'Service Search' })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'canvas-menu-light.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('.react-flow')).toHaveClass(/\bdark\b/);
  await page.screenshot({ path: path.join(SHOTS, 'canvas-dark.png') });

  // A design warning brings what it names into view and selects it.
  await page.getByRole('button', { name: /^Warning Catalog Service depends more on the monolith/ }).click();
  await expect(serviceNode(page, 'svc-catalog')).toHaveClass(/is-selected/);
});
