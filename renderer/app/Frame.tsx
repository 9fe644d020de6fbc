import { Canvas } from '../features/canvas/Canvas';
import { DesignChecks } from '../features/checks/DesignChecks';
import { Inspector } from '../features/inspector/Inspector';
import { MonolithPanel } from '../features/monolith/MonolithPanel';
import { RoadmapView } from '../features/roadmap/RoadmapView';
import { CommandPalette } from './CommandPalette';
import { TopBar } from './TopBar';
import { useUi } from '../state/uiStore';

/** The app frame around an open project: top bar, monolith panel, canvas, inspector with design checks, roadmap. */
export function Frame() {
  const panels = useUi((state) => state.panels);
  const row = (centre: string) =>
    [panels.monolith ? 'monolith' : null, centre, panels.inspector ? 'inspector' : null].filter(Boolean).join(' ');
  const layout = {
    gridTemplateColumns: [
      panels.monolith ? 'var(--monolith-width)' : null,
      'minmax(0, 1fr)',
      panels.inspector ? 'var(--inspector-width)' : null,
    ]
      .filter(Boolean)
      .join(' '),
    gridTemplateRows: panels.roadmap ? 'minmax(0, 1fr) var(--roadmap-height)' : 'minmax(0, 1fr)',
    gridTemplateAreas: [row('canvas'), panels.roadmap ? row('roadmap') : null]
      .filter(Boolean)
      .map((r) => `"${r}"`)
      .join(' '),
  };
  return (
    <div className="frame">
      <TopBar />
      <main className="workbench" style={layout}>
        {panels.monolith && <MonolithPanel />}
        <Canvas />
        {panels.inspector && (
          <div className="frame-side">
            <Inspector />
            <DesignChecks />
          </div>
        )}
        {panels.roadmap && <RoadmapView />}
      </main>
      <CommandPalette />
    </div>
  );
}
