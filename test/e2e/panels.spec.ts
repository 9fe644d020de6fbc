import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openSample, SHOTS } from './helpers';

// The monolith panel, the inspector and the design checks, driven as a person would: by role and name.

const tree = (page: Page) => page.getByRole('tree', { name: 'Modules' });
const row = (page: Page, name: string) => tree(page).getByRole('treeitem', { name: new RegExp(`^${name.replace(/\./g, '\\.')},`) });
const inspector = (page: Page) => page.locator('aside.inspector');

test('search, the unassigned filter and the tag filter narrow the module tree', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  await expect(row(page, 'acme.orders')).toBeVisible();
  await expect(tree(page).getByRole('treeitem')).toHaveCount(26);

  await page.getByRole('searchbox', { name: 'Search modules' }).fill('PAY');
  await expect(row(page, 'acme.payments')).toBeVisible();
  await expect(row(page, 'acme.orders')).toBeHidden();
  // An entity name finds its module too.
  await page.getByRole('searchbox', { name: 'Search modules' }).fill('StockMovement');
  await expect(row(page, 'acme.inventory')).toBeVisible();
  await expect(tree(page).getByRole('treeitem')).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Search modules' }).fill('');

  await page.getByRole('combobox', { name: 'Show' }).selectOption('unassigned');
  await expect(row(page, 'acme.orders')).toBeVisible();
  await expect(row(page, 'acme.catalog')).toBeHidden();
  await expect(tree(page).getByRole('treeitem')).toHaveCount(21);

  await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
  await page.getByRole('combobox', { name: 'Tag' }).selectOption('celery');
  await expect(row(page, 'acme.inventory')).toBeVisible();
  await expect(row(page, 'acme.cart')).toBeHidden();
  await expect(page.getByText('6 of 25 shown')).toBeVisible();

  // Collapsing the package hides its modules; sorting by size puts the largest first.
  await page.getByRole('combobox', { name: 'Tag' }).selectOption('');
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('size');
  await expect(tree(page).getByRole('treeitem').nth(1)).toHaveAccessibleName(/^acme\.orders,/);
  await tree(page)
    .getByRole('treeitem', { name: /^acme, package/ })
    .click();
  await page.keyboard.press('ArrowLeft');
  await expect(tree(page).getByRole('treeitem')).toHaveCount(1);
  await page.keyboard.press('ArrowRight');
  await expect(tree(page).getByRole('treeitem')).toHaveCount(26);
});

test('click, Shift and Ctrl select several modules; the inspector sums them up', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  await row(page, 'acme.accounts').click();
  await expect(row(page, 'acme.accounts')).toHaveAttribute('aria-selected', 'true');
  await expect(inspector(page).getByRole('heading', { name: 'Module' })).toBeVisible();

  await row(page, 'acme.cart').click({ modifiers: ['Shift'] });
  for (const name of ['acme.accounts', 'acme.admin_tools', 'acme.audit', 'acme.cart'])
    await expect(row(page, name)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('4 of 25 selected')).toBeVisible();

  await row(page, 'acme.orders').click({ modifiers: ['Control'] });
  await expect(page.getByText('5 of 25 selected')).toBeVisible();
  await row(page, 'acme.audit').click({ modifiers: ['Control'] });
  await expect(row(page, 'acme.audit')).toHaveAttribute('aria-selected', 'false');
  await expect(page.getByText('4 of 25 selected')).toBeVisible();
  await expect(inspector(page).getByRole('heading', { name: 'Modules' })).toBeVisible();
  await expect(inspector(page).getByRole('button', { name: 'Delete 4 modules' })).toBeVisible();

  // Keyboard: Shift+Down extends from the anchor, Space selects just the focused row.
  await row(page, 'acme.fraud').click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByText('3 of 25 selected')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(page.getByText('1 of 25 selected')).toBeVisible();
  await expect(row(page, 'acme.media')).toHaveAttribute('aria-selected', 'true');
});

