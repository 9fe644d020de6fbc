import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { bridgeName } from '../../shared/api/client';
import { BRIDGE_METHODS } from '../../shared/api/preload';
import { expect, test } from './fixtures';
import { openSample, rename } from './helpers';

// Electron cannot start here, so these tests stand in for its preload: an init script exposes `window.carve`
// with the same shape (one named function per method, onHostEvent, setDirty, confirmClose), forwarding API
// calls to the browser host. The renderer must then use it, and only it.

declare global {
  interface Window {
    __carve: { emit(event: unknown): void; dirty: boolean[]; closed: number; calls: string[] };
  }
}

async function installFakePreload(page: Page): Promise<void> {
  // The real preload's method names (shared/api/preload.ts) and their bridge names (shared/api/client.ts).
  const methods = BRIDGE_METHODS.map((method) => [method, bridgeName(method)] as const);
  await page.addInitScript((methods) => {
    const token = new URL(location.href).searchParams.get('token') ?? '';
    const listeners = new Set<(event: unknown) => void>();
    const state = {
      emit: (event: unknown) => listeners.forEach((l) => l(event)),
      dirty: [] as boolean[],
      closed: 0,
      calls: [] as string[],
    };
    window.__carve = state;
    const carve: Record<string, unknown> = {
      onHostEvent(listener: (event: unknown) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      setDirty: (dirty: boolean) => state.dirty.push(dirty),
      confirmClose: () => (state.closed += 1),
    };
    for (const [method, name] of methods) {
      carve[name] = async (request: unknown) => {
        state.calls.push(method);
        const response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'X-Carve-Token': token },
          body: JSON.stringify(request),
        });
        return response.json();
      };
    }
    Object.defineProperty(window, 'carve', { value: carve });
  }, methods);
}

test('with a preload bridge, API calls go through it and menus, open-file and the close guard work', async ({ page, carve }) => {
  await installFakePreload(page);
  await page.goto(carve.url);
  await openSample(page);
  expect(await page.evaluate(() => window.__carve.calls)).toContain('project:sample');

  // Menu commands arrive as host events.
  await page.evaluate(() => window.__carve.emit({ type: 'menu', command: 'view:toggle-inspector' }));
  await expect(page.getByRole('complementary', { name: 'Project' })).toBeHidden();
  await page.evaluate(() => window.__carve.emit({ type: 'menu', command: 'view:toggle-inspector' }));
  await expect(page.getByRole('complementary', { name: 'Project' })).toBeVisible();

  // The host hears about unsaved changes, and the window title carries the marker.
  await rename(page, 'Desk plan');
  await expect.poll(() => page.evaluate(() => window.__carve.dirty.at(-1))).toBe(true);
  await expect(page).toHaveTitle('Desk plan • — Carve');

  // Closing the window asks first; Cancel keeps it open, Don't save lets it close.
  await page.evaluate(() => window.__carve.emit({ type: 'close-requested' }));
  const guard = page.getByRole('alertdialog', { name: 'Unsaved changes' });
  await guard.getByRole('button', { name: 'Cancel' }).click();
  expect(await page.evaluate(() => window.__carve.closed)).toBe(0);
  await page.evaluate(() => window.__carve.emit({ type: 'close-requested' }));
  await guard.getByRole('button', { name: 'Don’t save' }).click();
  await expect.poll(() => page.evaluate(() => window.__carve.closed)).toBe(1);

  // The fake window stays open: File > Close from the menu still guards the edited document.
  await page.evaluate(() => window.__carve.emit({ type: 'menu', command: 'file:close' }));
  await guard.getByRole('button', { name: 'Don’t save' }).click();
  await expect(page.getByRole('button', { name: /Open sample/ })).toBeVisible();
  await openSample(page);
  await page.getByRole('button', { name: 'Save As', exact: true }).click();
  const save = page.getByRole('dialog', { name: 'Save project as' });
  await save.getByRole('textbox', { name: 'File name' }).fill('other');
  await save.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved — other.carve' })).toBeVisible();
  // A file double-clicked while Carve runs opens; a broken one shows its message.
  const file = path.join(carve.workspace, 'other.carve');
  await writeFile(path.join(carve.workspace, 'broken.carve'), 'nope');
  await page.evaluate((p) => window.__carve.emit({ type: 'open-file', path: p }), path.join(carve.workspace, 'broken.carve'));
  await expect(page.getByRole('alert')).toContainText('broken.carve');
  await page.evaluate(() => window.__carve.emit({ type: 'menu', command: 'file:close' }));
  await expect(page.getByRole('button', { name: /Open sample/ })).toBeVisible();
  await page.evaluate((p) => window.__carve.emit({ type: 'open-file', path: p }), file);
  await expect(page.getByRole('heading', { level: 1, name: 'Acme Shop' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Saved — other.carve' })).toBeVisible();
  // In-page shortcuts are the browser's: with a preload, the menus own them.
  await page.keyboard.press('Control+Shift+s');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('in the browser, leaving the page with unsaved changes asks first', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  // Chromium asks only on a page the person has interacted with: a real click gives it that.
  await page.getByRole('textbox', { name: 'Name', exact: true }).click();
  await page.keyboard.type(' in tab');
  await expect(page).toHaveTitle('Acme Shop in tab • — Carve');
  // Answered before the test goes on: a dismissal still in flight when the test ends races the context's close.
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', async (dialog) => {
      const type = dialog.type();
      await dialog.dismiss();
      resolve(type);
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
});
