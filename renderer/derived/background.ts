import type { Project } from '../../shared/model/project';
import { documentStore, type DocumentState, useDocument } from '../state/documentStore';
import { derivedStore, type Derived, type DerivedState, useDerivedState } from '../state/derivedStore';
import { computeDerived, isLarge, type DerivedAnswer, type DerivedRequest } from './derivedData';
import { planInputs, sameInputs } from './plan';

// The plan and the analysis of the open document, off the first paint. A small project's come at once, as
// before. A large project's are computed in derivedWorker.ts after the canvas is drawn, one request at a time,
// the newest document state first: until they arrive the panels say "Computing…". Within one document the last
// figures stay on screen (marked as not fresh) while the next ones are computed; a newly opened document never
// shows another document's figures (its draft id is the version checked).

/** Results per project object, and the last few by what they were computed from (an edit that keeps the
 * planner's inputs, such as a node move, keeps them). */
const results = new WeakMap<Project, Derived>();
const recent: { inputs: readonly unknown[]; derived: Derived }[] = [];
const RECENT = 4;

function remember(project: Project, derived: Derived): void {
  results.set(project, derived);
  recent.unshift({ inputs: planInputs(project), derived });
  recent.length = Math.min(recent.length, RECENT);
}

/** The project's derived data if it is known; a small project's is computed here and now. */
export function derivedIfReady(project: Project): Derived | undefined {
  const known = results.get(project);
  if (known) return known;
  const inputs = planInputs(project);
  const same = recent.find((entry) => sameInputs(entry.inputs, inputs));
  if (same) {
    results.set(project, same.derived);
    return same.derived;
  }
  if (isLarge(project)) return undefined;
  const derived = computeDerived(project);
  remember(project, derived);
  return derived;
}

function publish(): void {
  const { project, draftId } = documentStore.getState();
  const state = derivedStore.getState();
  let next: Pick<DerivedState, 'documentKey' | 'derived' | 'fresh'>;
  if (!project) next = { documentKey: null, derived: null, fresh: true };
  else {
    const derived = derivedIfReady(project);
    if (derived) next = { documentKey: draftId, derived, fresh: true };
    else {
      const older = lastArrived?.documentKey === draftId ? lastArrived.derived : null;
      next = { documentKey: draftId, derived: older ?? (state.documentKey === draftId ? state.derived : null), fresh: false };
    }
  }
  if (next.documentKey !== state.documentKey || next.derived !== state.derived || next.fresh !== state.fresh) derivedStore.setState(next);
  if (project && !next.fresh) {
    // The worker loads its script while the page draws; the project is sent to it after the first paint.
    startWorker();
    void pump();
  }
}

// ---- computing large projects, one at a time ----

let busy = false;
/** The last result computed for the project then open, and its document: shown (not fresh) while the next one is
 * computed. */
let lastArrived: { documentKey: string | null; derived: Derived } | null = null;

/** What to compute next: the open project, then the one before the last edit (the metrics show what it changed). */
function wanted(): Project | null {
  const { project, history } = documentStore.getState();
  if (project && !derivedIfReady(project)) return project;
  const previous = history?.past[history.past.length - 1];
  if (previous && !derivedIfReady(previous)) return previous;
  return null;
}

async function pump(): Promise<void> {
  if (busy) return;
  busy = true;
  let next: Project | null = null;
  let derived: Derived | null = null;
  let documentKey: string | null = null;
  let current: Project | null = null;
  try {
    // Sent a microtask later: after the render React queued for the same change, before the page lays out and
    // paints, so that the running worker computes meanwhile (traced on 2,000 services: the roadmap 0.5 s after the
    // canvas; sent after the first paint, 0.9 s; with a worker started by the first request, 1.0-1.5 s).
    await Promise.resolve();
    next = wanted();
    if (!next) return;
    ({ project: current, draftId: documentKey } = documentStore.getState());
    derived = await computeElsewhere(next);
  } catch (error) {
    console.error(`Carve could not compute the plan and checks: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    busy = false;
  }
  if (!next || !derived) return;
  remember(next, derived);
  if (next === current) lastArrived = { documentKey, derived };
  derivedStore.setState((state) => ({ arrivals: state.arrivals + 1 }));
  publish();
  void pump();
}

/** Runs `fn` once the page has painted (a task after the next frame), where there is a page. */
function afterPaint<T>(fn: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    const run = () =>
      setTimeout(() => {
        try {
          resolve(fn());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
    else run();
  });
}

let worker: Worker | null | undefined;
let sentMonolith: Project['monolith'] | null = null;
let lastId = 0;

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = typeof Worker === 'function' ? new Worker(new URL('./derivedWorker.ts', import.meta.url), { type: 'module' }) : null;
  } catch {
    worker = null;
  }
  return worker;
}

/** The worker failed: compute on the page from now on (after each paint), as a host without workers does. */
function dropWorker(): void {
  worker?.terminate();
  worker = null;
  sentMonolith = null;
}

function computeElsewhere(project: Project): Promise<Derived> {
  const thread = startWorker();
  if (!thread) return afterPaint(() => computeDerived(project));
  const { monolith, ...rest } = project;
  const request: DerivedRequest = { id: ++lastId, monolith: monolith === sentMonolith ? null : JSON.stringify(monolith), project: rest };
  sentMonolith = monolith;
  return new Promise((resolve, reject) => {
    const settle = (answer: DerivedAnswer | null) => {
      thread.removeEventListener('message', onMessage);
      thread.removeEventListener('error', onError);
      if (answer?.ok) return resolve(answer.derived);
      console.error(`Carve's derived data worker failed (${answer ? answer.message : 'it did not start'}); computing on the page instead`);
      dropWorker();
      afterPaint(() => computeDerived(project)).then(resolve, reject);
    };
    const onMessage = (event: MessageEvent<DerivedAnswer>) => {
      if (event.data.id === request.id) settle(event.data);
    };
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      settle(null);
    };
    thread.addEventListener('message', onMessage);
    thread.addEventListener('error', onError);
    thread.postMessage(request);
  });
}

documentStore.subscribe(publish);
publish();
// The worker is started when the page is idle after it loads, so that a large project opened later is sent to a
// running worker, which computes while the page draws the canvas (a worker started with the first request only
// began once the page's first render had ended).
if (typeof Worker === 'function') {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => startWorker());
  else setTimeout(() => startWorker(), 0);
}

// ---- hooks ----

const selectDerived = (state: DerivedState) => state.derived;
const selectFresh = (state: DerivedState) => state.fresh;
const selectArrivals = (state: DerivedState) => state.arrivals;

/** The open project's plan and analysis; while they are computed, the last ones of this document, or null. */
export function useDerived(): Derived | null {
  return useDerivedState(selectDerived);
}

/** False while the open project's plan and analysis are being computed. */
export function useDerivedFresh(): boolean {
  return useDerivedState(selectFresh);
}

const selectPrevious = (state: DocumentState) => state.history?.past[state.history.past.length - 1] ?? null;

/** The derived data of the project before the last edit, once known (null without one). */
export function usePreviousDerived(): Derived | null {
  const previous = useDocument(selectPrevious);
  useDerivedState(selectArrivals);
  return previous ? (derivedIfReady(previous) ?? null) : null;
}
