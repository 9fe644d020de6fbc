import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { generateProject } from '../../bench/generate';
import { serializeProject } from '../../shared/format/save';
import { planMigration } from '../../shared/planning/planner';
import { openFromWorkspace, openSample, saveAs, SHOTS } from './helpers';

// The roadmap view: the sample's plan as phase columns of service cards; a card dragged with the mouse onto
// another phase is pinned there (and saved), phases are renamed in place, a card can be pinned from its menu.

const roadmap = (page: Page) => page.getByRole('region', { name: 'Roadmap' });
const column = (page: Page, index: number) => roadmap(page).locator(`[data-phase-index="${index}"]`);
const card = (page: Page, name: string) => roadmap(page).getByRole('listitem', { name, exact: true });

async function phaseOfCard(page: Page, name: string): Promise<number> {
  const index = await card(page, name).evaluate((el) => el.closest('[data-phase-index]')?.getAttribute('data-phase-index'));
  return Number(index);
}

test('the plan shows every service once; a card dragged to another phase is pinned there, and the file says so', async ({
  page,
  carve,
}) => {
  await page.goto(carve.url);
  await openSample(page);
  await expect(roadmap(page)).toBeVisible();
  const cards = roadmap(page)
    .getByRole('listitem')
    .filter({ has: page.locator('.roadmap-card-name') });
  const serviceNames = await cards.locator('.roadmap-card-name').allTextContents();
  expect(serviceNames.length).toBeGreaterThan(3);
  expect(new Set(serviceNames).size).toBe(serviceNames.length);
  await page.screenshot({ path: `${SHOTS}/roadmap-sample.png` });

  // Drag the first card of phase 1 onto phase 2 with the mouse.
  const name = (await column(page, 1).locator('.roadmap-card-name').first().textContent())!;
  const from = await phaseOfCard(page, name);
  const to = from === 1 ? 2 : 1;
  const serviceId = (await card(page, name).getAttribute('data-service-id'))!;
  // The canvas colours each service by its phase.
  const band = page.getByTestId(`service-node-${serviceId}`).locator('.canvas-band');
  await expect(band).toHaveAttribute('title', `Roadmap phase ${from}`);
  const colourBefore = await band.evaluate((el) => getComputedStyle(el).backgroundColor);
  const source = await card(page, name).boundingBox();
  const target = await column(page, to).boundingBox();
  await page.mouse.move(source!.x + 20, source!.y + source!.height - 6);
  await page.mouse.down();
  await page.mouse.move(source!.x + 40, source!.y + 30, { steps: 4 });
  await page.mouse.move(target!.x + target!.width / 2, target!.y + 40, { steps: 8 });
  await expect(column(page, to)).toHaveClass(/is-target/);
  await page.screenshot({ path: `${SHOTS}/roadmap-drag.png` });
  // Escape cancels the drag: releasing over the other phase then changes nothing.
  await page.keyboard.press('Escape');
  await expect(column(page, to)).not.toHaveClass(/is-target/);
  await page.mouse.up();
  await expect(column(page, from).getByRole('listitem', { name, exact: true })).toBeVisible();
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);

  // Drag again, by the card's name this time, and drop.
  const handle = await card(page, name).locator('.roadmap-card-name').boundingBox();
  await page.mouse.move(handle!.x + 10, handle!.y + handle!.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle!.x + 30, handle!.y + 30, { steps: 4 });
  await page.mouse.move(target!.x + target!.width / 2, target!.y + 40, { steps: 8 });
  await expect(column(page, to)).toHaveClass(/is-target/);
  await page.mouse.up();

  await expect(column(page, to).getByRole('listitem', { name, exact: true })).toBeVisible();
  await expect(card(page, name).getByText('pinned')).toBeVisible();
  await expect(band).toHaveAttribute('title', `Roadmap phase ${to}`);
  expect(await band.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(colourBefore);

  // One undo step: undo puts it back, redo pins it again.
  await page.keyboard.press('Control+z');
  await expect(column(page, from).getByRole('listitem', { name, exact: true })).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(column(page, to).getByRole('listitem', { name, exact: true })).toBeVisible();

  await saveAs(page, 'pinned');
  const saved = JSON.parse(await readFile(path.join(carve.workspace, 'pinned.carve'), 'utf8')) as {
    project: { services: { name: string; pinnedPhaseId: string | null }[]; phases: { id: string }[] };
  };
  const pinned = saved.project.services.find((s) => s.name === name)!;
  expect(pinned.pinnedPhaseId).toBe(saved.project.phases[to]!.id);
});

