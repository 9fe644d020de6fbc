import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openSample, rename } from './helpers';

// Every control a person can reach has an accessible name: in the accessibility tree (as Playwright's ARIA
// snapshot prints it) a button, field or list box without a name shows up as a bare role.

const CONTROL = /^\s*- (button|textbox|combobox|checkbox|radio|link|listbox|switch|tab|menuitem)(?=\s*(\[|:|$))/;

async function unnamedControls(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  return snapshot.split('\n').filter((line) => CONTROL.test(line));
}

test('every control has an accessible name: start screen, frame and each dialog', async ({ page, carve }) => {
  await page.goto(carve.url);
  await expect(page.getByRole('button', { name: /Open sample/ })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);

  await openSample(page);
  expect(await unnamedControls(page)).toEqual([]);

  await page.getByRole('button', { name: 'Save As', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Save project as' }).getByRole('textbox', { name: 'File name' })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Open a project' })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await rename(page, 'Named');
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.getByRole('alertdialog', { name: 'Unsaved changes' })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
});

test('the check itself notices a control without a name', async ({ page, carve }) => {
  await page.goto(carve.url);
  await expect(page.getByRole('button', { name: /Open sample/ })).toBeVisible();
  await page.evaluate(() => {
    const bare = document.createElement('button');
    bare.appendChild(document.createElement('span'));
    document.body.appendChild(bare);
  });
  expect(await unnamedControls(page)).toHaveLength(1);
});
