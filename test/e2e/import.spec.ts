import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { saveAs, SHOTS } from './helpers';

// Import from Python Source in the browser host: the workspace folder dialog in folder mode, progress with
// Cancel (the one job progress UI), the report, a regroup at another granularity, boundaries suggested from
// evidence and accepted in one undo step, a save,
// and a re-import that keeps a service's modules.

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/python/django_site');

async function copyShop(workspace: string): Promise<string> {
  const dir = path.join(workspace, 'shop');
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

/** A tree of small packages: enough files for the progress bar to be seen and for Cancel to land. */
async function bigTree(dir: string, files: number): Promise<void> {
  for (let p = 0; p < files / 100; p++) {
    const pkg = path.join(dir, `pkg${p}`);
    await mkdir(pkg, { recursive: true });
    await writeFile(path.join(pkg, '__init__.py'), '');
    for (let f = 1; f < 100; f++)
      await writeFile(
        path.join(pkg, `m${f}.py`),
        `import os\nfrom pkg${(p + 1) % 5} import m1\n\n\ndef f():\n    return ${f}\n`.repeat(20),
      );
  }
}

const importDialog = (page: Page) => page.getByRole('dialog', { name: 'Import from Python source' });
const tree = (page: Page) => page.getByRole('tree', { name: 'Modules' });

test('import a Django project from the workspace: progress, report, regroup, suggestions accepted as one step, saved', async ({
  page,
  carve,
}) => {
  await copyShop(carve.workspace);
  await bigTree(path.join(carve.workspace, 'big'), 6000);
  await page.goto(carve.url);
  await page.getByRole('button', { name: /Import Python source/ }).click();
  const dialog = importDialog(page);

  // A large folder first: progress shows files done of total, and Cancel stops it.
  await dialog.getByRole('textbox', { name: 'Source folder' }).fill('big');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const running = page.getByRole('dialog', { name: 'Importing Python source' });
  await expect(running.getByRole('progressbar', { name: 'Files scanned' })).toBeVisible();
  await expect(running.getByRole('status')).toHaveText(/^[\d,]+ of 6,000 files$/);
  await page.screenshot({ path: `${SHOTS}/import-progress.png` });
  await running.getByRole('button', { name: 'Cancel import' }).click();
  await expect(dialog).toBeVisible();
  await expect(page.getByText('Import cancelled')).toBeVisible();

  // The shop, picked in the workspace's folder dialog.
  await dialog.getByRole('button', { name: 'Choose folder…' }).click();
  const picker = page.getByRole('dialog', { name: 'Choose the folder to import' });
  await picker.getByRole('button', { name: 'Folder shop' }).click();
  await picker.getByRole('button', { name: 'Choose this folder' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Source folder' })).toHaveValue(/shop$/);
  await page.screenshot({ path: `${SHOTS}/import-setup.png` });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  const result = page.getByRole('dialog', { name: 'Python source imported' });
  const report = result.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('Every file was read.');
  await expect(page.getByRole('heading', { level: 1, name: 'shop' })).toBeVisible();
  const modules = async () => Number(await report.locator('dt:text-is("Modules") + dd').textContent());
  // Automatic granularity: Django apps for a Django project; manage.py is a script, not a module.
  expect(await modules()).toBe(5);
  await expect(report).toContainText('Django project (INSTALLED_APPS): chose Django apps, 5 modules');
  await expect(result.getByRole('combobox', { name: 'Modules by' })).toHaveValue('auto');
  await expect(report).toContainText('Not modules: migrations (2 files), scripts (1 file)');
  // Entities are tables: the abstract TimeStampedModel is named as no table, with its place.
  await expect(report.locator('dt:text-is("Entities") + dd')).toHaveText('6');
  await expect(report).toContainText(
    '1 class is not a table (abstract bases, proxies, single-table subclasses, mixins): not entities, never moved',
  );
  await expect(report).toContainText('TimeStampedModel (abstract) core/models.py:4');

  // Regroup at package depth 2: more modules, no file read again; then back to Django apps.
  await result.getByRole('combobox', { name: 'Modules by' }).selectOption('depth:2');
  await expect.poll(modules).toBeGreaterThan(5);
  await result.getByRole('combobox', { name: 'Modules by' }).selectOption('app');
  await expect.poll(modules).toBe(5);

  // Boundaries from evidence: the folder has no git history, so imports and data alone.
  await expect(result.getByRole('textbox', { name: 'History folder' })).toHaveValue(/shop$/);
  await result.getByRole('button', { name: 'Suggest service boundaries' }).click();
  const proposal = result.getByRole('list', { name: /^Proposed services/ });
  await expect(proposal.getByRole('listitem').first()).toBeVisible();
  await expect(result.getByRole('table', { name: 'Alternatives' })).toContainText('Modularity');
  await page.screenshot({ path: `${SHOTS}/import-suggestions.png` });
  const proposed = await proposal.getByRole('listitem').count();
  await result.getByRole('button', { name: `Accept ${proposed} services` }).click();
  await expect(result.getByRole('button', { name: 'Accepted' })).toBeDisabled();
  await result.getByRole('button', { name: 'Done' }).click();
  await expect(result).toBeHidden();

  // The monolith panel lists the apps, each now in a service; one Undo takes every accepted service back.
  for (const app of ['accounts', 'catalog', 'orders'])
    await expect(tree(page).getByRole('treeitem', { name: new RegExp(`^${app}, .*, in `) })).toBeVisible();
  await page.locator('body').press('Control+z');
  await expect(tree(page).getByRole('treeitem', { name: /^orders, .*, unassigned$/ })).toBeVisible();
  await page.locator('body').press('Control+Shift+z');
  await expect(tree(page).getByRole('treeitem', { name: /^orders, .*, in / })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/import-canvas.png` });

  await saveAs(page, 'shop.carve');
  const saved = JSON.parse(await readFile(path.join(carve.workspace, 'shop.carve'), 'utf8'));
  expect(saved.project.services.length).toBe(proposed);
  const dep = saved.project.monolith.dependencies.find(
    (d: { from: string; to: string; kind: string }) => d.from === 'orders' && d.to === 'catalog' && d.kind === 'import',
  );
  expect(dep.evidence).toEqual([
    { file: 'orders/models.py', line: 4, detail: 'runtime' },
    { file: 'orders/services.py', line: 5, detail: 'runtime' },
    { file: 'orders/services.py', line: 11, detail: 'runtime' },
  ]);
});

test('re-import into the open project keeps a service and its modules that still exist, and reports what changed', async ({
  page,
  carve,
}) => {
  const shop = await copyShop(carve.workspace);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(carve.url);
  await page.getByRole('button', { name: /Import Python source/ }).click();
  await importDialog(page).getByRole('textbox', { name: 'Source folder' }).fill('shop');
  await importDialog(page).getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('dialog', { name: 'Python source imported' }).getByRole('button', { name: 'Done' }).click();

  // The architect carves Orders out by hand.
  await tree(page)
    .getByRole('treeitem', { name: /^orders, / })
    .click();
  await page.getByRole('complementary', { name: 'Monolith' }).getByRole('button', { name: 'Move to service…' }).first().click();
  const move = page.getByRole('dialog', { name: /^Move .* to…$/ });
  await move.getByRole('radio', { name: /New service/ }).check();
  await move.getByRole('textbox', { name: 'New service name' }).fill('Orders');
  await move.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(tree(page).getByRole('treeitem', { name: /^orders, .*, in Orders$/ })).toBeVisible();

  // The edge from Orders to the monolith lists the file:line of each import and foreign key behind it.
  await page.getByRole('group', { name: /^Dependencies from Orders to the monolith/ }).focus();
  await page.keyboard.press('Enter');
  const evidence = page.locator('aside.inspector').getByRole('region', { name: 'In the source' });
  await evidence.getByText('orders → catalog (import)').click();
  await expect(evidence.getByRole('list', { name: 'Source of orders → catalog (import)' }).getByRole('listitem')).toHaveText([
    'orders/models.py:4 · runtime',
    'orders/services.py:5 · runtime',
    'orders/services.py:11 · runtime',
  ]);
  await page.screenshot({ path: `${SHOTS}/import-edge-evidence.png` });

  // The code moves on: catalog is gone, billing is new.
  await rm(path.join(shop, 'catalog'), { recursive: true });
  await mkdir(path.join(shop, 'billing'));
  await writeFile(path.join(shop, 'billing', '__init__.py'), 'from orders import services\n');
  await writeFile(
    path.join(shop, 'billing', 'models.py'),
    'from django.db import models\n\n\nclass Invoice(models.Model):\n    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE)\n',
  );

  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = importDialog(page);
  await dialog.getByRole('textbox', { name: 'Source folder' }).fill('shop');
  await dialog.getByRole('radio', { name: /Re-import into the open project/ }).check();
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const result = page.getByRole('dialog', { name: 'Python source imported' });
  await expect(result).toContainText('Added: billing');
  await expect(result).toContainText('Removed: catalog');
  await result.getByRole('button', { name: 'Suggest service boundaries' }).click();
  await expect(result.getByRole('table', { name: 'Alternatives' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/import-reimport-dark.png` });
  await result.getByRole('button', { name: 'Dismiss' }).click();
  await expect(result.getByRole('table', { name: 'Alternatives' })).toBeHidden();
  await result.getByRole('button', { name: 'Done' }).click();
  await expect(tree(page).getByRole('treeitem', { name: /^orders, .*, in Orders$/ })).toBeVisible();
  await expect(tree(page).getByRole('treeitem', { name: /^billing, / })).toBeVisible();
  await expect(tree(page).getByRole('treeitem', { name: /^catalog, / })).toHaveCount(0);
});
