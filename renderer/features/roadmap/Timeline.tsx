import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { monthTicks, schedulePlan, type Schedule } from '../../../shared/planning/schedule';
import type { Plan } from '../../../shared/planning/types';
import { countOf } from '../../../shared/words';
import type { DocumentState } from '../../state/documentStore';
import { setTimelineView, zoomTimeline, type TimelineView, useRoadmap } from '../../state/roadmapStore';
import { barTitle, phaseRows, rowsInSight, serviceRows, type TimelineRow } from './timelineRows';
import { phaseColor } from '../../derived/usePlan';
import { useDocument } from '../../state/documentStore';

// The plan on a calendar, in a box that scrolls both ways: the months, the phases and the milestones stay on top,
// the names stay at the left. The service view draws each service's bar in its team's lane (shared/planning/
// schedule.ts), the critical path marked; the phase view draws one bar per phase. Only the rows in sight are drawn.

const LABEL_WIDTH = 200;
const ROW = 20;
/** The narrowest fit: a longer plan scrolls rather than squeezing weeks under this many pixels. */
const FIT_MIN_WEEK_PX = 6;
const MIN_TICK_PX = 44;
const MIN_MILESTONE_LABEL_PX = 78;

const selectModuleCount = (state: DocumentState) => state.project?.monolith.modules.length ?? 0;

/** The inner size of an element, followed as it changes (a maximised roadmap, a resized window). */
function useSize<T extends HTMLElement>(): [React.RefObject<T | null>, { width: number; height: number }] {
  const ref = useRef<T>(null);
  const [size, setSize] = useState({ width: 0, height: 400 });
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () =>
      setSize((old) =>
        old.width === element.clientWidth && old.height === element.clientHeight
          ? old
          : { width: element.clientWidth, height: element.clientHeight },
      );
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}

export const Timeline = memo(function Timeline({ plan }: { plan: Plan }) {
  const modules = useDocument(selectModuleCount);
  const view = useRoadmap((state) => state.timelineView);
  const zoom = useRoadmap((state) => state.weekPx);
  const schedule = useMemo(() => schedulePlan(plan, { monolithModules: modules }), [plan, modules]);
  const rows = useMemo(() => (view === 'services' ? serviceRows(schedule) : phaseRows(plan, schedule)), [view, schedule, plan]);
  const [scroller, { width, height }] = useSize<HTMLDivElement>();
  const [scrollTop, setScrollTop] = useState(0);

  const weeks = schedule.totalDays / 7;
  const weekPx = zoom ?? Math.max(FIT_MIN_WEEK_PX, (Math.max(width, 320) - LABEL_WIDTH - 12) / Math.max(weeks, 1));
  const dayPx = weekPx / 7;
  const chartWidth = Math.ceil(schedule.totalDays * dayPx) + 8;
  const { first, last } = rowsInSight(rows.length, ROW, scrollTop, height);

  // Another view starts at its first row.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0, left: 0 });
  }, [scroller, view]);
  useEffect(() => {
    setScrollTop(scroller.current?.scrollTop ?? 0);
  }, [scroller, rows.length, view]);

  const totalWeeks = Math.round(weeks);
  const label = `Timeline: ${countOf(plan.phases.length, 'phase')} over ${countOf(totalWeeks, 'week')}, ${plan.start} to ${plan.end}`;
  return (
    <figure className="roadmap-timeline" aria-label={label}>
      <div
        ref={scroller}
        className="roadmap-gantt"
        tabIndex={0}
        role="group"
        aria-label={
          view === 'services'
            ? `Service bars by team, ${countOf(schedule.bars.length, 'service')} in ${countOf(schedule.lanes.length, 'lane')}`
            : `Phase bars, ${countOf(plan.phases.length, 'phase')}`
        }
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        style={{ '--label-width': `${LABEL_WIDTH}px`, '--row': `${ROW}px` } as CSSProperties}
      >
        <div className="roadmap-gantt-inner" style={{ width: LABEL_WIDTH + chartWidth }}>
          <TimelineHeader plan={plan} schedule={schedule} dayPx={dayPx} chartWidth={chartWidth}>
            <TimelineToolbar view={view} weekPx={weekPx} schedule={schedule} />
          </TimelineHeader>
          <div className="roadmap-gantt-rows" style={{ height: rows.length * ROW }}>
            <Grid schedule={schedule} dayPx={dayPx} />
            <div style={{ height: first * ROW }} />
            {rows.slice(first, last).map((row) => (
              <Row key={row.key} row={row} dayPx={dayPx} plan={plan} />
            ))}
          </div>
        </div>
      </div>
    </figure>
  );
});

