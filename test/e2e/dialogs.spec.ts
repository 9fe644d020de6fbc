import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openSample, rename, saveAs, SHOTS } from './helpers';

const setTheme = async (page: Page, theme: 'light' | 'dark') => {
  await page.getByRole('combobox', { name: 'Theme' }).selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
};

test('the in-app file dialog walks folders with a breadcrumb and opens a file from a subfolder', async ({ page, carve }) => {
  await mkdir(path.join(carve.workspace, 'plans', 'archive'), { recursive: true });
  await writeFile(path.join(carve.workspace, 'notes.txt'), 'not a project');
  await page.goto(carve.url);
  await openSample(page);
  await saveAs(page, 'top');
  await page.getByRole('button', { name: 'Save As', exact: true }).click();
  const save = page.getByRole('dialog', { name: 'Save project as' });
  await save.getByRole('button', { name: 'Folder plans' }).click();
  await expect(save.getByRole('navigation', { name: 'Folder' })).toContainText('plans');
  await save.getByRole('textbox', { name: 'File name' }).fill('nested');
  await save.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved — nested.carve' })).toBeVisible();

  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByRole('button', { name: 'Open…' }).click();
  const open = page.getByRole('dialog', { name: 'Open a project' });
  // Only folders and .carve files are listed.
  await expect(open.getByRole('button', { name: 'top.carve' })).toBeVisible();
  await expect(open.getByText('notes.txt')).toHaveCount(0);
  await open.getByRole('button', { name: 'Folder plans' }).click();
  await expect(open.getByRole('button', { name: 'Folder archive' })).toBeVisible();
  await expect(open.getByRole('button', { name: 'Open', exact: true })).toBeDisabled();
  await open.getByRole('button', { name: 'nested.carve' }).click();
  await open.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved — nested.carve' })).toBeVisible();
});

test('modals keep focus inside, Escape cancels, and shortcuts open Save As and Open', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  await page.keyboard.press('Control+Shift+s');
  const save = page.getByRole('dialog', { name: 'Save project as' });
  await expect(save.getByRole('textbox', { name: 'File name' })).toBeFocused();
  await expect(save.getByRole('textbox', { name: 'File name' })).toHaveValue('acme-shop.carve');
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    await expect(save.locator(':focus')).toHaveCount(1);
  }
  // A shortcut while a question is open does not start another flow over it.
  await page.keyboard.press('Control+o');
  await expect(save).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Open a project' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(save).toBeHidden();

  await page.keyboard.press('Control+o');
  await expect(page.getByRole('dialog', { name: 'Open a project' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('recent files that no longer exist are dropped with a notice', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  await saveAs(page, 'gone');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Open Acme Shop/ })).toBeVisible();
  // The save and the close each refresh the list: let both answer before the file goes, or one of them would
  // find it gone and tell this page, which the reload then replaces.
  await page.waitForLoadState('networkidle');
  await rm(path.join(carve.workspace, 'gone.carve'));
  await page.reload();
  await expect(page.getByText(/1 file no longer exists/)).toContainText('gone.carve');
  await expect(page.getByRole('button', { name: /^Open Acme Shop/ })).toHaveCount(0);
});

test('the theme is kept as a preference across sessions', async ({ page, carve, context }) => {
  await page.goto(carve.url);
  // The page applies the theme at once; the next session can only see it once the host has stored it.
  const stored = page.waitForResponse((response) => response.url().endsWith('/api/prefs:set'));
  await setTheme(page, 'dark');
  expect(await (await stored).json()).toEqual({ ok: true, value: { theme: 'dark' } });
  const later = await context.newPage();
  await later.goto((await carve.startAnother()).url);
  await expect(later.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(later.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
});

test('screenshots of the dialogs, light and dark', async ({ page, carve }) => {
  await mkdir(path.join(carve.workspace, 'plans'), { recursive: true });
  await page.goto(carve.url);
  await openSample(page);
  await saveAs(page, 'acme');
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const open = page.getByRole('dialog', { name: 'Open a project' });
    await open.getByRole('button', { name: 'acme.carve' }).click();
    await page.screenshot({ path: `${SHOTS}/dialog-open-${theme}.png` });
    await open.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Save As', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Save project as' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/dialog-save-${theme}.png` });
    await page.keyboard.press('Escape');

    await rename(page, `Edited ${theme}`);
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await expect(page.getByRole('alertdialog', { name: 'Unsaved changes' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/dialog-unsaved-${theme}.png` });
    await page.getByRole('button', { name: 'Don’t save' }).click();
    await expect(page.getByRole('dialog', { name: 'New project' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/dialog-new-${theme}.png` });
    await page.getByRole('textbox', { name: 'Project name' }).fill(`Fresh ${theme}`);
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Fresh ${theme}` })).toBeVisible();
  }
});

test('Enter in Save As before the folder is listed still saves, once the listing arrives', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  // Hold the folder listing back, as a slow disk would.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/fs:list', async (route) => {
    await held;
    await route.continue();
  });
  await page.keyboard.press('Control+Shift+s');
  const dialog = page.getByRole('dialog', { name: 'Save project as' });
  await expect(dialog.getByText('Loading…')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'File name' }).fill('early');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  release();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Saved — early.carve' })).toBeVisible();
  await expect(access(path.join(carve.workspace, 'early.carve'))).resolves.toBeUndefined();
});
