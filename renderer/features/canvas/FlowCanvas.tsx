import {
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type NodeTypes,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { blocksByGroup } from '../../../shared/commands/arrange';
import { MONOLITH_NODE_ID } from '../../../shared/model/project';
import type { Project } from '../../../shared/model/project';
import { isTypingIn } from '../../platform/typing';
import { selectEdge, selectionStore, type SelectionState, useSelection } from '../../state/selectionStore';
import { showError, useUi } from '../../state/uiStore';
import { edit } from '../../state/edit';
import { copySelection, hasClipboard, moveNodesTo, pasteClipboard, selectedServiceIds } from './canvasActions';
import { CANVAS_SCOPE } from './canvasCommands';
import { canvasStore, openMenu, startRename, type CanvasState, useCanvas } from '../../state/canvasStore';
import { CanvasDots } from './CanvasDots';
import { dropModules, MODULE_MIME, nodeIdUnder, parseModuleIds } from './dropTarget';
import { DependencyEdge, LinkEdge } from './edges';
import { EdgeTooltip, type HoveredEdge } from './EdgeTooltip';
import { ESTIMATE_PAST } from './estimatedNodes';
import { anchorTo, layoutInWorker } from './layout';
import { MonolithNode } from './MonolithNode';
import { ServiceNode } from './ServiceNode';
import { LITE_EDGES, type CarveEdge, type CarveNode, type ServiceFlowNode } from './toFlow';
import { useFlowNodes } from './useFlowNodes';

// The React Flow canvas. Module-level node and edge types, nodes and edges derived from the project
// (useFlowNodes), every edit through shared/commands as one undo step.

const nodeTypes: NodeTypes = { service: ServiceNode, monolith: MonolithNode };
const edgeTypes: EdgeTypes = { dependency: DependencyEdge, link: LinkEdge };
/** Room kept clear around fitted nodes: the zoom controls sit bottom left and the minimap bottom right, so a fitted
 * view never puts a node under them. */
const FIT_OPTIONS = { padding: { top: '28px', right: '28px', bottom: '128px', left: '60px' }, maxZoom: 1.2 } as const;
const PRO_OPTIONS = { hideAttribution: true } as const;
const DELETE_KEYS = null;
const MINIMAP_STYLE = { width: 150, height: 96 } as const;
const MULTI_KEYS = ['Meta', 'Control', 'Shift'];

const isDefaultViewport = (viewport: Project['layout']['viewport']) => viewport.x === 0 && viewport.y === 0 && viewport.zoom === 1;
/** Past this many services (estimatedNodes.ts) a file without a saved viewport opens at zoom 0.9 by the Monolith,
 * not fitted: fitting two thousand nodes would draw them all, unreadably small. */
const FIT_ON_OPEN_LIMIT = ESTIMATE_PAST;
const OPENING_VIEWPORT = { x: 40, y: 160, zoom: 0.9 } as const;

const selectFocus = (state: SelectionState) => state.focusRequest;
const selectMinEdgeWeight = (state: CanvasState) => state.minEdgeWeight;

/** Why some dependency edges are not drawn: the weight threshold, the limit, or both. */
function edgeNote(shown: number, total: number, minWeight: number): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const light = minWeight > 1 ? `dependency edges of weight ${minWeight} or more` : 'heaviest dependency edges';
  return `Showing ${count(shown)} of ${count(total)}: the ${light}; select a service to see all of its own.`;
}

const miniMapColour = (node: CarveNode) => (node.type === 'monolith' ? 'var(--canvas-monolith-fill)' : 'var(--canvas-service-fill)');