test('a phase is renamed in place, and a card is pinned and unpinned from its menu with the keyboard', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  const nameField = roadmap(page).getByRole('textbox', { name: 'Name of phase 1' });
  await nameField.fill('Carve the catalog');
  await nameField.press('Enter');
  await expect(roadmap(page).getByRole('region', { name: 'Phase 1: Carve the catalog' })).toBeVisible();
  await expect(roadmap(page).getByRole('figure')).toContainText('1. Carve the catalog');

  const name = (await column(page, 2).locator('.roadmap-card-name').first().textContent())!;
  await card(page, name)
    .getByRole('button', { name: `Pin ${name} to phase…` })
    .focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: `Pin ${name} to phase` });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitemradio', { name: /^1\. Carve the catalog/ }).click();
  await expect(column(page, 1).getByRole('listitem', { name, exact: true }).getByText('pinned')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/roadmap-pinned.png` });

  await card(page, name)
    .getByRole('button', { name: `Pin ${name} to phase…` })
    .click();
  await page.getByRole('menuitem', { name: /^Unpin/ }).click();
  await expect(card(page, name).getByText('pinned')).toHaveCount(0);
});

test('capacity, phases and effort: a service limit adds phases, pinning into one makes it real, an override shows on the card', async ({
  page,
  carve,
}) => {
  await page.goto(carve.url);
  await openSample(page);
  await page.getByRole('button', { name: 'Maximise' }).click();
  const phases = roadmap(page).locator('[data-phase-drop]');
  const before = await phases.count();

  // Capacity: at most one service per phase gives the planner more phases than the project defines.
  await roadmap(page).getByRole('button', { name: 'Capacity' }).click();
  const limit = roadmap(page).getByRole('spinbutton', { name: 'Max services per phase' });
  await limit.fill('1');
  await limit.press('Enter');
  await expect.poll(() => phases.count()).toBeGreaterThan(before);
  const count = await phases.count();
  await page.screenshot({ path: `${SHOTS}/roadmap-capacity.png` });

  // Pin the first service of phase 1 into the last phase, which only the plan had: it becomes a real phase.
  const name = (await column(page, 1).locator('.roadmap-card-name').first().textContent())!;
  await card(page, name)
    .getByRole('button', { name: `Pin ${name} to phase…` })
    .click();
  await page.getByRole('menu').getByRole('menuitemradio').last().click();
  await expect(column(page, count - 1).getByRole('listitem', { name, exact: true })).toBeVisible();

  // Effort: an override replaces the formula's figure and is marked on the card.
  await roadmap(page).getByRole('button', { name: 'Effort' }).click();
  await expect(roadmap(page).getByRole('region', { name: 'Effort per service' })).toContainText('effort (person-weeks) = max(1');
  const override = roadmap(page).getByRole('spinbutton', { name: `Effort override for ${name} in person-weeks` });
  await override.fill('12.5');
  await override.press('Enter');
  await expect(card(page, name)).toContainText('12.5 pw');
  await expect(card(page, name).getByText('overridden')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/roadmap-effort.png` });

  // Add a phase after every phase the plan shows (they all become real), then remove it again.
  const planned = await phases.count();
  await roadmap(page).getByRole('button', { name: 'Add phase' }).click();
  await expect(phases).toHaveCount(planned + 1);
  await roadmap(page)
    .getByRole('button', { name: new RegExp(`^Remove phase ${planned},`) })
    .click();
  await expect(phases).toHaveCount(planned);

  await saveAs(page, 'capacity');
  const saved = JSON.parse(await readFile(path.join(carve.workspace, 'capacity.carve'), 'utf8')) as {
    project: {
      services: { name: string; pinnedPhaseId: string | null; effortOverride: number | null }[];
      phases: { id: string }[];
      planning: { maxServicesPerPhase: number | null };
    };
  };
  expect(saved.project.planning.maxServicesPerPhase).toBe(1);
  expect(saved.project.phases).toHaveLength(planned);
  const service = saved.project.services.find((s) => s.name === name)!;
  expect(service).toMatchObject({ pinnedPhaseId: saved.project.phases[count - 1]!.id, effortOverride: 12.5 });
});

