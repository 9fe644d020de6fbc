import { applyNodeChanges, type NodeChange } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildServiceGraph } from '../../../shared/analysis/serviceGraph';
import type { Project } from '../../../shared/model/project';
import type { DesignWarning } from '../../../shared/analysis/checks';
import { useDerived } from '../../derived/background';
import { usePlanPhases } from '../../derived/usePlan';
import { selectionStore, selectNodes, type SelectionState, useSelection } from '../../state/selectionStore';
import { moveNodesTo } from './canvasActions';
import { type CanvasState, useCanvas } from '../../state/canvasStore';
import { ESTIMATE_PAST, withEstimatedSize } from './estimatedNodes';
import { createNodeDeriver, deriveEdges, EDGE_LIMIT, type CarveNode } from './toFlow';

// The canvas's nodes: derived from the project (positions from its layout, selection from the selection
// store), with React Flow's measured sizes kept aside, and local positions only while a drag runs. A drag
// ends in one moveNodes edit (one undo step); Escape during a drag puts the nodes back and edits nothing.

const selectNodeIds = (state: SelectionState) => state.nodeIds;
const selectEdgeId = (state: SelectionState) => state.edgeId;
const selectMinWeight = (state: CanvasState) => state.minEdgeWeight;

type Measured = NonNullable<CarveNode['measured']>;
/** Until a large project's checks arrive (background.ts), its nodes show no warning marks. */
const NO_WARNINGS: readonly DesignWarning[] = [];

export function useFlowNodes(project: Project) {
  const selectedIds = useSelection(selectNodeIds);
  const selectedEdge = useSelection(selectEdgeId);
  const graph = useMemo(() => buildServiceGraph(project), [project]);
  const warnings = useDerived()?.analysis.warnings ?? NO_WARNINGS;
  const phaseOf = usePlanPhases();
  const [deriver] = useState(createNodeDeriver);
  const selectedSet = useMemo(() => new Set(selectedIds), [selectedIds]);
  const derived = useMemo(
    () => deriver(project, { graph, warnings, phaseOf }, selectedSet),
    [deriver, project, graph, warnings, phaseOf, selectedSet],
  );
  const minWeight = useCanvas(selectMinWeight);
  const {
    edges,
    total: edgeTotal,
    shown: edgesShown,
  } = useMemo(
    () => deriveEdges(project, graph, selectedEdge, selectedSet, EDGE_LIMIT, minWeight),
    [project, graph, selectedEdge, selectedSet, minWeight],
  );

  // Sizes React Flow measured, kept per node id; a merged node object is reused while both parts are the same.
  // On a large design a node not measured yet carries an estimate, so that it is drawn only once on screen.
  const measured = useRef(new Map<string, Measured>());
  const merged = useRef(new WeakMap<CarveNode, CarveNode>());
  const [measureTick, setMeasureTick] = useState(0);
  const estimate = project.services.length > ESTIMATE_PAST;
  const base = useMemo(() => {
    void measureTick;
    return derived.map((node) => {
      const size = measured.current.get(node.id);
      if (!size) return estimate ? withEstimatedSize(node) : node;
      const hit = merged.current.get(node);
      if (hit && hit.measured === size) return hit;
      const withSize = { ...node, measured: size } as CarveNode;
      merged.current.set(node, withSize);
      return withSize;
    });
  }, [derived, measureTick, estimate]);

  // While a drag runs: the nodes as dragged. Null otherwise.
  const [dragged, setDragged] = useState<CarveNode[] | null>(null);
  const nodes = dragged ?? base;
  const current = useRef(nodes);
  current.current = nodes;
  const cancelled = useRef(false);
  const dragging = useRef(false);

  useEffect(() => {
    if (!dragged) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      cancelled.current = true;
      setDragged(null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [dragged]);

  const onNodesChange = useCallback((changes: NodeChange<CarveNode>[]) => {
    let sized = false;
    const moving: NodeChange<CarveNode>[] = [];
    const finished: { id: string; x: number; y: number }[] = [];
    let selection: Set<string> | null = null;
    for (const change of changes) {
      if (change.type === 'dimensions' && change.dimensions) {
        const old = measured.current.get(change.id);
        if (!old || old.width !== change.dimensions.width || old.height !== change.dimensions.height) {
          measured.current.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
          sized = true;
        }
      } else if (change.type === 'position' && change.position) {
        if (change.dragging) moving.push(change);
        else finished.push({ id: change.id, x: change.position.x, y: change.position.y });
      } else if (change.type === 'select') {
        selection ??= new Set(selectionStore.getState().nodeIds);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
    }
    if (sized) setMeasureTick((tick) => tick + 1);
    if (moving.length > 0) {
      if (!dragging.current) {
        dragging.current = true;
        cancelled.current = false;
      }
      if (!cancelled.current) setDragged(applyNodeChanges(moving, current.current));
    }
    if (finished.length > 0) {
      dragging.current = false;
      if (!cancelled.current) moveNodesTo(finished);
      cancelled.current = false;
      setDragged(null);
    }
    if (selection) {
      const ids = [...selection];
      const before = selectionStore.getState().nodeIds;
      if (ids.length !== before.length || ids.some((id) => !before.includes(id))) selectNodes(ids);
    }
  }, []);

  return { nodes, edges, edgeTotal, edgesShown, graph, onNodesChange };
}
