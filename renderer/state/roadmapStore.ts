import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

// View state of the roadmap region: never saved, never in undo history. Its height (a drag on its top edge or
// the arrow keys), whether it fills the workbench, which side section is open, a card drag in progress, and
// the timeline's view and zoom.

export type RoadmapSection = 'capacity' | 'effort' | 'warnings' | null;
/** The timeline's rows: services by team lane, or one bar per phase. */
export type TimelineView = 'services' | 'phases';

export interface CardDrag {
  serviceId: string;
  name: string;
  /** The phase the card was in. */
  fromIndex: number;
  /** Where the pointer is (viewport pixels), and the phase column under it. */
  x: number;
  y: number;
  overIndex: number | null;
}

export interface RoadmapViewState {
  height: number;
  maximised: boolean;
  section: RoadmapSection;
  drag: CardDrag | null;
  timelineView: TimelineView;
  /** Pixels per week of the timeline; null fits the plan to the width (never under MIN_WEEK_PX). */
  weekPx: number | null;
}

export const MIN_HEIGHT = 160;
export const DEFAULT_HEIGHT = 320;

export const roadmapStore = createStore<RoadmapViewState>(() => ({
  height: DEFAULT_HEIGHT,
  maximised: false,
  section: null,
  drag: null,
  timelineView: 'services',
  weekPx: null,
}));
export const useRoadmap = <T>(selector: (state: RoadmapViewState) => T): T => useStore(roadmapStore, selector);

/** The timeline's zoom steps, in pixels per week. */
export const WEEK_PX = [2, 4, 8, 16, 32, 64, 128] as const;

export function setTimelineView(timelineView: TimelineView): void {
  roadmapStore.setState({ timelineView });
}

/** One zoom step in (+1) or out (-1) from `current` (the pixels per week shown now); null goes back to fit. */
export function zoomTimeline(direction: 1 | -1 | null, current: number): void {
  if (direction === null) return roadmapStore.setState({ weekPx: null });
  const next = direction > 0 ? WEEK_PX.find((px) => px > current + 0.01) : [...WEEK_PX].reverse().find((px) => px < current - 0.01);
  roadmapStore.setState({ weekPx: next ?? (direction > 0 ? WEEK_PX[WEEK_PX.length - 1] : WEEK_PX[0]) });
}

export function setRoadmapHeight(height: number): void {
  const max = Math.max(MIN_HEIGHT, (globalThis.innerHeight ?? 900) - 160);
  roadmapStore.setState({ height: Math.round(Math.min(max, Math.max(MIN_HEIGHT, height))), maximised: false });
}

export function toggleMaximised(): void {
  roadmapStore.setState((state) => ({ maximised: !state.maximised }));
}

export function toggleSection(section: Exclude<RoadmapSection, null>): void {
  roadmapStore.setState((state) => ({ section: state.section === section ? null : section }));
}

export function setDrag(drag: CardDrag | null): void {
  roadmapStore.setState({ drag });
}
