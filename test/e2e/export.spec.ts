import { execFile } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { generateProject } from '../../bench/generate';
import { pinService } from '../../shared/commands/phases';
import { serializeProject } from '../../shared/format/save';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { planMigration } from '../../shared/planning/planner';
import { expect, test } from './fixtures';
import { openFromWorkspace, openSample, SHOTS } from './helpers';

// File > Export from the UI: choose the format, name the file in the in-app dialog (the browser host has no
// native dialogs), watch the progress, and find the file in the workspace; a file that exists is replaced
// only after the person agreed.

const run = promisify(execFile);

async function exportAs(page: Page, format: RegExp, fileName: string | null): Promise<void> {
  await page.getByRole('region', { name: 'Roadmap' }).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the roadmap' });
  await dialog.getByRole('radio', { name: format }).check();
  await dialog.getByRole('button', { name: /^Export .+…$/ }).click();
  const picker = page.getByRole('dialog', { name: 'Export roadmap as' });
  if (fileName !== null) await picker.getByRole('textbox', { name: 'File name' }).fill(fileName);
  await picker.getByRole('button', { name: 'Export', exact: true }).click();
}

/** Drag the first card of phase 1 onto phase 2 with the mouse (the roadmap pins it there). */
async function dragFirstCardToPhase2(page: Page): Promise<string> {
  const roadmap = page.getByRole('region', { name: 'Roadmap' });
  const source = roadmap.locator('[data-phase-index="1"] .roadmap-card-name').first();
  const name = (await source.textContent())!;
  const from = (await source.boundingBox())!;
  const target = (await roadmap.locator('[data-phase-index="2"]').boundingBox())!;
  await page.mouse.move(from.x + 10, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 30, from.y + 30, { steps: 4 });
  await page.mouse.move(target.x + target.width / 2, target.y + 40, { steps: 8 });
  await page.mouse.up();
  await expect(roadmap.locator('[data-phase-index="2"]').getByRole('listitem', { name, exact: true })).toBeVisible();
  return name;
}

