import { Handle, Position } from '@xyflow/react';

/** Invisible top and bottom handles: where edges between nodes stacked above each other attach. */
export function Anchors() {
  return (
    <>
      <Handle type="target" position={Position.Top} id="in-top" className="canvas-anchor" isConnectable={false} />
      <Handle type="source" position={Position.Top} id="out-top" className="canvas-anchor" isConnectable={false} />
      <Handle type="target" position={Position.Bottom} id="in-bottom" className="canvas-anchor" isConnectable={false} />
      <Handle type="source" position={Position.Bottom} id="out-bottom" className="canvas-anchor" isConnectable={false} />
    </>
  );
}
