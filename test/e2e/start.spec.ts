import { expect, test } from './fixtures';
import { openSample, SHOTS } from './helpers';

test('the start screen offers new, open, the sample and recent files, and the token leaves the address bar', async ({ page, carve }) => {
  await page.goto(carve.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Carve' })).toBeVisible();
  await expect(page.getByRole('button', { name: /New project/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Open…/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Open sample/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Recent' })).toBeVisible();
  await expect(page.getByText(/Browser host/)).toBeVisible();
  expect(page.url()).not.toContain('token=');
  // The token was exchanged for a session cookie at the first load: a reload still reaches the host.
  await page.reload();
  await openSample(page);
});

test('the sample opens in the frame: modules with their lines, services, phases and the project in the inspector', async ({
  page,
  carve,
}) => {
  await page.goto(carve.url);
  await openSample(page);
  const monolith = page.getByRole('complementary', { name: 'Monolith' });
  await expect(monolith.getByLabel('25 modules', { exact: true }).first()).toBeVisible();
  // The package "acme" and its 25 modules.
  await expect(monolith.getByRole('tree', { name: 'Modules' }).getByRole('treeitem')).toHaveCount(26);
  await expect(monolith.getByRole('treeitem', { name: /^acme\.orders,/ })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Service Catalog Service' }).or(page.getByLabel('Service Catalog Service'))).toBeVisible();
  await expect(page.locator('.react-flow__node-service')).toHaveCount(4);
  await expect(page.getByRole('region', { name: /^Phase 0: Foundations/ }).or(page.getByLabel(/^Phase 0: Foundations/))).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Acme Shop');
  await expect(page).toHaveTitle('Acme Shop — Carve');

  // Panels can be hidden and shown again.
  await page.getByRole('button', { name: 'Monolith', exact: true }).click();
  await expect(monolith).toBeHidden();
  await page.getByRole('button', { name: 'Monolith', exact: true }).click();
  await expect(monolith).toBeVisible();
});

test('a new project asks for its name and an edit marks it unsaved in the title and the status bar', async ({ page, carve }) => {
  await page.goto(carve.url);
  await page.getByRole('button', { name: /New project/ }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await expect(dialog.getByRole('textbox', { name: 'Project name' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Project name' }).fill('Billing split');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Billing split' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Not saved yet' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Author' }).fill('Ada');
  await expect(page).toHaveTitle('Billing split • — Carve');
  await expect(page.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
});

test('screenshots of the start screen and the frame, light and dark', async ({ page, carve }) => {
  await page.goto(carve.url);
  for (const theme of ['light', 'dark'] as const) {
    await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: `${SHOTS}/start-${theme}.png` });
  }
  await openSample(page);
  for (const theme of ['light', 'dark'] as const) {
    await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.screenshot({ path: `${SHOTS}/frame-${theme}.png` });
  }
});

test('the system theme follows the operating system’s light or dark preference as it changes', async ({ page, carve }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(carve.url);
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  // A chosen theme stays put whatever the system says.
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
