import { parseIsoDate } from '../planning/dates';
import { phaseTitle } from '../planning/phaseNames';
import { monthTicks, schedulePlan, type Schedule, type ScheduledBar, type ScheduleOptions } from '../planning/schedule';
import type { Plan, PlannedPhase } from '../planning/types';
import { countOf } from '../words';
import { escapeHtml, truncate } from './escape';
import { phaseColour } from './palette';

// The report's timeline, from the schedule the roadmap view draws too (shared/planning/schedule.ts):
// 1. the phases on the whole plan's calendar, a bar per phase and a diamond where each ends (in parts of at most
//    PHASE_ROWS rows, so that 40 or more phases stay legible);
// 2. the services by team lane, page by page: each page takes the next phases whose services fit in PAGE_ROWS
//    rows (a phase with more goes over several pages), on a calendar of those phases only, so that a service of a
//    few days is still a bar to read; critical-path bars are outlined in red, phase ends are diamonds.
// Sized for A4 portrait: 760 units across 180 mm, a page's chart at most about 230 mm high.

const DAY_MS = 86_400_000;
const WIDTH = 760;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Phase overview: roomy rows for a short plan, compact ones past COMPACT_AFTER phases. */
const LABEL_WIDTH = 250;
const ROW = 34;
const COMPACT_ROW = 19;
const COMPACT_AFTER = 16;
const PHASE_ROWS = 44;
const AXIS = 42;
/** Services by team. */
const SERVICE_LABEL = 200;
const SERVICE_ROW = 16;
const SERVICE_HEAD = 62;
const PAGE_ROWS = 56;
const CRITICAL = '#dc2626';

const fixed = (value: number) => (Math.round(value * 10) / 10).toString();
const e = escapeHtml;
/** A new page, by the stylesheet's one page-break class (reportCss.ts), not an inline style. */
const PAGE_BREAK = 'class="tile-page"';

export function renderTimelineSvg(plan: Plan, options: ScheduleOptions = {}): string {
  const schedule = schedulePlan(plan, options);
  const parts: string[] = [];
  // Parts of even size: 52 phases are two parts of 26, not 44 and 8.
  const chunks = Math.max(1, Math.ceil(plan.phases.length / PHASE_ROWS));
  const size = Math.ceil(plan.phases.length / chunks);
  for (let c = 0; c < chunks; c++) {
    const svg = phaseChart(plan, schedule, plan.phases.slice(c * size, (c + 1) * size), c * size);
    parts.push(c === 0 ? svg : `<div ${PAGE_BREAK}>${svg}</div>`);
  }
  const finish = schedule.milestones[schedule.milestones.length - 1];
  if (finish)
    parts.push(`<p class="muted small">◆ marks the end of each phase; the last is the finish: ${e(finish.label)}, ${e(finish.date)}.</p>`);
  if (schedule.bars.length > 0) parts.push(...servicePages(plan, schedule));
  return parts.join('');
}

/** The room a month's label ("Aug 2027" at 10 px) takes on the axis, and the least space between two ticks. */
const AXIS_LABEL = 46;

/** Ticks and labels of a date axis from `from` to `to` (days from the plan's start) across [x0, x1]. */
function dateAxis(schedule: Schedule, from: number, to: number, x0: number, x1: number, top: number, bottom: number): string[] {
  const dayPx = (x1 - x0) / Math.max(1, to - from);
  const xOf = (day: number) => x0 + (day - from) * dayPx;
  const parts: string[] = [];
  const first = new Date(parseIsoDate(schedule.start) + from * DAY_MS);
  parts.push(`<line x1="${fixed(x0)}" y1="${top + 16}" x2="${fixed(x0)}" y2="${fixed(bottom)}" class="tick start"/>`);
  parts.push(
    `<text x="${fixed(x0 + 3)}" y="${top + 10}" class="axis">${e(`${first.getUTCDate()} ${MONTHS[first.getUTCMonth()]} ${first.getUTCFullYear()}`)}</text>`,
  );
  for (const tick of monthTicks(schedule.start, to, dayPx, AXIS_LABEL)) {
    if (tick.day <= from + AXIS_LABEL / dayPx / 2) continue;
    const x = xOf(tick.day);
    parts.push(`<line x1="${fixed(x)}" y1="${top + 16}" x2="${fixed(x)}" y2="${fixed(bottom)}" class="tick"/>`);
    // A label is drawn only where it fits whole: clear of the first date, and inside the drawing on the right.
    if (x - x0 > 70 && x + 3 + AXIS_LABEL <= WIDTH)
      parts.push(`<text x="${fixed(x + 3)}" y="${top + 24}" class="axis">${e(tick.label)}</text>`);
  }
  return parts;
}