function TimelineToolbar({ view, weekPx, schedule }: { view: TimelineView; weekPx: number; schedule: Schedule }) {
  const zoom = useRoadmap((state) => state.weekPx);
  return (
    <>
      <div className="roadmap-segmented" role="group" aria-label="Timeline view">
        <button
          type="button"
          className="toggle"
          aria-pressed={view === 'services'}
          onClick={() => setTimelineView('services')}
          title="A bar per service, in its team's lane"
        >
          Services by team
        </button>
        <button
          type="button"
          className="toggle"
          aria-pressed={view === 'phases'}
          onClick={() => setTimelineView('phases')}
          title="A bar per phase"
        >
          Phases
        </button>
      </div>
      <div className="roadmap-segmented" role="group" aria-label="Timeline zoom">
        <button type="button" aria-label="Zoom the timeline out" title="Zoom out" onClick={() => zoomTimeline(-1, weekPx)}>
          −
        </button>
        <button
          type="button"
          className="toggle"
          aria-pressed={zoom === null}
          aria-label="Fit the timeline to the width"
          title="Fit to the width"
          onClick={() => zoomTimeline(null, weekPx)}
        >
          Fit
        </button>
        <button type="button" aria-label="Zoom the timeline in" title="Zoom in" onClick={() => zoomTimeline(1, weekPx)}>
          +
        </button>
      </div>
      <span
        className="roadmap-legend muted"
        title={`Outlined: the critical path, ${countOf(schedule.critical.length, 'service')}, the chain that sets the end date. Diamonds: the end of each phase, the last one the finish.`}
      >
        <span className="roadmap-legend-critical" aria-hidden="true" /> critical path
        <span className="roadmap-legend-diamond" aria-hidden="true" /> milestone
        <span className="visually-hidden">{`: the critical path is ${countOf(schedule.critical.length, 'service')}, the chain that sets the end date`}</span>
      </span>
    </>
  );
}

/** Months, phases (a click scrolls the roadmap to the phase's column) and milestones, kept on top; the view
 * switch, the zoom and the legend in the corner. */
