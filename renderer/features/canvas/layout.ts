// Auto-layout: the request and answer exchanged with layoutWorker.ts (elkjs, layered, left to right), and the
// part that runs on the page. Pure types and helpers: the worker and the page share them.

export interface LayoutRequest {
  /** `first` pins a node to the leftmost layer (the Monolith). */
  nodes: { id: string; width: number; height: number; first?: boolean }[];
  edges: { source: string; target: string }[];
}

export type LayoutAnswer = { ok: true; positions: { id: string; x: number; y: number }[] } | { ok: false; message: string };

/** Keeps a laid-out selection where it was: shift the new positions so their top-left corner stays put. */
export function anchorTo(
  positions: readonly { id: string; x: number; y: number }[],
  before: ReadonlyMap<string, { x: number; y: number }>,
): { id: string; x: number; y: number }[] {
  if (positions.length === 0) return [];
  const minOf = (values: number[]) => Math.min(...values);
  const old = positions.map((p) => before.get(p.id)).filter((p): p is { x: number; y: number } => p !== undefined);
  if (old.length === 0) return positions.map((p) => ({ ...p }));
  const dx = minOf(old.map((p) => p.x)) - minOf(positions.map((p) => p.x));
  const dy = minOf(old.map((p) => p.y)) - minOf(positions.map((p) => p.y));
  return positions.map((p) => ({ id: p.id, x: Math.round(p.x + dx), y: Math.round(p.y + dy) }));
}

/** Runs one layout in a fresh module worker (elkjs stays off the main thread). */
export function layoutInWorker(request: LayoutRequest): Promise<LayoutAnswer> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./layoutWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<LayoutAnswer>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      resolve({ ok: false, message: event.message || 'the layout worker failed' });
    };
    worker.postMessage(request);
  });
}
