import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import { openSample, rename, saveAs, SHOTS } from './helpers';

const draftFiles = async (userData: string) => {
  const names = await readdir(path.join(userData, 'drafts')).catch(() => [] as string[]);
  return names.filter((name) => name.endsWith('.json'));
};

test('an edit leaves a draft in user-data; the next session offers to recover it', async ({ page, carve, context }) => {
  await page.goto(carve.url);
  await openSample(page);
  await rename(page, 'Unsaved shop');
  await expect.poll(() => draftFiles(carve.userData), { timeout: 15_000 }).toHaveLength(1);
  // The draft went to user data, never next to the user's files.
  expect(await readdir(carve.workspace)).toEqual([]);

  const second = await carve.startAnother();
  const later = await context.newPage();
  await later.goto(second.url);
  const offer = later.getByRole('region', { name: 'Unsaved work from an earlier session' });
  await expect(offer).toContainText('Unsaved shop');
  await later.screenshot({ path: `${SHOTS}/start-drafts.png` });
  await offer.getByRole('button', { name: 'Recover Unsaved shop' }).click();
  await expect(later.getByRole('heading', { level: 1, name: 'Unsaved shop' })).toBeVisible();
  await expect(later.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible();
  await expect(later).toHaveTitle('Unsaved shop • — Carve');
});

test('saving deletes the draft, and Discard removes an offered draft', async ({ page, carve, context }) => {
  await page.goto(carve.url);
  await openSample(page);
  await rename(page, 'Draft one');
  await expect.poll(() => draftFiles(carve.userData), { timeout: 15_000 }).toHaveLength(1);
  await saveAs(page, 'one');
  await expect.poll(() => draftFiles(carve.userData)).toHaveLength(0);

  await rename(page, 'Draft two');
  await expect.poll(() => draftFiles(carve.userData), { timeout: 15_000 }).toHaveLength(1);
  const later = await context.newPage();
  await later.goto((await carve.startAnother()).url);
  const offer = later.getByRole('region', { name: 'Unsaved work from an earlier session' });
  await expect(offer).toContainText('one.carve');
  await offer.getByRole('button', { name: 'Discard Draft two' }).click();
  await expect(offer).toBeHidden();
  await expect.poll(() => draftFiles(carve.userData)).toHaveLength(0);
});
