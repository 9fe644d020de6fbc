import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateProject } from '../../bench/generate';
import { serializeProject } from '../../shared/format/save';
import { expect, test } from './fixtures';
import { openFromWorkspace } from './helpers';

// The monolith panel on a generated monolith of 10,000 modules: it draws only the rows in view, so opening,
// searching and moving a selection stay quick. Figures are printed; the ceilings are generous (a shared machine,
// and the whole app re-renders after a move: canvas and roadmap included), the count of drawn rows is the check.

test('10,000 modules: the tree draws only what is in view; search and Move to service stay quick', async ({ page, carve }) => {
  test.setTimeout(120_000);
  const project = generateProject({ services: 2000, modules: 10_000, dependencies: 30_000, seed: 7 });
  await writeFile(path.join(carve.workspace, 'large.carve'), serializeProject(project));
  await page.goto(carve.url);
  await openFromWorkspace(page, 'large.carve');
  const tree = page.getByRole('tree', { name: 'Modules' });
  await expect(tree.getByRole('treeitem').first()).toBeVisible({ timeout: 60_000 });
  const drawn = await tree.getByRole('treeitem').count();
  expect(drawn).toBeLessThan(120);

  const search = page.getByRole('searchbox', { name: 'Search modules' });
  const name = project.monolith.modules[4321]!.name;
  let start = Date.now();
  await search.fill(name);
  await expect(tree.getByRole('treeitem', { name: new RegExp(`^${name.replace(/\./g, '\\.')},`) })).toBeVisible();
  const searchMs = Date.now() - start;

  await tree.getByRole('treeitem', { name: new RegExp(`^${name.replace(/\./g, '\\.')},`) }).click();
  await page.keyboard.press('Control+Shift+m');
  const dialog = page.getByRole('dialog', { name: `Move ${name} to…` });
  await dialog.getByRole('radio', { name: /^Monolith/ }).check();
  start = Date.now();
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(tree.getByRole('treeitem', { name: new RegExp(`^${name.replace(/\./g, '\\.')},.*unassigned$`) })).toBeVisible();
  const moveMs = Date.now() - start;
  console.log(
    `10,000 modules: ${drawn} rows drawn; search to result ${searchMs} ms; move to the monolith until the row shows it ${moveMs} ms`,
  );
  expect(searchMs).toBeLessThan(10_000);
  expect(moveMs).toBeLessThan(10_000);
});
