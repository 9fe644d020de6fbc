import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { generateProject } from '../../bench/generate';
import type { Project } from '../../shared/model/project';
import { serializeProject } from '../../shared/format/save';
import { planMigration } from '../../shared/planning/planner';
import { schedulePlan } from '../../shared/planning/schedule';
import { expect, test } from './fixtures';
import { openFromWorkspace, SHOTS } from './helpers';

// The roadmap at real size: 300 services over 40+ phases. The timeline scrolls both ways with its months,
// phases and milestones kept on top and its names at the left, draws a bar per service in its team's lane with
// the critical path marked, switches to one bar per phase, and a long name never widens a column.

const LONG_NAME = 'Customer loyalty points, referral rewards and partner benefits reconciliation service';

/** 300 services, 4 teams of 14 person-weeks per phase, few enough dependencies for a long chain of phases. */
function largeProject(): Project {
  const project = generateProject({ services: 300, modules: 1_500, dependencies: 400, seed: 7 });
  return {
    ...project,
    services: project.services.map((service, i) => ({ ...service, pinnedPhaseId: null, name: i === 0 ? LONG_NAME : service.name })),
    planning: { ...project.planning, teams: project.planning.teams.slice(0, 4).map((team) => ({ ...team, capacityPerPhase: 14 })) },
  };
}

const roadmap = (page: Page) => page.getByRole('region', { name: 'Roadmap' });
const box = async (locator: Locator) => (await locator.boundingBox())!;

