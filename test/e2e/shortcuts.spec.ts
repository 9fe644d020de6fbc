import { expect, test } from './fixtures';
import { openSample } from './helpers';

// The keys of the one command table in the browser host: Export and Close by keyboard (Close with Ctrl+Alt+W, as
// Ctrl+W is the browser's own), the shortcuts reference from the palette and by its key, with the keys of this page.

test('Export and Close by keyboard in the browser host, and the keyboard shortcuts reference', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);

  await page.locator('body').press('Control+e');
  const exportDialog = page.getByRole('dialog', { name: 'Export the roadmap' });
  await expect(exportDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();

  // The reference from the palette lists the keys as this page reads them.
  await page.locator('body').press('Control+k');
  await page.getByRole('combobox', { name: 'Command' }).fill('keyboard');
  await page.keyboard.press('Enter');
  const reference = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(reference).toBeVisible();
  await expect(reference.getByRole('row', { name: /^Close project Ctrl\+Alt\+W/ })).toBeVisible();
  await expect(reference.getByRole('row', { name: /^Zoom to fit Shift\+1/ })).toBeVisible();
  await expect(reference.getByRole('row', { name: /^Move to service… Ctrl\+Shift\+M/ })).toBeVisible();
  await reference.getByRole('button', { name: 'Close' }).click();
  await expect(reference).toBeHidden();
  await page.locator('body').press('Control+/');
  await expect(reference).toBeVisible();
  await page.keyboard.press('Escape');

  // Ctrl+W is left to the browser; Ctrl+Alt+W closes the project (the sample is unchanged: no question).
  await page.locator('body').press('Control+Alt+w');
  await expect(page.getByRole('button', { name: /Open sample/ })).toBeVisible();
});
