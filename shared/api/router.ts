import { requests, type Handlers, type Method } from './contract';
import { describeIssues } from '../format/zodIssues';
import { CarveError, describeError, fail, ok, type Result } from './result';

export type Router = (method: string, payload: unknown) => Promise<Result<unknown>>;

function isMethod(method: string): method is Method {
  return Object.prototype.hasOwnProperty.call(requests, method);
}

/**
 * The one router every host calls: checks the method, validates the payload with its schema, calls the handler
 * and turns whatever it throws into a failed result. `onInternalError` sees unexpected errors (to log them);
 * a person only ever sees one line.
 */
export function createRouter(handlers: Handlers, onInternalError: (error: unknown) => void = () => {}): Router {
  return async (method, payload) => {
    if (!isMethod(method)) return fail('unknown-method', `Carve has no operation "${String(method).slice(0, 80)}"`);
    const parsed = requests[method].safeParse(payload ?? {}, { reportInput: true });
    if (!parsed.success) {
      return fail('invalid-request', `Invalid request for ${method}: ${describeIssues(parsed.error.issues, 'request')}`);
    }
    try {
      const handler = handlers[method] as (request: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof CarveError) return fail(error.code, error.message);
      onInternalError(error);
      return fail('internal', `Something went wrong: ${describeError(error)}`);
    }
  };
}