test('warnings and cycles are listed, and the view reads well in the dark theme', async ({ page, carve }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(carve.url);
  await openSample(page);
  await roadmap(page)
    .getByRole('button', { name: /^Warnings/ })
    .click();
  const warnings = roadmap(page).getByRole('region', { name: 'Plan warnings and cycles' });
  await expect(warnings.getByRole('region', { name: 'Dependency cycles' })).toContainText('⇄');
  await roadmap(page).locator('details').nth(1).locator('summary').click();
  await page.screenshot({ path: `${SHOTS}/roadmap-dark.png` });
});

test('every roadmap and export control has an accessible name, with each section, a card menu and the export dialog open', async ({
  page,
  carve,
}) => {
  const CONTROL =
    /^\s*- (button|textbox|combobox|checkbox|radio|link|listbox|switch|tab|menuitem|menuitemradio|spinbutton|separator|slider|progressbar)(?=\s*(\[|:|$))/;
  const unnamed = async () => (await page.locator('body').ariaSnapshot()).split('\n').filter((line) => CONTROL.test(line));
  await page.goto(carve.url);
  await openSample(page);
  for (const section of ['Capacity', 'Effort', /^Warnings/]) {
    await roadmap(page).getByRole('button', { name: section }).click();
    expect(await unnamed()).toEqual([]);
  }
  const name = (await column(page, 1).locator('.roadmap-card-name').first().textContent())!;
  await card(page, name)
    .getByRole('button', { name: `Pin ${name} to phase…` })
    .click();
  await expect(page.getByRole('menu')).toBeVisible();
  expect(await unnamed()).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(card(page, name).getByRole('button', { name: `Pin ${name} to phase…` })).toBeFocused();

  await roadmap(page).getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('dialog', { name: 'Export the roadmap' })).toBeVisible();
  expect(await unnamed()).toEqual([]);
});

test('a phase of 200 services draws its first 50 cards until asked for all; its details are drawn when opened', async ({ page, carve }) => {
  const project = generateProject({ services: 200, modules: 1_000, dependencies: 3_000, seed: 11 });
  const planned = planMigration(project);
  const big = planned.phases.find((phase) => phase.services.length > 50)!;
  await writeFile(path.join(carve.workspace, 'large.carve'), serializeProject(project));
  await page.goto(carve.url);
  await openFromWorkspace(page, 'large.carve');
  const cards = column(page, big.index).locator('.roadmap-card');
  await expect(cards).toHaveCount(50, { timeout: 60_000 });
  // The first cards in plan order; the count of services says how many there are in all.
  await expect(cards.first().locator('.roadmap-card-name')).toHaveText(big.services[0]!.name);
  await expect(column(page, big.index)).toContainText(`${big.services.length} services`);
  const showAll = column(page, big.index).getByRole('button', {
    name: `Show all ${big.services.length} services (${big.services.length - 50} more)`,
  });
  await showAll.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/roadmap-show-all.png` });
  await showAll.click();
  await expect(cards).toHaveCount(big.services.length);
  await expect(cards.last().locator('.roadmap-card-name')).toHaveText(big.services.at(-1)!.name);
  await column(page, big.index).getByRole('button', { name: 'Show the first 50' }).click();
  await expect(cards).toHaveCount(50);

  const details = column(page, big.index).locator('details.roadmap-details');
  await expect(details.locator('li')).toHaveCount(0);
  await details.locator('summary').click();
  await expect(details.getByRole('heading', { name: 'Facade routes' })).toBeVisible();
  expect(await details.locator('li').count()).toBeGreaterThan(big.services.length);
});