test('plan, drag a card to another phase, export a PDF: every service and phase in the text, pages and bookmarks as printed', async ({
  page,
  carve,
}) => {
  test.setTimeout(120_000); // Chromium prints the report two or three times on two shared cores
  await page.goto(carve.url);
  await openSample(page);
  const moved = await dragFirstCardToPhase2(page);
  await exportAs(page, /^PDF/, 'acme-roadmap');
  const dialog = page.getByRole('dialog', { name: 'Export the roadmap' });
  await expect(dialog.getByRole('progressbar', { name: 'Export in progress' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel export' })).toBeEnabled();
  await expect(dialog.getByRole('status')).toHaveText(/^Step [1-5] of [45]: /);
  await page.screenshot({ path: `${SHOTS}/export-progress.png` });
  await expect(page.getByText(/Exported — acme-roadmap\.pdf \(\d+ pages, /)).toBeVisible({ timeout: 90_000 });
  await expect(dialog).toBeHidden();

  const file = path.join(carve.workspace, 'acme-roadmap.pdf');
  expect((await stat(file)).size).toBeGreaterThan(10_000);
  const { stdout: text } = await run('pdftotext', ['-layout', file, '-']);
  // The plan as printed: the sample with the moved card pinned to phase 2 (phase names follow their services).
  const sample = loadSampleProject();
  const plan = planMigration(
    pinService(sample, { serviceId: sample.services.find((s) => s.name === moved)!.id, phaseId: sample.phases[2]!.id }),
  );
  for (const phase of plan.phases) expect(text.replace(/\s+/g, ' ')).toContain(phase.name.replace(/\s+/g, ' '));
  for (const service of plan.phases.flatMap((p) => p.services)) expect(text).toContain(service.name);
  // The card moved before the export is in phase 2 of the printed plan: its row of the services table says so.
  const table = text.slice(text.indexOf('\nServices\n'), text.indexOf('\nTimeline', text.indexOf('\nServices\n')));
  expect(table).toMatch(new RegExp(`\\n\\s*${moved}\\s+2\\s`));

  // Page count: what the notice said is what pdfinfo reads; bookmarks: one per phase at least.
  const notice = await page.getByText(/Exported — acme-roadmap\.pdf \(\d+ pages, /).textContent();
  const { stdout: info } = await run('pdfinfo', [file]);
  expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(Number(/\((\d+) pages/.exec(notice!)![1]));
  const { stdout: xml } = await run('pdftohtml', ['-xml', '-i', '-stdout', '-q', file]);
  const bookmarks = [...xml.slice(xml.indexOf('<outline>')).matchAll(/<item page="\d+">([^<]*)<\/item>/g)].map((m) => m[1]!);
  for (const phase of plan.phases) expect(bookmarks.some((b) => b.includes(phase.name.replace(/&/g, '&amp;')))).toBe(true);
  await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '4', file, `${SHOTS}/export-ui`]);
});

test('export CSV with the offered name; exporting again asks before replacing the file', async ({ page, carve }) => {
  await page.goto(carve.url);
  await openSample(page);
  await page.getByRole('region', { name: 'Roadmap' }).getByRole('button', { name: 'Export…' }).click();
  await page.screenshot({ path: `${SHOTS}/export-dialog.png` });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Export the roadmap' })).toBeHidden();

  await exportAs(page, /^CSV/, null);
  await expect(page.getByText('Exported — acme-shop-roadmap.csv')).toBeVisible();
  const file = path.join(carve.workspace, 'acme-shop-roadmap.csv');
  const csv = await readFile(file, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('Service,Phase,Phase name,Start,End,Framework,Runtime,Effort (person-weeks),Team,Depends on');
  expect(csv).toContain('Catalog Service');

  await page.getByRole('textbox', { name: 'Name of phase 1' }).fill('Renamed phase');
  await page.getByRole('textbox', { name: 'Name of phase 1' }).press('Enter');
  await exportAs(page, /^CSV/, null);
  const replace = page.getByRole('alertdialog', { name: 'Replace the file?' });
  await expect(replace).toContainText('acme-shop-roadmap.csv already exists');
  await page.screenshot({ path: `${SHOTS}/export-replace.png` });
  await replace.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('dialog', { name: 'Export the roadmap' })).toBeVisible();
  expect(await readFile(file, 'utf8')).toBe(csv);

  await page
    .getByRole('dialog', { name: 'Export the roadmap' })
    .getByRole('button', { name: /^Export CSV…$/ })
    .click();
  await page.getByRole('dialog', { name: 'Export roadmap as' }).getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Replace the file?' }).getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByText('Exported — acme-shop-roadmap.csv')).toBeVisible();
  expect(await readFile(file, 'utf8')).toContain('Renamed phase');
});

test('a long PDF export shows its step and elapsed time, and Cancel export stops it without touching the old file', async ({
  page,
  carve,
}) => {
  test.setTimeout(120_000);
  // 200 services: Chromium prints it for most of a minute, long enough to watch and to stop.
  const project = generateProject({ services: 200, modules: 1_000, dependencies: 3_000, seed: 11 });
  await writeFile(path.join(carve.workspace, 'large.carve'), serializeProject(project));
  await writeFile(path.join(carve.workspace, 'large-roadmap.pdf'), 'last week’s export');
  await page.goto(carve.url);
  await openFromWorkspace(page, 'large.carve');
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible({ timeout: 60_000 });

  await exportAs(page, /^PDF/, 'large-roadmap');
  await page.getByRole('alertdialog', { name: 'Replace the file?' }).getByRole('button', { name: 'Replace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export the roadmap' });
  const status = dialog.getByRole('status');
  // The print (step 3) is long enough to watch: the words, the elapsed seconds, the bar's step.
  await expect(status).toHaveText(/^Step 3 of 4: Printing the PDF with Chromium… \(\d+ s\)$/, { timeout: 60_000 });
  const bar = dialog.getByRole('progressbar', { name: 'Export in progress' });
  // Steps done: the print under way (step 3) is not done yet.
  await expect(bar).toHaveAttribute('aria-valuenow', '2');
  await expect(bar).toHaveAttribute('aria-valuemax', '4');
  await page.screenshot({ path: `${SHOTS}/export-progress-large.png` });

  await dialog.getByRole('button', { name: 'Cancel export' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Export cancelled; nothing was written.', { timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/export-cancelled.png` });
  await expect(dialog.getByRole('button', { name: /^Export PDF…$/ })).toBeEnabled();
  expect(await readFile(path.join(carve.workspace, 'large-roadmap.pdf'), 'utf8')).toBe('last week’s export');
});
