import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

// Small steps the specs share, each written as a person would do it: by role and accessible name.

export const SHOTS = '/tmp/carve-shots';

export async function openSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Open sample/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Shop' })).toBeVisible();
}

export async function rename(page: Page, name: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Save As through the in-app dialog, into the workspace root. */
export async function saveAs(page: Page, fileName: string): Promise<void> {
  await page.getByRole('button', { name: 'Save As', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Save project as' });
  await dialog.getByRole('textbox', { name: 'File name' }).fill(fileName);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Saved — ${fileName}` })).toBeVisible();
}

/** Open a file of the workspace root through the in-app dialog. */
export async function openFromWorkspace(page: Page, fileName: string): Promise<void> {
  await page
    .getByRole('button', { name: /^Open(…)?$/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'Open a project' });
  await dialog.getByRole('button', { name: fileName, exact: true }).click();
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
}

export const bytesOf = (path: string) => readFile(path);

/** Wait until the viewport stops moving (Fit animates), so that positions read from the page hold. */
export async function viewSettled(page: Page): Promise<void> {
  const transform = () => page.locator('.react-flow__viewport').evaluate((element) => getComputedStyle(element).transform);
  let previous = '';
  await expect
    .poll(
      async () => {
        const now = await transform();
        const settled = now === previous;
        previous = now;
        return settled;
      },
      { intervals: [100] },
    )
    .toBe(true);
}
