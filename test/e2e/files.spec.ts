import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { openFromWorkspace, openSample, rename, saveAs, SHOTS } from './helpers';

test('rename, Save As into the workspace, reopen: same project, and saving again writes identical bytes', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  await rename(page, 'Acme Shop Plan');
  await saveAs(page, 'acme-plan');
  const file = path.join(carve.workspace, 'acme-plan.carve');
  const first = await readFile(file);
  expect(JSON.parse(first.toString('utf8')).project.name).toBe('Acme Shop Plan');
  await expect(page).toHaveTitle('Acme Shop Plan — Carve');

  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByRole('button', { name: /Open sample/ })).toBeVisible();
  // The file is now a recent file.
  await expect(page.getByRole('button', { name: /^Open Acme Shop Plan/ })).toBeVisible();

  await openFromWorkspace(page, 'acme-plan.carve');
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Shop Plan' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Acme Shop Plan');
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('status').filter({ hasText: 'Saved — acme-plan.carve' })).toBeVisible();
  await expect(page.getByText(/^Saved at /)).toBeVisible();
  const second = await readFile(file);
  expect(second.equals(first)).toBe(true);
});

test('Save As onto an existing file asks before replacing it', async ({ page, carve }) => {
  const existing = path.join(carve.workspace, 'taken.carve');
  await page.goto(carve.url);
  await openSample(page);
  await saveAs(page, 'taken.carve');
  const before = await readFile(existing);
  await rename(page, 'Another name');
  await page.getByRole('button', { name: 'Save As', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save project as' });
  await dialog.getByRole('textbox', { name: 'File name' }).fill('taken');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('taken.carve already exists');
  await page.screenshot({ path: `${SHOTS}/dialog-replace.png` });
  await dialog.getByRole('button', { name: 'Back' }).click();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await readFile(existing)).equals(before)).toBe(true);

  await page.getByRole('button', { name: 'Save As', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'File name' }).fill('taken');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved — taken.carve' })).toBeVisible();
  expect(JSON.parse(await readFile(existing, 'utf8')).project.name).toBe('Another name');
});

test('a broken file shows the host message and stays untouched on disk', async ({ page, carve }) => {
  const broken = path.join(carve.workspace, 'broken.carve');
  const bytes = Buffer.from('{ "format": "carve-project", "formatVersion": 1, "project": { "id": ', 'utf8');
  await writeFile(broken, bytes);
  await page.goto(carve.url);
  await openFromWorkspace(page, 'broken.carve');
  const alert = page.getByRole('alert').filter({ hasText: 'broken.carve' });
  await expect(alert).toBeVisible();
  await expect(alert).not.toContainText('at '.repeat(2));
  await expect(page.getByRole('button', { name: /Open sample/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/start-error.png` });
  expect((await readFile(broken)).equals(bytes)).toBe(true);

  await page.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(alert).toBeHidden();
});

test('a file changed on disk is a conflict on save; Overwrite writes our version', async ({ page, carve }) => {
  const file = path.join(carve.workspace, 'shop.carve');
  await page.goto(carve.url);
  await openSample(page);
  await saveAs(page, 'shop');
  await rename(page, 'Our version');

  const theirs = JSON.parse(await readFile(file, 'utf8'));
  theirs.project.description = 'Changed by a colleague';
  await writeFile(file, `${JSON.stringify(theirs, null, 2)}\n`);

  await page.keyboard.press('Control+s');
  const conflict = page.getByRole('alertdialog', { name: 'The file changed on disk' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('button', { name: 'Overwrite' })).toBeFocused();
  await expect(conflict.getByRole('button', { name: 'Save As…' })).toBeVisible();
  await expect(conflict.getByRole('button', { name: 'Reload from disk' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/dialog-conflict.png` });
  // Nothing was written while the question is open.
  expect(JSON.parse(await readFile(file, 'utf8')).project.description).toBe('Changed by a colleague');

  await conflict.getByRole('button', { name: 'Overwrite' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved — shop.carve' })).toBeVisible();
  expect(JSON.parse(await readFile(file, 'utf8')).project.name).toBe('Our version');
});

test('Reload from disk after a conflict drops our edit and shows the file as it is now', async ({ page, carve }) => {
  const file = path.join(carve.workspace, 'shop.carve');
  await page.goto(carve.url);
  await openSample(page);
  await saveAs(page, 'shop');
  await rename(page, 'Our version');
  const theirs = JSON.parse(await readFile(file, 'utf8'));
  theirs.project.name = 'Their version';
  await writeFile(file, `${JSON.stringify(theirs, null, 2)}\n`);
  const onDisk = await readFile(file);

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('alertdialog', { name: 'The file changed on disk' }).getByRole('button', { name: 'Reload from disk' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Their version' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved — shop.carve' })).toBeVisible();
  expect((await readFile(file)).equals(onDisk)).toBe(true);
});

test('New with unsaved changes asks first: Cancel keeps the work, Don’t save starts the new project', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  await rename(page, 'Edited shop');

  await page.getByRole('button', { name: 'New', exact: true }).click();
  const guard = page.getByRole('alertdialog', { name: 'Unsaved changes' });
  await expect(guard).toContainText('Edited shop');
  await expect(guard.getByRole('button', { name: 'Save', exact: true })).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/dialog-unsaved.png` });
  await guard.getByRole('button', { name: 'Cancel' }).click();
  await expect(guard).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Edited shop' })).toBeVisible();

  // Escape cancels too.
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(guard).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(guard).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Edited shop' })).toBeVisible();

  await page.getByRole('button', { name: 'New', exact: true }).click();
  await guard.getByRole('button', { name: 'Don’t save' }).click();
  const ask = page.getByRole('dialog', { name: 'New project' });
  await ask.getByRole('textbox', { name: 'Project name' }).fill('Fresh start');
  await ask.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fresh start' })).toBeVisible();
});

test('the guard’s Save saves first, then goes on', async ({ page, carve }) => {
  const file = path.join(carve.workspace, 'kept.carve');
  await page.goto(carve.url);
  await openSample(page);
  await saveAs(page, 'kept');
  await rename(page, 'Kept edit');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Unsaved changes' }).getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('button', { name: /Open sample/ })).toBeVisible();
  expect(JSON.parse(await readFile(file, 'utf8')).project.name).toBe('Kept edit');
});