const diamond = (x: number, y: number, r: number, fill: string, title: string) =>
  `<path d="M${fixed(x)} ${fixed(y - r)}L${fixed(x + r)} ${fixed(y)}L${fixed(x)} ${fixed(y + r)}L${fixed(x - r)} ${fixed(y)}Z" fill="${fill}"><title>${e(title)}</title></path>`;

/** A bar per phase on the whole plan's calendar, with a diamond at each phase's end. */
function phaseChart(plan: Plan, schedule: Schedule, phases: readonly PlannedPhase[], offset: number): string {
  const row = plan.phases.length > COMPACT_AFTER ? COMPACT_ROW : ROW;
  const chartWidth = WIDTH - LABEL_WIDTH - 20;
  const xOf = (day: number) => LABEL_WIDTH + (day / schedule.totalDays) * chartWidth;
  const height = AXIS + phases.length * row + 12;
  const parts: string[] = [];
  // Alternate rows shaded, so that a bar reads across to its phase.
  phases.forEach((_, r) => {
    if (r % 2 === 0) parts.push(`<rect x="0" y="${AXIS + r * row}" width="${WIDTH}" height="${row}" fill="#f8fafc"/>`);
  });
  parts.push(...dateAxis(schedule, 0, schedule.totalDays, LABEL_WIDTH, LABEL_WIDTH + chartWidth, AXIS - 32, height - 8));
  const milestones = new Map(schedule.milestones.map((milestone) => [milestone.phaseIndex, milestone]));
  phases.forEach((phase, r) => {
    const span = schedule.phases[offset + r]!;
    const y = AXIS + r * row;
    const x1 = xOf(span.startDay);
    const x2 = xOf(span.endDay);
    const weeks = `${phase.lengthWeeks} wk${phase.lengthWeeks > phase.setWeeks ? ` (set ${phase.setWeeks})` : ''}`;
    const detail =
      phase.lengthWeeks === 0
        ? 'no services: no time'
        : phase.index === 0 && phase.services.length === 0
          ? `${weeks} · foundations`
          : `${weeks} · ${countOf(phase.services.length, 'service')}`;
    parts.push(
      `<text x="0" y="${fixed(y + row / 2 + 4)}" class="row-label"${row < ROW ? ' style="font-size:10px"' : ''}>${e(truncate(phaseTitle(phase), row < ROW ? 42 : 36))}</text>`,
    );
    parts.push(
      `<rect x="${fixed(x1)}" y="${fixed(y + row / 6)}" width="${fixed(Math.max(2, x2 - x1))}" height="${fixed((row * 2) / 3)}" rx="4" fill="${phaseColour(phase.index)}"><title>${e(
        phase.lengthWeeks === 0 ? `${phase.name}: no services, takes no time` : `${phase.name}: ${phase.start} to ${phase.end}`,
      )}</title></rect>`,
    );
    const milestone = milestones.get(phase.index);
    if (milestone)
      parts.push(
        diamond(
          x2,
          y + row / 2,
          row < ROW ? 4.5 : 6,
          milestone.kind === 'phase-end' ? '#0f172a' : CRITICAL,
          `${milestone.label}: ${milestone.date}`,
        ),
      );
    const textWidth = detail.length * (row < ROW ? 5.4 : 6.2) + 14;
    const inside = x2 - x1 > textWidth;
    // Outside the bar: after it (past its diamond), or before it when it ends too close to the right edge.
    const after = x2 + textWidth < WIDTH;
    const x = inside ? x1 + 6 : after ? x2 + 9 : x1 - 6;
    parts.push(
      `<text x="${fixed(x)}" y="${fixed(y + row / 2 + 4)}"${inside || after ? '' : ' text-anchor="end"'} class="${inside ? 'bar-label' : 'bar-label outside'}"${row < ROW ? ' style="font-size:9.5px"' : ''}>${e(detail)}</text>`,
    );
  });
  const range = phases.length === plan.phases.length ? '' : `, phases ${phases[0]!.index} to ${phases[phases.length - 1]!.index}`;
  return `<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Timeline of ${countOf(plan.phases.length, 'phase')} from ${e(plan.start)} to ${e(plan.end)}${range}">${parts.join('')}</svg>`;
}

