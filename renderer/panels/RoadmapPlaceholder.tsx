import { RoadmapView } from '../roadmap/RoadmapView';

/** The roadmap region of the frame (the view lives in renderer/roadmap/). */
export function RoadmapPlaceholder() {
  return <RoadmapView />;
}
