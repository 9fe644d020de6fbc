import { createStore } from 'zustand/vanilla';

// View state of the roadmap region: never saved, never in undo history. Its height (a drag on its top edge or
// the arrow keys), whether it fills the workbench, which side section is open, and a card drag in progress.

export type RoadmapSection = 'capacity' | 'effort' | 'warnings' | null;

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
}

export const MIN_HEIGHT = 160;
export const DEFAULT_HEIGHT = 320;

export const roadmapStore = createStore<RoadmapViewState>(() => ({
  height: DEFAULT_HEIGHT,
  maximised: false,
  section: null,
  drag: null,
}));

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