type ServiceRow = { lane: string; continued: boolean; bars: number } | ScheduledBar;
const isBar = (row: ServiceRow): row is ScheduledBar => 'serviceId' in row;

/** The services by team lane, a page per run of phases that fits (see the header). */
function servicePages(plan: Plan, schedule: Schedule): string[] {
  const withServices = plan.phases.map((phase, p) => ({ phase, p })).filter(({ phase }) => phase.services.length > 0);
  const lanesIn = (indices: ReadonlySet<number>) =>
    schedule.lanes.filter((lane) => lane.bars.some((bar) => indices.has(bar.phaseIndex))).length;
  // Runs of consecutive phases whose services and lane headers fit a page.
  const windows: { phase: PlannedPhase; p: number }[][] = [];
  let current: (typeof windows)[number] = [];
  let services = 0;
  for (const item of withServices) {
    const indices = new Set([...current, item].map(({ phase }) => phase.index));
    if (current.length > 0 && services + item.phase.services.length + lanesIn(indices) > PAGE_ROWS) {
      windows.push(current);
      current = [];
      services = 0;
    }
    current.push(item);
    services += item.phase.services.length;
  }
  if (current.length > 0) windows.push(current);

  const pages: { window: (typeof windows)[number]; rows: ServiceRow[] }[] = [];
  for (const window of windows) {
    const indices = new Set(window.map(({ phase }) => phase.index));
    let rows: ServiceRow[] = [];
    const flush = () => {
      if (rows.length > 0) pages.push({ window, rows });
      rows = [];
    };
    for (const lane of schedule.lanes) {
      const bars = lane.bars.filter((bar) => indices.has(bar.phaseIndex));
      let headed = false;
      bars.forEach((bar, i) => {
        if (rows.length >= PAGE_ROWS) {
          flush();
          headed = false;
        }
        if (!headed) {
          // A lane's header never ends a page: it goes with its first bar.
          if (rows.length >= PAGE_ROWS - 1) flush();
          rows.push({ lane: lane.team, continued: i > 0, bars: bars.length });
          headed = true;
        }
        rows.push(bar);
      });
    }
    flush();
  }
  return pages.map((page, k) => servicePage(plan, schedule, page.window, page.rows, k, pages.length));
}

