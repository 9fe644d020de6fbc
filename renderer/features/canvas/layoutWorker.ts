import ELK from 'elkjs/lib/elk.bundled.js';
import type { LayoutAnswer, LayoutRequest } from './layout';

// The auto-layout worker: elkjs's layered algorithm, left to right, on the nodes and edges it is sent.

const elk = new ELK();

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { nodes, edges } = event.data;
  const ids = new Set(nodes.map((node) => node.id));
  try {
    const result = await elk.layout({
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.spacing.nodeNode': '50',
        'elk.layered.spacing.nodeNodeBetweenLayers': '140',
        'elk.layered.cycleBreaking.strategy': 'GREEDY',
      },
      children: nodes.map((node) => ({
        id: node.id,
        width: node.width,
        height: node.height,
        ...(node.first ? { layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' } } : {}),
      })),
      edges: edges
        .filter((edge) => ids.has(edge.source) && ids.has(edge.target) && edge.source !== edge.target)
        .map((edge, i) => ({ id: `e${i}`, sources: [edge.source], targets: [edge.target] })),
    });
    const positions = (result.children ?? []).map((child) => ({ id: child.id, x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) }));
    const answer: LayoutAnswer = { ok: true, positions };
    self.postMessage(answer);
  } catch (error) {
    const answer: LayoutAnswer = { ok: false, message: error instanceof Error ? error.message : String(error) };
    self.postMessage(answer);
  }
};
