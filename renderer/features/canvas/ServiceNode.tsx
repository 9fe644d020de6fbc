import { Handle, Position, useStore as useFlowStore, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef, useState, type DragEvent } from 'react';
import { renameService } from '../../../shared/commands/services';
import { formatLines } from '../../platform/labels';
import { edit } from '../../state/edit';
import { phaseColor } from '../../derived/usePlan';
import { startRename, type CanvasState, useCanvas } from '../../state/canvasStore';
import { MODULE_MIME } from './dropTarget';
import { Anchors } from './Anchors';
import type { ServiceFlowNode } from './toFlow';
import { fitsOneLine, lineClass, textWidth } from './textFit';
import { isZoomedOut } from './zoom';

// One service on the canvas: a colour band by roadmap phase, name (editable in place), framework and runtime,
// module count and lines, a warning marker, and its modules as chips that can be dragged to another node.

const isRenaming = (id: string) => (state: CanvasState) => state.renamingId === id;

/** Width of a service node's text (canvas.css: 220 px, less borders and padding), and what sits beside its name. */
const TEXT_WIDTH = 190;
const GAP = 6;
const WARNING_WIDTH = 16;

/** Whether a service's name fits beside its phase pill and warning mark. */
function nameFits(data: ServiceFlowNode['data']): boolean {
  let room = TEXT_WIDTH;
  if (data.phase !== null) {
    const pill = textWidth(`P${data.phase}`, 700, 10);
    if (pill === null) return false;
    room -= pill + 12 + GAP;
  }
  if (data.warnings.length > 0) room -= WARNING_WIDTH + GAP;
  return fitsOneLine(data.name, 600, 13, room);
}

function onChipDragStart(event: DragEvent<HTMLElement>, moduleId: string, name: string): void {
  event.stopPropagation();
  event.dataTransfer.setData(MODULE_MIME, JSON.stringify([moduleId]));
  event.dataTransfer.setData('text/plain', name);
  event.dataTransfer.effectAllowed = 'move';
}

function NameEditor({ serviceId, initial }: { serviceId: string; initial: string }) {
  const [value, setValue] = useState(initial);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // After the drop that created the service has fully ended (Chromium ignores focus during a drag).
    const focus = () => {
      input.current?.focus();
      input.current?.select();
    };
    focus();
    const frame = requestAnimationFrame(() => requestAnimationFrame(focus));
    return () => cancelAnimationFrame(frame);
  }, []);
  const finish = (commit: boolean) => {
    startRename(null);
    const name = value.trim();
    if (!commit || !name || name === initial) return;
    edit('Rename service', (project) => renameService(project, { serviceId, name }));
  };
  return (
    <input
      ref={input}
      className="canvas-name-input nodrag nopan"
      aria-label="Service name"
      value={value}
      maxLength={200}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter') finish(true);
        else if (event.key === 'Escape') finish(false);
      }}
      onBlur={() => finish(true)}
    />
  );
}

function ServiceNodeView({ id, data, selected }: NodeProps<ServiceFlowNode>) {
  const renaming = useCanvas(isRenaming(id));
  // Zoomed out, chips are unreadable: nodes drop them (fewer elements to draw on a large design).
  const zoomedOut = useFlowStore(isZoomedOut);
  const chips = zoomedOut ? null : data.chips;
  return (
    <div className={`canvas-node canvas-service${selected ? ' is-selected' : ''}`} data-testid={`service-node-${id}`}>
      <div
        className="canvas-band"
        style={data.phase === null ? undefined : { background: phaseColor(data.phase) }}
        title={data.phase === null ? 'Not planned yet' : `Roadmap phase ${data.phase}`}
      />
      <Handle type="target" position={Position.Left} id="in-left" className="canvas-handle" aria-label={`Link into ${data.name}`} />
      <Handle type="source" position={Position.Left} id="out-left" className="canvas-anchor" isConnectable={false} />
      <div className="canvas-node-head">
        {renaming ? (
          <NameEditor serviceId={id} initial={data.name} />
        ) : (
          <h3 className={lineClass('canvas-node-name', nameFits(data))} title={data.name} onDoubleClick={() => startRename(id)}>
            {data.name}
          </h3>
        )}
        {data.phase !== null && (
          <span className="canvas-phase-pill" style={{ color: phaseColor(data.phase) }} title={`Extracted in roadmap phase ${data.phase}`}>
            P{data.phase}
          </span>
        )}
        {data.warnings.length > 0 && (
          <span
            className="canvas-warning"
            role="img"
            aria-label={`${data.warnings.length} design warning${data.warnings.length === 1 ? '' : 's'}`}
            title={data.warnings.join('\n')}
          >
            !
          </span>
        )}
      </div>
      <p className={lineClass('canvas-node-sub', fitsOneLine(`${data.framework} · ${data.runtime}`, 400, 12, TEXT_WIDTH))}>
        {data.framework} · {data.runtime}
      </p>
      <p className="canvas-node-facts">
        {data.moduleCount} module{data.moduleCount === 1 ? '' : 's'} · {formatLines(data.linesOfCode)} lines
      </p>
      {chips && chips.length > 0 && (
        <ul className="canvas-chips" aria-label={`Modules of ${data.name}`}>
          {chips.map((chip) => (
            <li
              key={chip.id}
              className="canvas-chip nodrag"
              draggable
              title={`${chip.name}: drag to another service or to the Monolith`}
              onDragStart={(event) => onChipDragStart(event, chip.id, chip.name)}
            >
              {chip.name.slice(chip.name.lastIndexOf('.') + 1)}
            </li>
          ))}
        </ul>
      )}
      {data.chips === null && !zoomedOut && <p className="canvas-collapsed">{data.moduleCount} modules (collapsed)</p>}
      {data.chips !== null && data.chips.length === 0 && <p className="canvas-collapsed">Drop modules here</p>}
      <Handle type="target" position={Position.Right} id="in-right" className="canvas-anchor" isConnectable={false} />
      <Anchors />
      <Handle type="source" position={Position.Right} id="out-right" className="canvas-handle" aria-label={`Link from ${data.name}`} />
    </div>
  );
}

export const ServiceNode = memo(ServiceNodeView);
