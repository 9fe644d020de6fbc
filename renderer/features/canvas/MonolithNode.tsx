import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { formatLines } from '../../platform/labels';
import { Anchors } from './Anchors';
import { fitsOneLine, lineClass } from './textFit';
import type { MonolithFlowNode } from './toFlow';

// What remains of the monolith: its modules not yet carved into a service. Modules dropped here go back.

/** Width of the Monolith node's text (canvas.css: 240 px, less borders and padding). */
const TEXT_WIDTH = 214;

function MonolithNodeView({ data, selected }: NodeProps<MonolithFlowNode>) {
  return (
    <div className={`canvas-node canvas-monolith${selected ? ' is-selected' : ''}`} data-testid="monolith-node">
      <Handle type="target" position={Position.Left} id="in-left" className="canvas-anchor" isConnectable={false} />
      <Handle type="source" position={Position.Left} id="out-left" className="canvas-anchor" isConnectable={false} />
      <div className="canvas-node-head">
        <h3 className={lineClass('canvas-node-name', fitsOneLine('Monolith', 600, 13, TEXT_WIDTH))}>Monolith</h3>
      </div>
      <p className={lineClass('canvas-node-sub', fitsOneLine(data.name, 400, 12, TEXT_WIDTH))}>{data.name}</p>
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