test('300 services over 40+ phases: lanes, critical path, milestones, sticky header and names, both views, columns of one width', async ({
  page,
  carve,
}) => {
  test.setTimeout(120_000);
  const project = largeProject();
  const plan = planMigration(project);
  const schedule = schedulePlan(plan, { monolithModules: project.monolith.modules.length });
  expect(plan.phases.length).toBeGreaterThanOrEqual(40);
  await writeFile(path.join(carve.workspace, 'large.carve'), serializeProject(project));
  await page.goto(carve.url);
  await openFromWorkspace(page, 'large.carve');
  await roadmap(page).getByRole('button', { name: 'Maximise' }).click();

  const figure = roadmap(page).getByRole('figure');
  const gantt = figure.getByRole('group', { name: /^Service bars by team, 300 services in 4 lanes/ });
  await expect(gantt).toBeVisible({ timeout: 60_000 });
  await expect(figure.getByRole('button', { name: 'Services by team' })).toHaveAttribute('aria-pressed', 'true');
  // The lanes are the teams; the critical path is marked and the legend says what it is.
  // (Rows are drawn when in sight: the first lane is on top, the others further down.)
  await expect(gantt.locator('.roadmap-gantt-row.is-lane').first()).toContainText(
    `${schedule.lanes[0]!.team} ${schedule.lanes[0]!.bars.length} services`,
  );
  // Maximised, the chart is taller than it was at first: rows fill it down to its bottom edge.
  const rowsBottom = async () => {
    const rows = await gantt.locator('.roadmap-gantt-row').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().bottom));
    return Math.max(...rows);
  };
  const ganttBottom = (await box(gantt)).y + (await box(gantt)).height;
  await expect.poll(rowsBottom).toBeGreaterThanOrEqual(ganttBottom - 2);
  await page.screenshot({ path: `${SHOTS}/roadmap-scale-services.png` });
  await expect(figure.locator('.roadmap-legend')).toContainText(
    `critical path milestone: the critical path is ${schedule.critical.length} services, the chain that sets the end date`,
  );
  const firstCritical = schedule.critical[0]!;
  await expect(gantt.locator(`[data-service-id="${firstCritical.serviceId}"] .roadmap-gantt-bar`)).toHaveClass(/is-critical/);
  // Milestones: one per phase that takes time, the finish dated at the plan's end.
  const milestones = figure.getByRole('list', { name: 'Milestones' }).getByRole('listitem');
  await expect(milestones).toHaveCount(schedule.milestones.length);
  await expect(milestones.last()).toContainText(plan.end);
  await expect(milestones.last()).toHaveAttribute('title', `${schedule.milestones.at(-1)!.label}: ${plan.end}`);

  // A long name is cut with an ellipsis and given whole on hover.
  // Its row, counted as the view lays them out: a header row per lane, then the lane's bars by start.
  let row = 0;
  for (const lane of schedule.lanes) {
    const at = lane.bars.findIndex((bar) => bar.name === LONG_NAME);
    if (at >= 0) {
      row += 1 + at;
      break;
    }
    row += 1 + lane.bars.length;
  }
  await gantt.evaluate((el, top) => el.scrollTo({ top }), Math.max(0, row * 20 - 60));
  const longLabel = gantt.locator('.roadmap-gantt-label', { hasText: LONG_NAME });
  await expect(longLabel).toBeInViewport();
  await expect(longLabel).toHaveAttribute('title', LONG_NAME);
  expect(await longLabel.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);

  // Scrolled to the far right and the bottom: months, phases and milestones stay on top, names at the left,
  // and the rows drawn are the last ones.
  const ganttBox = await box(gantt);
  await gantt.evaluate((el) => el.scrollTo({ left: el.scrollWidth, top: el.scrollHeight }));
  await expect(milestones.last()).toBeInViewport();
  const head = await box(gantt.locator('.roadmap-gantt-head'));
  expect(Math.abs(head.y - ganttBox.y)).toBeLessThanOrEqual(2);
  const lastLane = schedule.lanes.at(-1)!;
  const lastRow = gantt.locator(`[data-service-id="${lastLane.bars.at(-1)!.serviceId}"]`);
  await expect(lastRow).toBeVisible();
  const label = await box(lastRow.locator('.roadmap-gantt-label'));
  expect(Math.abs(label.x - ganttBox.x)).toBeLessThanOrEqual(2);
  // Only the rows in sight are in the page, not all 300.
  expect(await gantt.locator('.roadmap-gantt-row').count()).toBeLessThan(120);
  await page.screenshot({ path: `${SHOTS}/roadmap-scale-scrolled.png` });

  // Zoom: in widens the chart, Fit brings it back.
  const widthOf = () => gantt.locator('.roadmap-gantt-inner').evaluate((el) => el.getBoundingClientRect().width);
  const fitted = await widthOf();
  await figure.getByRole('button', { name: 'Zoom the timeline in' }).click();
  await expect.poll(widthOf).toBeGreaterThan(fitted + 100);
  await figure.getByRole('button', { name: 'Fit the timeline to the width' }).click();
  await expect.poll(widthOf).toBe(fitted);

  // The phase view: a row per phase; a phase in the band takes the roadmap to its column.
  await figure.getByRole('button', { name: 'Phases', exact: true }).click();
  const phasesView = figure.getByRole('group', { name: `Phase bars, ${plan.phases.length} phases` });
  await expect(phasesView).toBeVisible();
  // Another view starts at its beginning, top left.
  await expect.poll(() => phasesView.evaluate((el) => [el.scrollLeft, el.scrollTop])).toEqual([0, 0]);
  await expect(phasesView.locator('[data-phase-row="0"]')).toContainText('0. Foundations');
  await page.screenshot({ path: `${SHOTS}/roadmap-scale-phases.png` });
  const last = plan.phases.at(-1)!;
  await figure.getByRole('button', { name: new RegExp(`^Go to phase ${last.index}\\. `) }).click();
  await expect(roadmap(page).locator(`.roadmap-column[data-phase-index="${last.index}"]`)).toBeInViewport();
  // The timeline stays where it was, whole, while the columns scroll sideways.
  await expect(figure).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: `${SHOTS}/roadmap-scale-columns.png` });

  // Columns keep one width, whatever their names and content.
  const widths = await roadmap(page)
    .locator('.roadmap-column')
    .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().width)));
  expect(new Set(widths).size).toBe(1);

  // The service view in the dark theme, for the eye (screenshot).
  await page.emulateMedia({ colorScheme: 'dark' });
  await figure.getByRole('button', { name: 'Services by team' }).click();
  await expect(gantt).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/roadmap-scale-dark.png` });

  // Every control named.
  const CONTROL =
    /^\s*- (button|textbox|combobox|checkbox|radio|link|listbox|switch|tab|menuitem|menuitemradio|spinbutton|separator|slider|progressbar)(?=\s*(\[|:|$))/;
  const unnamed = (await page.locator('body').ariaSnapshot()).split('\n').filter((line) => CONTROL.test(line));
  expect(unnamed).toEqual([]);
});