export function FlowCanvas({ project }: { project: Project }) {
  const theme = useUi((state) => state.theme);
  const flow = useReactFlow<CarveNode, CarveEdge>();
  const { nodes, edges, edgeTotal, edgesShown, graph, onNodesChange } = useFlowNodes(project);
  const [hovered, setHovered] = useState<HoveredEdge | null>(null);
  const minEdgeWeight = useCanvas(selectMinEdgeWeight);
  const [initialViewport] = useState(() =>
    isDefaultViewport(project.layout.viewport) && project.services.length > FIT_ON_OPEN_LIMIT ? OPENING_VIEWPORT : project.layout.viewport,
  );
  const wrapper = useRef<HTMLDivElement>(null);
  const pane = useRef<HTMLDivElement>(null);
  // Whether the view is still the one Fit gave (on open, or by the Fit button or an arrangement) and the user has not
  // moved it since: while it is, a pane that changes size (the roadmap or the legend opening under or above the
  // canvas, the window resized) is fitted again, so that no node ends under the zoom controls or the minimap.
  const fitOnOpen = isDefaultViewport(initialViewport) && project.services.length <= FIT_ON_OPEN_LIMIT;
  const fitted = useRef(fitOnOpen);
  // React Flow fits the view on open once the first nodes are measured, which can be only the first rows: the
  // others then lie below the fitted view, under the minimap. Once every node is measured, fit again.
  const awaitingMeasures = useRef(fitOnOpen);
  const nodesInitialized = useNodesInitialized();
  useEffect(() => {
    if (!nodesInitialized || !awaitingMeasures.current) return;
    awaitingMeasures.current = false;
    if (fitted.current) void flow.fitView(FIT_OPTIONS);
  }, [nodesInitialized, flow]);
  useEffect(() => {
    const element = pane.current;
    if (!element) return;
    let size = '';
    const observer = new ResizeObserver(([entry]) => {
      const next = `${Math.round(entry!.contentRect.width)}x${Math.round(entry!.contentRect.height)}`;
      const resized = size !== '' && next !== size;
      size = next;
      if (resized && fitted.current) void flow.fitView(FIT_OPTIONS);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [flow]);
  // Set by a re-arrangement: fit the view once the moved nodes are drawn (React Flow's store takes them in its
  // own effect, which runs before this component's).
  // When nothing moved (arranged twice), no new nodes come: two frames later the flag is dropped all the same,
  // so that a later, unrelated change does not fit the view.
  const fitOnceDrawn = useRef(false);
  const fitIfPending = useCallback(() => {
    if (!fitOnceDrawn.current) return;
    fitOnceDrawn.current = false;
    fitted.current = true;
    void flow.fitView({ ...FIT_OPTIONS, duration: 200 });
  }, [flow]);
  useEffect(fitIfPending, [nodes, fitIfPending]);
  const fitAfterArranging = useCallback(() => {
    fitOnceDrawn.current = true;
    requestAnimationFrame(() => requestAnimationFrame(fitIfPending));
  }, [fitIfPending]);

  // What commands run from elsewhere (palette, menus) ask of the canvas.
  useEffect(() => {
    const selectedNodes = () => selectionStore.getState().nodeIds.map((id) => ({ id }));
    // A fresh canvas (a newly opened document) has no viewport of its own until the view moves: a save then keeps
    // the file's, never the previous document's.
    canvasStore.setState({
      viewport: null,
      controls: {
        fit: () => {
          fitted.current = true;
          void flow.fitView({ ...FIT_OPTIONS, duration: 200 });
        },
        fitSelection: () => {
          const selected = selectedNodes();
          fitted.current = selected.length === 0;
          void flow.fitView({ ...FIT_OPTIONS, nodes: selected.length > 0 ? selected : undefined, duration: 200 });
        },
        autoLayout: async (only) => {
          const all = flow.getNodes();
          const wanted = only && only.length > 1 ? new Set(only) : null;
          const chosen = wanted ? all.filter((node) => wanted.has(node.id)) : all;
          const ids = new Set(chosen.map((node) => node.id));
          canvasStore.setState({ layingOut: true });
          const answer = await layoutInWorker({
            nodes: chosen.map((node) => ({
              id: node.id,
              width: node.measured?.width ?? 240,
              height: node.measured?.height ?? 120,
              first: node.id === MONOLITH_NODE_ID,
            })),
            // What remains of the monolith sits left of what was carved out: edges back into it are left out.
            edges: flow
              .getEdges()
              .filter((edge) => ids.has(edge.source) && ids.has(edge.target) && edge.target !== MONOLITH_NODE_ID)
              .map((edge) => ({ source: edge.source, target: edge.target })),
          });
          canvasStore.setState({ layingOut: false });
          if (!answer.ok) return showError(`Auto-layout failed: ${answer.message}`);
          const before = new Map(chosen.map((node) => [node.id, node.position]));
          moveNodesTo(wanted ? anchorTo(answer.positions, before) : answer.positions);
          if (!wanted) fitAfterArranging();
        },
        arrangeByPhase: () => {
          const sized = flow.getNodes().map((node) => ({
            id: node.id,
            group: node.type === 'service' ? (node as ServiceFlowNode).data.phase : null,
            size: { width: node.measured?.width ?? 240, height: node.measured?.height ?? 120 },
          }));
          moveNodesTo(blocksByGroup(sized, MONOLITH_NODE_ID));
          fitAfterArranging();
        },
        centre: () => {
          const box = wrapper.current?.getBoundingClientRect();
          if (!box) return { x: 0, y: 0 };
          return flow.screenToFlowPosition({ x: box.left + box.width / 2 - 110, y: box.top + box.height / 2 - 50 });
        },
      },
    });
    return () => canvasStore.setState({ controls: null, viewport: null });
  }, [flow, fitAfterArranging]);

  // A warning asked to bring something into view.
  const focusRequest = useSelection(selectFocus);
  useEffect(() => {
    if (!focusRequest) return;
    const ids = new Set(focusRequest.nodeIds);
    if (focusRequest.edgeId) {
      const edge = flow.getEdge(focusRequest.edgeId);
      if (edge) ids.add(edge.source).add(edge.target);
    }
    if (ids.size > 0) void flow.fitView({ ...FIT_OPTIONS, nodes: [...ids].map((id) => ({ id })), duration: 250 });
    selectionStore.setState({ focusRequest: null });
  }, [focusRequest, flow]);

  const onEdgesChange = useCallback((changes: EdgeChange<CarveEdge>[]) => {
    for (const change of changes) {
      if (change.type !== 'select') continue;
      if (change.selected) selectEdge(change.id);
      else if (selectionStore.getState().edgeId === change.id) selectEdge(null);
    }
  }, []);

  // While the view pans or zooms, many plain edges are hidden (painting them was most of a frame, measured).
  const onMoveStart = useCallback(() => wrapper.current?.classList.add('is-moving'), []);
  // Whatever the user does in the pane (a drag, the wheel, the zoom buttons, the minimap) leaves the fitted view.
  const leaveFit = useCallback(() => (fitted.current = false), []);
  const onMoveEnd = useCallback((_: unknown, viewport: Viewport) => {
    wrapper.current?.classList.remove('is-moving');
    canvasStore.setState({ viewport });
  }, []);
  const liteEdges = edgesShown > LITE_EDGES;

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(MODULE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const ids = parseModuleIds(event.dataTransfer.getData(MODULE_MIME));
      if (!ids) return;
      event.preventDefault();
      const target = nodeIdUnder(event.target as Element, document.elementsFromPoint(event.clientX, event.clientY));
      const at = flow.screenToFlowPosition({ x: event.clientX - 110, y: event.clientY - 30 });
      let created: string | null = null;
      const done = edit('Drop modules', (current) => {
        const result = dropModules(current, ids, target, at);
        created = result.createdId;
        return result.project;
      });
      if (done && created) {
        selectionStore.setState({ nodeIds: [created], moduleIds: [], edgeId: null });
        startRename(created);
      }
    },
    [flow],
  );

  const isValidConnection = useCallback(
    (connection: Connection | CarveEdge) =>
      connection.source !== connection.target && connection.source !== MONOLITH_NODE_ID && connection.target !== MONOLITH_NODE_ID,
    [],
  );

  const lastPointer = useRef({ x: 0, y: 0 });
  const onConnect = useCallback((connection: Connection) => {
    canvasStore.setState({
      linkDraft: { from: connection.source, to: connection.target, x: lastPointer.current.x, y: lastPointer.current.y },
    });
  }, []);

  const onNodeContextMenu = useCallback((event: ReactMouseEvent, node: CarveNode) => {
    event.preventDefault();
    if (!selectionStore.getState().nodeIds.includes(node.id)) selectionStore.setState({ nodeIds: [node.id], moduleIds: [], edgeId: null });
    openMenu({ target: { kind: 'node', nodeId: node.id }, x: event.clientX, y: event.clientY });
  }, []);
  const onEdgeContextMenu = useCallback((event: ReactMouseEvent, edge: CarveEdge) => {
    event.preventDefault();
    selectEdge(edge.id);
    openMenu({ target: { kind: 'edge', edgeId: edge.id }, x: event.clientX, y: event.clientY });
  }, []);
  const onPaneContextMenu = useCallback(
    (event: ReactMouseEvent | MouseEvent) => {
      event.preventDefault();
      openMenu({
        target: { kind: 'pane', flow: flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }) },
        x: event.clientX,
        y: event.clientY,
      });
    },
    [flow],
  );
  const onEdgeMouseEnter = useCallback(
    (event: ReactMouseEvent, edge: CarveEdge) => setHovered({ id: edge.id, x: event.clientX, y: event.clientY }),
    [],
  );
  const onEdgeMouseLeave = useCallback(() => setHovered(null), []);

  return (
    <div
      ref={wrapper}
      className={liteEdges ? 'canvas-flow has-lite-edges' : 'canvas-flow'}
      onDragOver={onDragOver}
      onDrop={onDrop}
      // Its keys (Delete, F2, Ctrl+C/V, the context menu key) are the app's commands, scoped to this area.
      {...CANVAS_SCOPE}
      // Electron's Edit menu turns Ctrl+C / Ctrl+V into copy and paste events instead of key presses.
      onCopy={(event) => {
        if (isTypingIn(event.target) || selectedServiceIds().length === 0) return;
        event.preventDefault();
        copySelection();
      }}
      onPaste={(event) => {
        if (isTypingIn(event.target) || !hasClipboard()) return;
        event.preventDefault();
        pasteClipboard();
      }}
      onPointerMove={(event) => (lastPointer.current = { x: event.clientX, y: event.clientY })}
    >
      {edgesShown < edgeTotal && (
        <p className="canvas-note" role="status">
          {edgeNote(edgesShown, edgeTotal, minEdgeWeight)}
        </p>
      )}
      <div className="canvas-flow-pane" ref={pane} onPointerDownCapture={leaveFit} onWheelCapture={leaveFit}>
        <ReactFlow<CarveNode, CarveEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          onMoveStart={onMoveStart}
          onMoveEnd={onMoveEnd}
          onNodeContextMenu={onNodeContextMenu}
          onEdgeContextMenu={onEdgeContextMenu}
          onPaneContextMenu={onPaneContextMenu}
          onEdgeMouseEnter={onEdgeMouseEnter}
          onEdgeMouseLeave={onEdgeMouseLeave}
          defaultViewport={initialViewport}
          fitView={fitOnOpen}
          fitViewOptions={FIT_OPTIONS}
          minZoom={0.05}
          maxZoom={2.5}
          colorMode={theme}
          deleteKeyCode={DELETE_KEYS}
          multiSelectionKeyCode={MULTI_KEYS}
          onlyRenderVisibleElements
          elevateEdgesOnSelect
          proOptions={PRO_OPTIONS}
          aria-label="Services canvas"
        >
          <CanvasDots />
          <MiniMap pannable zoomable nodeColor={miniMapColour} ariaLabel="Minimap" style={MINIMAP_STYLE} />
          <Controls aria-label="Zoom controls" showInteractive={false} />
        </ReactFlow>
      </div>
      {hovered && <EdgeTooltip project={project} graph={graph} edge={hovered} />}
    </div>
  );
}
