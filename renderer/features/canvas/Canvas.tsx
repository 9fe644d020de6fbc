import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { DocumentState } from '../../state/documentStore';
import { CanvasLegend } from './CanvasLegend';
import { CanvasMenu } from './CanvasMenu';
import { canvasStore, type CanvasState, useCanvas } from '../../state/canvasStore';
import { FlowCanvas } from './FlowCanvas';
import { LinkPopover } from './LinkPopover';
import { useDocument } from '../../state/documentStore';
import { titled } from '../../platform/keys';
import './canvas.css';

// The canvas region of the frame: a small toolbar, the React Flow canvas, its context menus and the planned-link
// popover. A newly opened document gets a fresh canvas (keyed by its draft id).

const selectProject = (state: DocumentState) => state.project;
const selectDocumentKey = (state: DocumentState) => state.draftId ?? 'none';
const selectDraft = (state: CanvasState) => state.linkDraft;
const selectLayingOut = (state: CanvasState) => state.layingOut;
const selectMinEdgeWeight = (state: CanvasState) => state.minEdgeWeight;
const selectLegendOpen = (state: CanvasState) => state.legendOpen;
/** Thresholds offered for hiding light dependency edges. */
const EDGE_WEIGHTS = [1, 2, 5, 10, 25, 50, 100] as const;
const closeDraft = () => canvasStore.setState({ linkDraft: null });

export function Canvas() {
  const project = useDocument(selectProject);
  const key = useDocument(selectDocumentKey);
  const draft = useCanvas(selectDraft);
  const layingOut = useCanvas(selectLayingOut);
  const minEdgeWeight = useCanvas(selectMinEdgeWeight);
  const legendOpen = useCanvas(selectLegendOpen);
  if (!project) return null;
  const controls = () => canvasStore.getState().controls;
  const nameOf = (id: string) => project.services.find((service) => service.id === id)?.name ?? id;
  return (
    <section className="canvas-region" aria-labelledby="canvas-title">
      <div className="region-head">
        <h2 id="canvas-title" className="panel-title">
          Services
        </h2>
        <span className="count" aria-label={`${project.services.length} services`}>
          {project.services.length}
        </span>
        <span className="muted region-note">Drag modules here to carve a service; onto a service to add them.</span>
        <span className="spacer" />
        <nav className="canvas-toolbar" aria-label="Canvas">
          <button type="button" className="canvas-tool" title={titled('Zoom to fit', 'view:fit')} onClick={() => controls()?.fit()}>
            Fit
          </button>
          <button
            type="button"
            className="canvas-tool"
            title={titled('Zoom to the selected services', 'view:fit-selection')}
            onClick={() => controls()?.fitSelection()}
          >
            Zoom to selection
          </button>
          <button
            type="button"
            className="canvas-tool"
            disabled={layingOut}
            title="Arrange all nodes (elk layered)"
            onClick={() => void controls()?.autoLayout(null)}
          >
            {layingOut ? 'Arranging…' : 'Auto-layout'}
          </button>
          <button
            type="button"
            className="canvas-tool"
            title="Arrange services in columns by roadmap phase, in migration order"
            onClick={() => controls()?.arrangeByPhase()}
          >
            By phase
          </button>
          <label className="canvas-tool-field">
            <span>Edges</span>
            <select
              aria-label="Edges by weight"
              value={minEdgeWeight}
              onChange={(event) => canvasStore.setState({ minEdgeWeight: Number(event.target.value) })}
            >
              {EDGE_WEIGHTS.map((weight) => (
                <option key={weight} value={weight}>
                  {weight === 1 ? 'All' : `Weight ≥ ${weight}`}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="canvas-tool"
            aria-pressed={legendOpen}
            onClick={() => canvasStore.setState({ legendOpen: !legendOpen })}
          >
            Legend
          </button>
        </nav>
      </div>
      {legendOpen && <CanvasLegend />}
      <ReactFlowProvider key={key}>
        <FlowCanvas project={project} />
      </ReactFlowProvider>
      <CanvasMenu project={project} />
      {draft && <LinkPopover draft={draft} fromName={nameOf(draft.from)} toName={nameOf(draft.to)} onClose={closeDraft} />}
    </section>
  );
}
