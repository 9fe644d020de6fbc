import { afterEach, describe, expect, it } from 'vitest';
import { planMigration } from '../../shared/planning/planner';
import { schedulePlan } from '../../shared/planning/schedule';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { roadmapStore, setTimelineView, WEEK_PX, zoomTimeline } from '../../renderer/state/roadmapStore';
import { barTitle, NO_TEAM, phaseRows, rowsInSight, serviceRows } from '../../renderer/features/roadmap/timelineRows';

// The roadmap timeline's rows (renderer/features/roadmap/timelineRows.ts) and its view state: a lane header then the
// lane's services, a row per phase, the rows in sight for a scroll offset, zoom steps and the view switch.

afterEach(() => roadmapStore.setState({ timelineView: 'services', weekPx: null }));

describe('timeline rows', () => {
  it('the service view: each lane a header, then its services by start; every service once', () => {
    const plan = planMigration(loadSampleProject());
    const schedule = schedulePlan(plan);
    const rows = serviceRows(schedule);
    expect(rows.filter((row) => row.kind === 'lane').map((row) => row.label)).toEqual(schedule.lanes.map((lane) => lane.team || NO_TEAM));
    expect(
      rows
        .filter((row) => row.kind === 'service')
        .map((row) => row.key)
        .sort(),
    ).toEqual(schedule.bars.map((bar) => `service:${bar.serviceId}`).sort());
    let lane = '';
    let start = -Infinity;
    for (const row of rows) {
      if (row.kind === 'lane') {
        lane = row.label;
        start = -Infinity;
        expect(row.detail).toMatch(/^\d+ services? · [\d.]+ person-weeks?$/);
      } else if (row.kind === 'service') {
        expect(row.bar.team || NO_TEAM).toBe(lane);
        expect(row.bar.startDay).toBeGreaterThanOrEqual(start);
        start = row.bar.startDay;
      }
    }
    const critical = schedule.critical[0]!;
    expect(barTitle(critical, 'Catalog')).toBe(
      `${critical.name}: ${critical.start} to ${critical.end}, ${critical.effort} person-week${critical.effort === 1 ? '' : 's'}, ${critical.team}, phase ${critical.phaseIndex} (Catalog), on the critical path`,
    );
  });

  it('the phase view: "N. name" per phase, on the schedule\'s days', () => {
    const plan = planMigration(loadSampleProject());
    const schedule = schedulePlan(plan);
    const rows = phaseRows(plan, schedule);
    expect(rows.map((row) => row.label)).toEqual(plan.phases.map((phase) => `${phase.index}. ${phase.name}`));
    rows.forEach(
      (row, p) =>
        row.kind === 'phase' && expect([row.startDay, row.endDay]).toEqual([schedule.phases[p]!.startDay, schedule.phases[p]!.endDay]),
    );
  });

  it('draws the rows in sight with a margin, never past either end', () => {
    expect(rowsInSight(300, 20, 0, 200)).toEqual({ first: 0, last: 20 });
    expect(rowsInSight(300, 20, 2000, 200)).toEqual({ first: 90, last: 120 });
    expect(rowsInSight(300, 20, 5900, 200)).toEqual({ first: 285, last: 300 });
    expect(rowsInSight(5, 20, 0, 0)).toEqual({ first: 0, last: 5 });
  });

  it('zooms by steps from what is shown, back to fit, and switches the view', () => {
    zoomTimeline(1, 6);
    expect(roadmapStore.getState().weekPx).toBe(8);
    zoomTimeline(-1, 8);
    expect(roadmapStore.getState().weekPx).toBe(4);
    zoomTimeline(1, WEEK_PX[WEEK_PX.length - 1]!);
    expect(roadmapStore.getState().weekPx).toBe(WEEK_PX[WEEK_PX.length - 1]);
    zoomTimeline(null, 64);
    expect(roadmapStore.getState().weekPx).toBeNull();
    setTimelineView('phases');
    expect(roadmapStore.getState().timelineView).toBe('phases');
  });
});
