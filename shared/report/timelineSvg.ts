import { parseIsoDate } from '../planning/dates';
import type { Plan } from '../planning/types';
import { countOf } from '../words';
import { escapeHtml, truncate } from './escape';
import { phaseColour } from './palette';
import { phaseTitle } from '../planning/phaseNames';

// The timeline (Gantt) chart: one bar per phase on a date axis with a tick at the start of each month (or of
// each quarter for plans longer than two years).

const DAY_MS = 86_400_000;
const WIDTH = 760;
const LABEL_WIDTH = 250;
const ROW = 34;
const AXIS = 42;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const fixed = (value: number) => (Math.round(value * 10) / 10).toString();

export function renderTimelineSvg(plan: Plan): string {
  const start = parseIsoDate(plan.start);
  const end = parseIsoDate(plan.end) + DAY_MS;
  const span = Math.max(DAY_MS, end - start);
  const chartWidth = WIDTH - LABEL_WIDTH - 20;
  const xOf = (time: number) => LABEL_WIDTH + ((time - start) / span) * chartWidth;
  const height = AXIS + plan.phases.length * ROW + 12;
  const parts: string[] = [];

  // Alternate rows shaded, so that a bar reads across to its phase.
  plan.phases.forEach((_, row) => {
    if (row % 2 === 0) parts.push(`<rect x="0" y="${AXIS + row * ROW}" width="${WIDTH}" height="${ROW}" fill="#f8fafc"/>`);
  });
  // The first day, labelled at the left edge of the chart.
  const startDate = new Date(start);
  parts.push(`<line x1="${fixed(xOf(start))}" y1="${AXIS - 6}" x2="${fixed(xOf(start))}" y2="${fixed(height - 8)}" class="tick start"/>`);
  parts.push(`<text x="${fixed(xOf(start) + 3)}" y="${AXIS - 22}" class="axis">${escapeHtml(`${startDate.getUTCDate()} ${MONTHS[startDate.getUTCMonth()]} ${startDate.getUTCFullYear()}`)}</text>`);

  const first = new Date(start);
  const months = Math.ceil(span / (30 * DAY_MS));
  const step = months > 24 ? (months > 72 ? 12 : 3) : 1;
  for (let m = 0; ; m += step) {
    const time = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m + (first.getUTCDate() > 1 ? 1 : 0), 1);
    if (time > end || m > 2400) break;
    const x = xOf(time);
    const date = new Date(time);
    const label = date.getUTCMonth() === 0 || m === 0 ? `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}` : MONTHS[date.getUTCMonth()]!;
    parts.push(`<line x1="${fixed(x)}" y1="${AXIS - 6}" x2="${fixed(x)}" y2="${fixed(height - 8)}" class="tick"/>`);
    parts.push(`<text x="${fixed(x + 3)}" y="${AXIS - 10}" class="axis">${escapeHtml(label)}</text>`);
  }

  plan.phases.forEach((phase, row) => {
    const y = AXIS + row * ROW;
    const x1 = xOf(parseIsoDate(phase.start));
    const x2 = xOf(parseIsoDate(phase.end) + DAY_MS);
    const colour = phaseColour(phase.index);
    const weeks = `${phase.lengthWeeks} wk${phase.lengthWeeks > phase.setWeeks ? ` (set ${phase.setWeeks})` : ''}`;
    const detail =
      phase.lengthWeeks === 0
        ? 'no services: no time'
        : phase.index === 0 && phase.services.length === 0
          ? `${weeks} · foundations`
          : `${weeks} · ${phase.services.length} service${phase.services.length === 1 ? '' : 's'}`;
    parts.push(`<text x="0" y="${fixed(y + ROW / 2 + 4)}" class="row-label">${escapeHtml(truncate(phaseTitle(phase), 36))}</text>`);
    parts.push(
      `<rect x="${fixed(x1)}" y="${fixed(y + 6)}" width="${fixed(Math.max(2, x2 - x1))}" height="${ROW - 12}" rx="4" fill="${colour}"><title>${escapeHtml(
        phase.lengthWeeks === 0 ? `${phase.name}: no services, takes no time` : `${phase.name}: ${phase.start} to ${phase.end}`,
      )}</title></rect>`,
    );
    const textWidth = detail.length * 6.2 + 12;
    const inside = x2 - x1 > textWidth;
    // Outside the bar: after it, or before it when it ends too close to the right edge.
    const after = x2 + textWidth < WIDTH;
    const x = inside ? x1 + 6 : after ? x2 + 6 : x1 - 6;
    parts.push(
      `<text x="${fixed(x)}" y="${fixed(y + ROW / 2 + 4)}"${inside || after ? '' : ' text-anchor="end"'} class="${inside ? 'bar-label' : 'bar-label outside'}">${escapeHtml(detail)}</text>`,
    );
  });

  return `<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Timeline of ${countOf(plan.phases.length, 'phase')} from ${escapeHtml(
    plan.start,
  )} to ${escapeHtml(plan.end)}">${parts.join('')}</svg>`;
}
