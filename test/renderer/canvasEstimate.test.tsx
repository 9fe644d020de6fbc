import { ReactFlowProvider, type NodeProps } from '@xyflow/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { checkDesign } from '../../shared/analysis/checks';
import { buildServiceGraph } from '../../shared/analysis/serviceGraph';
import { estimateServiceSize } from '../../shared/commands/arrange';
import type { Project } from '../../shared/model/project';
import { loadSampleProject } from '../../shared/samples/acmeShop';
import { estimatedSize, withEstimatedSize } from '../../renderer/features/canvas/estimatedNodes';
import { MonolithNode } from '../../renderer/features/canvas/MonolithNode';
import { ServiceNode } from '../../renderer/features/canvas/ServiceNode';
import { createNodeDeriver, type CarveNode, type MonolithFlowNode, type ServiceFlowNode } from '../../renderer/features/canvas/toFlow';

const nodesOf = (project: Project) =>
  createNodeDeriver()(project, { graph: buildServiceGraph(project), warnings: checkDesign(project), phaseOf: new Map() }, new Set());

/** The handles a node component draws, as "type id" ("source out-right"), from its HTML. */
function drawnHandles(node: CarveNode): string[] {
  const props = { id: node.id, data: node.data, type: node.type, selected: false } as unknown as NodeProps<ServiceFlowNode>;
  const html = renderToStaticMarkup(
    <ReactFlowProvider>
      {node.type === 'service' ? <ServiceNode {...props} /> : <MonolithNode {...(props as unknown as NodeProps<MonolithFlowNode>)} />}
    </ReactFlowProvider>,
  );
  return [...html.matchAll(/<div[^>]*class="[^"]*react-flow__handle[^"]*"[^>]*>/g)].map((match) => {
    const tag = match[0];
    const id = /data-handleid="([^"]+)"/.exec(tag)![1];
    const type = /class="[^"]*\b(source|target)\b/.exec(tag)![1];
    return `${type} ${id}`;
  });
}

describe('estimated nodes (a large design draws a node only once it is on screen)', () => {
  const project = loadSampleProject();
  const nodes = nodesOf(project);

  it("give every node the handles its component draws, by id and type, on the node's border", () => {
    for (const node of nodes) {
      const estimated = withEstimatedSize(node);
      expect(estimated.handles!.map((h) => `${h.type} ${h.id}`).sort()).toEqual(drawnHandles(node).sort());
      const { width = 0, height = 0 } = estimated.measured!;
      for (const handle of estimated.handles!) {
        const onBorder = handle.x === 0 || handle.y === 0 || handle.x === width - 1 || handle.y === height - 1;
        expect(onBorder, `${node.id} ${handle.id}`).toBe(true);
      }
    }
  });

  it('size a node as the arrangement estimates it, half a pixel over, so the first measure always replaces it', () => {
    const catalog = nodes.find((n) => n.id === 'svc-catalog') as ServiceFlowNode;
    expect(estimatedSize(catalog)).toEqual(estimateServiceSize(['catalog', 'media']));
    for (const node of nodes) {
      const { width = 0, height = 0 } = withEstimatedSize(node).measured!;
      expect(width % 1).toBe(0.5);
      expect(height % 1).toBe(0.5);
      expect({ width: width - 0.5, height: height - 0.5 }).toEqual(estimatedSize(node));
    }
  });

  it('return the same object for the same node, and leave the node itself untouched', () => {
    const node = nodes[1]!;
    expect(withEstimatedSize(node)).toBe(withEstimatedSize(node));
    expect(node.measured).toBeUndefined();
    expect(node.handles).toBeUndefined();
  });
});
