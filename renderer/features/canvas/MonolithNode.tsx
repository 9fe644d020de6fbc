import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatLines } from '../../platform/labels';
import { Anchors } from './Anchors';
import type { MonolithFlowNode } from './toFlow';

// What remains of the monolith: its modules not yet carved into a service. Modules dropped here go back.

function MonolithNodeView({ data, selected }: NodeProps<MonolithFlowNode>) {
  return (
    <div className={`canvas-node canvas-monolith${selected ? ' is-selected' : ''}`} data-testid="monolith-node">
      <Handle type="target" position={Position.Left} id="in-left" className="canvas-anchor" isConnectable={false} />
      <Handle type="source" position={Position.Left} id="out-left" className="canvas-anchor" isConnectable={false} />
      <div className="canvas-node-head">
        <h3 className="canvas-node-name">Monolith</h3>
      </div>
      <p className="canvas-node-sub">{data.name}</p>
      <p className="canvas-node-facts">
        {data.moduleCount} module{data.moduleCount === 1 ? '' : 's'} remain · {formatLines(data.linesOfCode)} lines
      </p>
      <Handle type="target" position={Position.Right} id="in-right" className="canvas-anchor" isConnectable={false} />
      <Handle type="source" position={Position.Right} id="out-right" className="canvas-anchor" isConnectable={false} />
      <Anchors />
    </div>
  );
}

export const MonolithNode = memo(MonolithNodeView);