test('dragging a selected row carries every selected module id under the private MIME type', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  await row(page, 'acme.orders').click();
  await row(page, 'acme.payments').click({ modifiers: ['Control'] });
  const carried = async (name: string) =>
    row(page, name).evaluate((element) => {
      const data = new DataTransfer();
      element.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: data }));
      return data.getData('application/x-carve-modules');
    });
  expect(JSON.parse(await carried('acme.payments'))).toEqual(['orders', 'payments']);
  // A row outside the selection drags only itself.
  expect(JSON.parse(await carried('acme.cart'))).toEqual(['cart']);
});

test('Move to service… by keyboard alone: a new service with the selected modules', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  await row(page, 'acme.orders').click();
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByText('2 of 25 selected')).toBeVisible();
  await page.keyboard.press('Control+Shift+m');
  const dialog = page.getByRole('dialog', { name: 'Move 2 modules to…' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /Catalog Service/ })).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: /New service/ })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('textbox', { name: 'New service name' })).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Order taking');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row(page, 'acme.orders')).toHaveAccessibleName(/in Order taking$/);
  await expect(row(page, 'acme.payments')).toHaveAccessibleName(/in Order taking$/);
  await expect(inspector(page).getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Order taking');
  // The whole move was one undo step.
  await row(page, 'acme.orders').click();
  await page.keyboard.press('Control+z');
  await expect(row(page, 'acme.orders')).toHaveAccessibleName(/unassigned$/);
  await expect(row(page, 'acme.payments')).toHaveAccessibleName(/unassigned$/);
  await page.keyboard.press('Control+Shift+z');
  await expect(row(page, 'acme.payments')).toHaveAccessibleName(/in Order taking$/);

  // Back to the monolith, again from the keyboard: the button, then the Monolith choice.
  await row(page, 'acme.orders').click();
  await page.keyboard.press('Control+Shift+m');
  const again = page.getByRole('dialog', { name: 'Move acme.orders to…' });
  await again.getByRole('radio', { name: /^Monolith/ }).check();
  await again.getByRole('button', { name: 'Move' }).click();
  await expect(row(page, 'acme.orders')).toHaveAccessibleName(/unassigned$/);
});

