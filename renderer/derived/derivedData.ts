import type { Project } from '../../shared/model/project';
import type { Derived } from '../state/derivedStore';
import { analyse } from './analysis';
import { planFor } from './plan';

// What the panels derive from the document besides the canvas: the migration plan (roadmap, phase colours,
// project figures) and the design analysis (checks, metrics, node warnings). One function computes them, on the
// page for a small project and in derivedWorker.ts for a large one (background.ts decides).

export function computeDerived(project: Project): Derived {
  return { plan: planFor(project), analysis: analyse(project) };
}

/** Past this many modules, dependencies and services together, the plan and the analysis are computed after the
 * canvas is drawn, off the page's main thread (measured: 2,000 services, 10,000 modules and 30,000 dependencies
 * took 0.4-0.9 s of script before the first paint); below it they cost a few milliseconds and come at once. */
export const BACKGROUND_PAST = 3_000;

export function isLarge(project: Project): boolean {
  return project.services.length + project.monolith.modules.length + project.monolith.dependencies.length > BACKGROUND_PAST;
}

/** What the page sends the worker: the project without its monolith, and the monolith as JSON text only when it
 * is not the one sent before (it is most of a large project, and most edits keep it). */
export interface DerivedRequest {
  id: number;
  /** The monolith as JSON, or null to reuse the last one sent. */
  monolith: string | null;
  project: Omit<Project, 'monolith'>;
}

export type DerivedAnswer = { id: number; ok: true; derived: Derived } | { id: number; ok: false; message: string };

/** The worker's side: answers requests in order, keeping the last monolith sent (so the graph caches of
 * shared/analysis, keyed by its arrays, serve edit after edit). One per worker. */
export function createAnswerer(): (request: DerivedRequest) => DerivedAnswer {
  let monolith: Project['monolith'] | null = null;
  return (request) => {
    try {
      if (request.monolith !== null) monolith = JSON.parse(request.monolith) as Project['monolith'];
      if (!monolith) return { id: request.id, ok: false, message: 'no monolith was sent' };
      return { id: request.id, ok: true, derived: computeDerived({ ...request.project, monolith }) };
    } catch (error) {
      return { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
}