function servicePage(
  plan: Plan,
  schedule: Schedule,
  window: readonly { phase: PlannedPhase; p: number }[],
  rows: readonly ServiceRow[],
  k: number,
  count: number,
): string {
  const first = window[0]!;
  const last = window[window.length - 1]!;
  const from = schedule.phases[first.p]!.startDay;
  const to = schedule.phases[last.p]!.endDay;
  const x0 = SERVICE_LABEL;
  const x1 = WIDTH - 12;
  const dayPx = (x1 - x0) / Math.max(1, to - from);
  const xOf = (day: number) => x0 + (day - from) * dayPx;
  const height = SERVICE_HEAD + rows.length * SERVICE_ROW + 30;
  const parts: string[] = [];
  parts.push(...dateAxis(schedule, from, to, x0, x1, 0, height - 30));
  // The phases of the page as a band, each with its number, and a diamond where it ends.
  const milestones = new Map(schedule.milestones.map((milestone) => [milestone.phaseIndex, milestone]));
  for (const { phase, p } of window) {
    const span = schedule.phases[p]!;
    const a = xOf(span.startDay);
    const b = xOf(span.endDay);
    parts.push(
      `<rect x="${fixed(a)}" y="30" width="${fixed(Math.max(1, b - a - 1))}" height="13" fill="${phaseColour(phase.index)}" opacity="0.85"><title>${e(`${phaseTitle(phase)}: ${phase.start} to ${phase.end}`)}</title></rect>`,
    );
    const label =
      b - a > 60 ? truncate(`${phase.index}. ${phase.name}`, Math.floor((b - a - 8) / 5.2)) : b - a > 16 ? String(phase.index) : '';
    if (label) parts.push(`<text x="${fixed(a + 3)}" y="40" font-size="9" font-weight="600" fill="#ffffff">${e(label)}</text>`);
    const milestone = milestones.get(phase.index);
    if (milestone)
      parts.push(diamond(b, 51, 4.5, milestone.kind === 'phase-end' ? '#0f172a' : CRITICAL, `${milestone.label}: ${milestone.date}`));
  }
  parts.push(
    `<text x="0" y="40" font-size="9.5" fill="#64748b">Phases</text><text x="0" y="54" font-size="9.5" fill="#64748b">Phase ends</text>`,
  );
  rows.forEach((row, r) => {
    const y = SERVICE_HEAD + r * SERVICE_ROW;
    if (!isBar(row)) {
      parts.push(`<rect x="0" y="${y}" width="${WIDTH}" height="${SERVICE_ROW}" fill="#e2e8f0"/>`);
      parts.push(
        `<text x="4" y="${y + 11.5}" font-size="10.5" font-weight="700" fill="#0f172a">${e(truncate(row.lane || 'No team', 40))}${row.continued ? ' (continued)' : ''}</text>`,
      );
      return;
    }
    if (r % 2 === 0) parts.push(`<rect x="0" y="${y}" width="${WIDTH}" height="${SERVICE_ROW}" fill="#f8fafc"/>`);
    const phase = plan.phases.find((candidate) => candidate.index === row.phaseIndex)!;
    const title = `${row.name}: ${row.start} to ${row.end}, ${countOf(row.effort, 'person-week')}, phase ${phase.index} (${phase.name})${row.isCritical ? ', on the critical path' : ''}`;
    parts.push(
      `<text x="8" y="${y + 11.5}" font-size="10" fill="#0f172a"${row.isCritical ? ' font-weight="700"' : ''}>${e(truncate(row.name, 34))}<title>${e(row.name)}</title></text>`,
    );
    const a = xOf(row.startDay);
    const w = Math.max(2.5, (row.endDay - row.startDay) * dayPx);
    parts.push(
      `<rect x="${fixed(a)}" y="${y + 3.5}" width="${fixed(w)}" height="${SERVICE_ROW - 7}" rx="2" fill="${phaseColour(row.phaseIndex)}"><title>${e(title)}</title></rect>`,
    );
    // The critical path: an outline a little off the bar, so that it reads on a bar of any colour.
    if (row.isCritical)
      parts.push(
        `<rect x="${fixed(a - 2)}" y="${y + 1.5}" width="${fixed(w + 4)}" height="${SERVICE_ROW - 3}" rx="3" fill="none" stroke="${CRITICAL}" stroke-width="1.6"/>`,
      );
    const effort = `${Math.round(row.effort * 10) / 10} pw`;
    if (a + w + 6 + effort.length * 5 < WIDTH)
      parts.push(`<text x="${fixed(a + w + 4)}" y="${y + 11.5}" font-size="8.5" fill="#475569">${e(effort)}</text>`);
  });
  const legendY = height - 12;
  parts.push(
    `<rect x="2" y="${legendY - 7.5}" width="14" height="8" rx="2" fill="#94a3b8"/><rect x="0" y="${legendY - 9.5}" width="18" height="12" rx="3" fill="none" stroke="${CRITICAL}" stroke-width="1.6"/><text x="24" y="${legendY}" font-size="9.5" fill="#334155">critical path: the chain of services that sets the end date</text>`,
    diamond(300, legendY - 3.5, 4.5, '#0f172a', 'end of a phase'),
    `<text x="309" y="${legendY}" font-size="9.5" fill="#334155">end of a phase</text>`,
    `<text x="${WIDTH}" y="${legendY}" font-size="9.5" fill="#334155" text-anchor="end">bars coloured by phase</text>`,
  );
  const title = `Services by team, part ${k + 1} of ${count}: ${first.phase.index === last.phase.index ? `phase ${first.phase.index}` : `phases ${first.phase.index} to ${last.phase.index}`}`;
  const dates = `${first.phase.start} to ${last.phase.end}`;
  return (
    `<div ${PAGE_BREAK}><h2 id="timeline-services-${k + 1}">${e(title)}</h2><p class="muted small">${e(dates)}: each team's services one after another, each for its effort over the team's capacity a week.</p>` +
    `<svg class="timeline services" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${e(`${title}, ${dates}`)}">${parts.join('')}</svg></div>`
  );
}