test('add, rename and delete a module by hand, starting from an empty project', async ({ page, carve }) => {
  await page.goto(carve.url);
  await page
    .getByRole('button', { name: /New project/ })
    .first()
    .click();
  await page.getByRole('dialog', { name: 'New project' }).getByRole('textbox', { name: 'Project name' }).fill('Hand made');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('This monolith has no modules yet.')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/panels-empty.png` });

  await page.getByRole('button', { name: 'Add a module' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a module' });
  await dialog.getByRole('textbox', { name: 'Module name' }).fill('shop orders');
  await dialog.getByRole('button', { name: 'Add module' }).click();
  await expect(dialog.getByRole('alert')).toContainText('dotted Python name');
  await dialog.getByRole('textbox', { name: 'Module name' }).fill('shop.orders');
  await dialog.getByRole('spinbutton', { name: 'Lines of code' }).fill('1200');
  await dialog.getByRole('textbox', { name: 'Tags' }).fill('api, django-app');
  await dialog.getByRole('button', { name: 'Add module' }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, 'shop.orders')).toHaveAccessibleName('shop.orders, 1,200 lines, 0 dependencies, unassigned');

  await page.getByRole('button', { name: 'Module', exact: true }).click();
  await page.getByRole('dialog', { name: 'Add a module' }).getByRole('textbox', { name: 'Module name' }).fill('shop.cart');
  await page.getByRole('dialog', { name: 'Add a module' }).getByRole('button', { name: 'Add module' }).click();

  // A dependency by hand, from the module's inspector.
  await expect(inspector(page).getByRole('heading', { name: 'Module' })).toBeVisible();
  await inspector(page).getByRole('button', { name: 'Add dependency…' }).click();
  const dep = page.getByRole('dialog', { name: 'Add a dependency' });
  await dep.getByRole('combobox', { name: /^To/ }).selectOption({ label: 'shop.orders' });
  await dep.getByRole('combobox', { name: 'Kind' }).selectOption('data');
  await dep.getByRole('spinbutton', { name: 'Weight' }).fill('3');
  await dep.getByRole('button', { name: 'Add dependency' }).click();
  await expect(inspector(page).getByRole('region', { name: 'Depends on' })).toContainText('shop.orders');
  await expect(row(page, 'shop.orders')).toHaveAccessibleName(/1 dependencies/);

  // Rename from the inspector: the field commits on Enter.
  await row(page, 'shop.orders').click();
  const name = inspector(page).getByRole('textbox', { name: 'Module name' });
  await name.fill('shop.ordering');
  await name.press('Enter');
  await expect(row(page, 'shop.ordering')).toBeVisible();
  await expect(row(page, 'shop.orders')).toBeHidden();

  await inspector(page).getByRole('button', { name: 'Delete module' }).click();
  await expect(row(page, 'shop.ordering')).toBeHidden();
  await expect(row(page, 'shop.cart')).toHaveAccessibleName(/0 dependencies/);
});

test('a service’s framework: the recommendation marks a different choice and "Use" puts it back', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  await row(page, 'acme.catalog').click();
  await inspector(page).getByRole('button', { name: 'Catalog Service' }).click();
  const rec = inspector(page).getByRole('region', { name: 'Carve’s recommendation'.replace('’', "'") });
  await expect(rec).toContainText('Recommended: Django');
  await expect(rec).toContainText('matches');

  await inspector(page).getByRole('combobox', { name: 'Framework', exact: true }).selectOption({ label: 'FastAPI' });
  await expect(rec).toContainText('differs from FastAPI');
  await expect(inspector(page).getByRole('list', { name: 'FastAPI traits' })).toContainText('Async-native');
  await page.screenshot({ path: `${SHOTS}/panels-service-light.png` });
  await rec.getByRole('button', { name: 'Use Django' }).click();
  await expect(rec).toContainText('matches');
  await expect(inspector(page).getByRole('combobox', { name: 'Framework', exact: true })).toHaveValue('django');
});

test('a design warning selects the service it names; metrics show the last edit’s change', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  const checks = page.getByRole('region', { name: 'Design checks' });
  // A warning about one service (its wording belongs to the checks): the first that starts with its name.
  await checks
    .getByRole('button', { name: /^(Error|Warning|Note) Catalog Service / })
    .first()
    .click();
  await expect(inspector(page).getByRole('heading', { name: 'Service' })).toBeVisible();
  await expect(inspector(page).getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Catalog Service');

  // An edit that moves a module changes the figures, and the change is shown.
  await row(page, 'acme.core').click();
  await page.keyboard.press('Control+Shift+m');
  await page
    .getByRole('dialog', { name: 'Move acme.core to…' })
    .getByRole('radio', { name: /^Search/ })
    .check();
  await page.getByRole('dialog', { name: 'Move acme.core to…' }).getByRole('button', { name: 'Move' }).click();
  await expect(checks.getByLabel(/Modularity changed by/)).toBeVisible();
  await checks.getByRole('button', { name: /modules are not assigned/ }).click();
  await expect(page.getByText('19 of 25 selected')).toBeVisible();

  // A module a warning names is shown in the tree even when its package was collapsed.
  await tree(page)
    .getByRole('treeitem', { name: /^acme, package/ })
    .click();
  await page.keyboard.press('ArrowLeft');
  await expect(tree(page).getByRole('treeitem')).toHaveCount(1);
  await checks.getByRole('button', { name: /MediaAsset \(acme\.media/ }).click();
  await expect(row(page, 'acme.media')).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, 'acme.reviews')).toHaveAttribute('aria-selected', 'true');
});

test('a selected edge lists the module dependencies behind it; a planned link is edited and deleted', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  const edge = page.getByRole('group', { name: 'Dependencies from Search to the monolith, weight 14' });
  await edge.focus();
  await page.keyboard.press('Enter');
  await expect(inspector(page).getByRole('heading', { name: 'Dependencies' })).toBeVisible();
  const table = inspector(page).getByRole('table', { name: 'Module dependencies behind this edge' });
  await expect(table.getByRole('row')).not.toHaveCount(1);
  await expect(table).toContainText('acme.search');
  await page.screenshot({ path: `${SHOTS}/panels-edge-light.png` });

  const link = page.getByRole('group', { name: 'Planned Events link from Reviews to Notifications: review.published' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(inspector(page).getByRole('heading', { name: 'Planned link' })).toBeVisible();
  await inspector(page).getByRole('combobox', { name: 'Style' }).selectOption('rest');
  const label = inspector(page).getByRole('textbox', { name: 'Label' });
  await label.fill('review.approved');
  await label.press('Enter');
  await expect(page.getByRole('group', { name: 'Planned REST link from Reviews to Notifications: review.approved' })).toHaveCount(1);
  await inspector(page).getByRole('button', { name: 'Delete link' }).click();
  await expect(page.getByRole('group', { name: /link from Reviews to Notifications/ })).toHaveCount(0);
  await expect(inspector(page).getByRole('heading', { name: 'Project' })).toBeVisible();
});

test('from the inspector: return a module to the monolith, delete a service, move what remains in the monolith', async ({
  page,
  carve,
}) => {
  await page.goto(carve.url);
  await openSample(page);
  await row(page, 'acme.catalog').click();
  await inspector(page).getByRole('button', { name: 'Catalog Service' }).click();
  await inspector(page).getByRole('button', { name: 'Return acme.media to the monolith' }).click();
  await expect(row(page, 'acme.media')).toHaveAccessibleName(/unassigned$/);
  await inspector(page).getByRole('button', { name: 'Delete service' }).click();
  await expect(row(page, 'acme.catalog')).toHaveAccessibleName(/unassigned$/);
  await expect(inspector(page).getByRole('heading', { name: 'Project' })).toBeVisible();

  // The Monolith node has no accessible name yet (canvas): found by its heading.
  await page
    .locator('.react-flow__node')
    .filter({ has: page.getByRole('heading', { level: 3, name: 'Monolith' }) })
    .focus();
  await page.keyboard.press('Enter');
  await expect(inspector(page).getByRole('heading', { name: 'Monolith' })).toBeVisible();
  await expect(inspector(page)).toContainText('22 of 25');
  await inspector(page).getByRole('button', { name: 'Select its modules' }).click();
  await expect(page.getByText('22 of 25 selected')).toBeVisible();
});

test('the project name follows typing at once, and the whole typed name is one undo step', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  const name = inspector(page).getByRole('textbox', { name: 'Name', exact: true });
  await name.fill('');
  await name.pressSequentially('Plan B');
  await expect(page.getByRole('heading', { level: 1, name: 'Plan B' })).toBeVisible();
  await name.press('Enter');
  await row(page, 'acme.orders').click();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Shop' })).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
  test(`panels look right in the ${theme} theme`, async ({ page, carve }) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(carve.url);
    await openSample(page);
    await row(page, 'acme.orders').click();
    await row(page, 'acme.payments').click({ modifiers: ['Shift'] });
    await page.screenshot({ path: `${SHOTS}/panels-modules-${theme}.png` });
    await row(page, 'acme.search').click();
    await page.screenshot({ path: `${SHOTS}/panels-module-${theme}.png` });
    await inspector(page).getByRole('button', { name: 'Search' }).first().click();
    await page.screenshot({ path: `${SHOTS}/panels-service-${theme}.png` });
    await row(page, 'acme.orders').click();
    await page.keyboard.press('Control+Shift+m');
    await expect(page.getByRole('dialog', { name: 'Move acme.orders to…' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/panels-move-${theme}.png` });
  });
}
