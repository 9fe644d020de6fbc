import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { serializeProject } from '../../shared/format/save';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { day, makeRepo } from '../main/historyRepo';
import { expect, test } from './fixtures';
import { openFromWorkspace, SHOTS, viewSettled } from './helpers';

// Scenarios (issue 9, item 5) as a person uses them: keep a copy of the design, name it, switch to it, change
// it, compare the two, undo, save, and find both designs in the file when it is opened again; and backtest the
// designs on a real git repository in the workspace.

const switcher = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^Scenario: / });
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Scenarios' });
const scenarioRow = (page: Page, name: string): Locator =>
  dialog(page)
    .getByRole('list', { name: 'Scenarios' })
    .getByRole('listitem')
    .filter({ has: page.getByText(name, { exact: true }) });
const comparisonRow = (page: Page, name: string): Locator =>
  dialog(page)
    .getByRole('table', { name: 'Scenario comparison' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
/** A comparison row's cells, as text, in column order. */
const cells = (row: Locator) => row.getByRole('cell').allInnerTexts();
const serviceNode = (page: Page, id: string) => page.getByTestId(`service-node-${id}`);
const inspectorName = (page: Page) => page.locator('aside.inspector').getByRole('textbox', { name: 'Name', exact: true });

/** Whether a node is drawn wholly within the canvas. */
async function isInside(node: Locator, canvas: Locator): Promise<boolean> {
  // A node out of view may not be drawn at all (the canvas renders only what is visible).
  if ((await node.count()) === 0) return false;
  const [box, frame] = await Promise.all([node.boundingBox(), canvas.boundingBox()]);
  if (!box || !frame) return false;
  return box.x >= frame.x && box.y >= frame.y && box.x + box.width <= frame.x + frame.width && box.y + box.height <= frame.y + frame.height;
}
const moduleRow = (page: Page, name: string) =>
  page.getByRole('tree', { name: 'Modules' }).getByRole('treeitem', { name: new RegExp(`^${name.replace(/\./g, '\\.')},`) });

async function openScenarios(page: Page, tab: 'Designs' | 'Compare'): Promise<void> {
  await switcher(page).click();
  await expect(dialog(page)).toBeVisible();
  await dialog(page).getByRole('tab', { name: tab }).click();
}

async function closeScenarios(page: Page): Promise<void> {
  await dialog(page).getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog(page)).toBeHidden();
}

/** The Monolith panel's Move to service… on one module: the question it asks. */
async function askToMove(page: Page, moduleName: string): Promise<Locator> {
  await moduleRow(page, moduleName).click();
  await page.getByRole('complementary', { name: 'Monolith' }).getByRole('button', { name: 'Move to service…' }).first().click();
  return page.getByRole('dialog', { name: `Move ${moduleName} to…` });
}

/** Move one module of the monolith to a new service. */
async function moveToNewService(page: Page, moduleName: string, serviceName: string): Promise<void> {
  const question = await askToMove(page, moduleName);
  await question.getByRole('radio', { name: /New service/ }).check();
  await question.getByRole('textbox', { name: 'New service name' }).fill(serviceName);
  await question.getByRole('button', { name: 'Move' }).click();
  await expect(question).toBeHidden();
  await expect(moduleRow(page, moduleName)).toHaveAccessibleName(new RegExp(`in ${serviceName}$`));
}

test('duplicate, rename, switch, change and compare two designs; undo; save and reopen with both in the file', async ({ page, carve }) => {
  const file = path.join(carve.workspace, 'shop.carve');
  const sample = loadSampleProject();
  await writeFile(file, serializeProject(sample));
  await page.goto(carve.url);
  await openFromWorkspace(page, 'shop.carve');
  await expect(page.getByRole('heading', { level: 1, name: sample.name })).toBeVisible();
  await expect(switcher(page)).toHaveAccessibleName('Scenario: Current design');

  // Duplicate the design; the copy is not active, so it can be deleted, while the active row cannot.
  await openScenarios(page, 'Designs');
  await scenarioRow(page, 'Current design').getByRole('button', { name: 'Duplicate' }).click();
  const copy = scenarioRow(page, 'Current design copy');
  await expect(copy).toBeVisible();
  await expect(scenarioRow(page, 'Current design').getByRole('button', { name: 'Delete' })).toBeDisabled();
  await expect(copy.getByRole('button', { name: 'Delete' })).toBeEnabled();
  await expect(dialog(page)).toContainText('2 of 51 scenarios');

  // Rename it: a name in use is refused in one line, a free one is taken.
  await copy.getByRole('button', { name: 'Rename…' }).click();
  const form = dialog(page).getByRole('form', { name: 'Rename Current design copy' });
  await form.getByRole('textbox', { name: 'Scenario name' }).fill('Current design');
  await form.getByRole('button', { name: 'Save name' }).click();
  await expect(form.getByRole('alert')).toHaveText('Rename scenario: A scenario named "Current design" already exists.');
  await form.getByRole('textbox', { name: 'Scenario name' }).fill('Orders apart');
  await form.getByRole('textbox', { name: 'Description' }).fill('Order taking as its own service');
  await form.getByRole('button', { name: 'Save name' }).click();
  await expect(form).toBeHidden();
  const ordersApart = scenarioRow(page, 'Orders apart');
  await expect(ordersApart).toContainText('Order taking as its own service');

  // Switch: the top bar names it, its row is the active one (first, and not deletable).
  await ordersApart.getByRole('button', { name: 'Switch' }).click();
  await expect(switcher(page)).toHaveAccessibleName('Scenario: Orders apart');
  await expect(dialog(page).getByRole('listitem').first()).toContainText('Orders apart');
  await expect(ordersApart.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await closeScenarios(page);

  // Change the active design only.
  await moveToNewService(page, 'acme.orders', 'Order taking');

  // The comparison from the command palette this time.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.type('compare scen');
  await palette.getByRole('option', { name: /Compare scenarios/ }).click();
  await expect(dialog(page).getByRole('tab', { name: 'Compare' })).toHaveAttribute('aria-selected', 'true');
  await expect(comparisonRow(page, 'Orders apart')).toContainText('active');
  const changed = await cells(comparisonRow(page, 'Orders apart'));
  const kept = await cells(comparisonRow(page, 'Current design'));
  expect(Number(changed[0])).toBe(sample.services.length + 1);
  expect(Number(kept[0])).toBe(sample.services.length);
  expect(changed).not.toEqual(kept);
  await expect(dialog(page).getByRole('columnheader', { name: 'Crossing' })).toHaveAttribute('title', /crosses a service boundary/);
  await page.screenshot({ path: `${SHOTS}/scenarios-compare.png` });
  await closeScenarios(page);

  // Undo takes the move back: the two designs read the same again; redo brings it back.
  await page.keyboard.press('Control+z');
  await expect(moduleRow(page, 'acme.orders')).toHaveAccessibleName(/unassigned$/);
  await openScenarios(page, 'Compare');
  expect(await cells(comparisonRow(page, 'Orders apart'))).toEqual(kept);
  await closeScenarios(page);
  await page.keyboard.press('Control+Shift+z');
  await expect(moduleRow(page, 'acme.orders')).toHaveAccessibleName(/in Order taking$/);

  // Save, then check the file, then open it again.
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Saved — shop.carve' })).toBeVisible();
  const saved = JSON.parse(await readFile(file, 'utf8'));
  expect(saved.formatVersion).toBe(2);
  expect(saved.project.scenario).toMatchObject({ name: 'Orders apart', description: 'Order taking as its own service' });
  expect(saved.project.services.map((s: { name: string }) => s.name)).toContain('Order taking');
  expect(saved.project.otherScenarios.map((s: { name: string }) => s.name)).toEqual(['Current design']);
  expect(saved.project.otherScenarios[0].services.map((s: { name: string }) => s.name)).not.toContain('Order taking');
  expect(saved.project.otherScenarios[0].services).toHaveLength(sample.services.length);

  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await openFromWorkspace(page, 'shop.carve');
  await expect(switcher(page)).toHaveAccessibleName('Scenario: Orders apart');

  // Select the service only this design has, and zoom in until some services are out of view.
  const orderTaking = saved.project.services.find((s: { name: string }) => s.name === 'Order taking').id as string;
  await serviceNode(page, orderTaking).click();
  await expect(inspectorName(page)).toHaveValue('Order taking');
  const canvas = page.locator('.react-flow');
  await canvas.hover();
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
  await viewSettled(page);
  const others = sample.services.map((s) => serviceNode(page, s.id));
  expect(await Promise.all(others.map((node) => isInside(node, canvas)))).toContain(false);

  await openScenarios(page, 'Designs');
  await expect(dialog(page).getByRole('list', { name: 'Scenarios' }).getByRole('listitem')).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/scenarios-designs.png` });
  // Switch back: the other design is on the canvas, framed, and the selection of a service it lacks is gone.
  await scenarioRow(page, 'Current design').getByRole('button', { name: 'Switch' }).click();
  await expect(switcher(page)).toHaveAccessibleName('Scenario: Current design');
  await closeScenarios(page);
  await expect(moduleRow(page, 'acme.orders')).toHaveAccessibleName(/unassigned$/);
  await expect(serviceNode(page, orderTaking)).toHaveCount(0);
  await expect(inspectorName(page)).not.toHaveValue('Order taking');
  await viewSettled(page);
  await page.screenshot({ path: `${SHOTS}/scenarios-switched.png` });
  expect(await Promise.all(others.map((node) => isInside(node, canvas)))).toEqual(others.map(() => true));
});

test('the backtest on a folder’s git history: a bad folder in one line, then each design’s share against random, stale once edited; duplicate from the palette', async ({
  page,
  carve,
}) => {
  await writeFile(path.join(carve.workspace, 'bookshop.carve'), await readFile(new URL('../fixtures/format/v2.carve', import.meta.url)));
  const files = (...modules: string[]) => modules.map((m) => `bookshop/${m}/views.py`);
  makeRepo(path.join(carve.workspace, 'src'), [
    { files: files('catalog', 'payments'), author: 'Ann', time: day('2024-01-10') },
    { files: files('payments', 'accounts'), author: 'Ann', time: day('2025-03-01') }, // crosses in "Payments first" only
    { files: files('orders'), author: 'Bob', time: day('2025-03-02') },
  ]);
  await page.goto(carve.url);
  await openFromWorkspace(page, 'bookshop.carve');
  await expect(switcher(page)).toHaveAccessibleName('Scenario: Payments first');
  await openScenarios(page, 'Compare');
  // The tabs answer the arrow keys.
  await dialog(page).getByRole('tab', { name: 'Compare' }).press('ArrowLeft');
  await expect(dialog(page).getByRole('tab', { name: 'Designs' })).toBeFocused();
  await expect(dialog(page).getByRole('tab', { name: 'Designs' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(dialog(page).getByRole('tab', { name: 'Compare' })).toHaveAttribute('aria-selected', 'true');
  const form = dialog(page).getByRole('form', { name: 'Backtest on the git history' });
  const backtest = dialog(page).getByRole('columnheader', { name: 'Backtest vs random' });
  await expect(backtest).toHaveCount(0);

  await form.getByRole('textbox', { name: /^Source folder/ }).fill('nowhere');
  await form.getByRole('button', { name: 'Backtest' }).click();
  await expect(dialog(page).getByRole('alert')).toHaveText(/nowhere is not a folder/);
  await expect(dialog(page).getByRole('alert')).not.toHaveText(/\n/);

  await form.getByRole('textbox', { name: /^Source folder/ }).fill('src');
  await form.getByRole('textbox', { name: /^Test on commits after/ }).fill('2025-01-01');
  await form.getByRole('button', { name: 'Backtest' }).click();
  await expect(backtest).toBeVisible();
  // Every column fits the dialog: the last one is on screen without scrolling the table sideways.
  await expect(backtest).toBeInViewport({ ratio: 1 });
  await expect(dialog(page).getByRole('status')).toHaveText(/^Backtest on 2 commits from 2025-01-02 on\. history: read 3 commits/);
  const last = async (name: string) => (await cells(comparisonRow(page, name))).at(-1);
  // The share, then under it the median of random partitions and one service per app merged.
  expect(await last('Payments first')).toMatch(/^50%\n\d+(\.\d)?% random\n\d+(\.\d)?% per app$/);
  expect(await last('One store service')).toMatch(/^0%\n\d+(\.\d)?% random\n\d+(\.\d)?% per app$/);
  await page.screenshot({ path: `${SHOTS}/scenarios-backtest.png` });
  await closeScenarios(page);

  // An edit of the active design makes its backtest stale (a dash until it runs again); the other keeps its own.
  const question = await askToMove(page, 'bookshop.orders');
  await question.getByRole('radio', { name: /^Payments/ }).check();
  await question.getByRole('button', { name: 'Move' }).click();
  await expect(moduleRow(page, 'bookshop.orders')).toHaveAccessibleName(/in Payments$/);
  await openScenarios(page, 'Compare');
  expect(await last('Payments first')).toBe('—');
  expect(await last('One store service')).toMatch(/^0%\n/);
  await closeScenarios(page);

  // Duplicate from the command palette: the copy waits in the list, not active.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('duplicate the design');
  await page
    .getByRole('dialog', { name: 'Command palette' })
    .getByRole('option', { name: /Duplicate the design as a new scenario/ })
    .click();
  await expect(scenarioRow(page, 'Payments first copy')).toBeVisible();
  await expect(scenarioRow(page, 'Payments first copy').getByRole('button', { name: 'Switch' })).toBeEnabled();
  await expect(switcher(page)).toHaveAccessibleName('Scenario: Payments first');
});