function TimelineHeader({
  plan,
  schedule,
  dayPx,
  chartWidth,
  children,
}: {
  plan: Plan;
  schedule: Schedule;
  dayPx: number;
  chartWidth: number;
  children: React.ReactNode;
}) {
  const ticks = monthTicks(schedule.start, schedule.totalDays, dayPx, MIN_TICK_PX);
  let lastLabel = -Infinity;
  return (
    <div className="roadmap-gantt-head">
      <div className="roadmap-gantt-corner">{children}</div>
      <div className="roadmap-gantt-scale" style={{ width: chartWidth }}>
        <div className="roadmap-months" aria-hidden="true">
          {ticks.map((tick) => (
            <span key={tick.day} className="roadmap-tick" style={{ left: tick.day * dayPx }}>
              {tick.label}
            </span>
          ))}
        </div>
        <ol className="roadmap-phase-band" aria-label="Phases">
          {schedule.phases.map((span, p) => {
            const phase = plan.phases[p]!;
            const text = `${phase.index}. ${phase.name}`;
            return (
              <li key={span.index} style={{ left: span.startDay * dayPx, width: Math.max(0, (span.endDay - span.startDay) * dayPx) }}>
                <button
                  type="button"
                  className="roadmap-phase-chip"
                  style={{ '--phase-color': phaseColor(phase.index) } as CSSProperties}
                  title={
                    phase.lengthWeeks === 0
                      ? `${phase.name}: no services, takes no time`
                      : `${text}: ${phase.start} to ${phase.end}, ${countOf(phase.lengthWeeks, 'week')}`
                  }
                  aria-label={`Go to phase ${text}${phase.lengthWeeks === 0 ? ', takes no time' : `, ${phase.start} to ${phase.end}`}`}
                  onClick={() => showColumn(phase.index)}
                >
                  {text}
                </button>
              </li>
            );
          })}
        </ol>
        <ul className="roadmap-milestones" aria-label="Milestones">
          {schedule.milestones.map((milestone, m) => {
            const x = milestone.day * dayPx;
            // A date is written where it fits before the next diamond (the finish's, to its left, always).
            const next = schedule.milestones[m + 1];
            const finish = schedule.milestones[schedule.milestones.length - 1]!.day * dayPx;
            const shown =
              milestone.kind !== 'phase-end' ||
              (x - lastLabel >= MIN_MILESTONE_LABEL_PX &&
                (next === undefined || (next.day - milestone.day) * dayPx >= MIN_MILESTONE_LABEL_PX) &&
                finish - x >= 2 * MIN_MILESTONE_LABEL_PX);
            if (shown) lastLabel = x;
            return (
              <li
                key={milestone.phaseIndex}
                className={`roadmap-milestone is-${milestone.kind}`}
                style={{ left: x }}
                title={`${milestone.label}: ${milestone.date}`}
              >
                <span className="roadmap-diamond" aria-hidden="true" />
                {shown ? <span className="roadmap-milestone-date">{milestone.date}</span> : null}
                <span className="visually-hidden">{`${milestone.label}: ${milestone.date}`}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

/** Scrolls the roadmap sideways (only) to a phase's column, so that the timeline stays where it is. */
function showColumn(index: number): void {
  const column = document.querySelector<HTMLElement>(`.roadmap-column[data-phase-index="${index}"]`);
  const body = column?.closest<HTMLElement>('.roadmap-body');
  if (!column || !body) return;
  body.scrollBy({ left: column.getBoundingClientRect().left - body.getBoundingClientRect().left - 14 });
}

/** Faint lines at each phase's start, behind the rows. */
const Grid = memo(function Grid({ schedule, dayPx }: { schedule: Schedule; dayPx: number }) {
  return (
    <div className="roadmap-gantt-grid" aria-hidden="true">
      {schedule.phases.map((span) =>
        span.endDay > span.startDay ? (
          <span key={span.index} style={{ left: `calc(var(--label-width) + ${span.startDay * dayPx}px)` }} />
        ) : null,
      )}
    </div>
  );
});

function Row({ row, dayPx, plan }: { row: TimelineRow; dayPx: number; plan: Plan }) {
  if (row.kind === 'lane') {
    return (
      <div className="roadmap-gantt-row is-lane">
        <span className="roadmap-gantt-label" title={`${row.label}: ${row.detail}`}>
          <strong>{row.label}</strong> <span className="muted">{row.detail}</span>
        </span>
      </div>
    );
  }
  if (row.kind === 'service') {
    const { bar } = row;
    const title = barTitle(bar, plan.phases.find((phase) => phase.index === bar.phaseIndex)?.name ?? '');
    return (
      <div className={`roadmap-gantt-row${bar.isCritical ? ' is-critical' : ''}`} data-service-id={bar.serviceId}>
        <span className="roadmap-gantt-label" title={row.label}>
          {row.label}
        </span>
        <span
          className={`roadmap-gantt-bar${bar.isCritical ? ' is-critical' : ''}`}
          style={
            {
              left: `calc(var(--label-width) + ${bar.startDay * dayPx}px)`,
              width: Math.max(3, (bar.endDay - bar.startDay) * dayPx),
              '--phase-color': phaseColor(bar.phaseIndex),
            } as CSSProperties
          }
          title={title}
        >
          <span className="visually-hidden">{title}</span>
        </span>
      </div>
    );
  }
  const { phase } = row;
  const text =
    phase.lengthWeeks === 0
      ? `${phase.name}: no services, takes no time`
      : `${phase.name}: ${phase.start} to ${phase.end}, ${countOf(phase.lengthWeeks, 'week')}`;
  return (
    <div className="roadmap-gantt-row" data-phase-row={phase.index}>
      <span className="roadmap-gantt-label" title={row.label}>
        {row.label}
      </span>
      <span
        className="roadmap-gantt-bar is-phase"
        style={
          {
            left: `calc(var(--label-width) + ${row.startDay * dayPx}px)`,
            width: Math.max(3, (row.endDay - row.startDay) * dayPx),
            '--phase-color': phaseColor(phase.index),
          } as CSSProperties
        }
        title={text}
      >
        <span className="visually-hidden">{phase.lengthWeeks === 0 ? ', takes no time' : `, ${phase.start} to ${phase.end}`}</span>
      </span>
    </div>
  );
}
