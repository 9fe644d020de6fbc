import type { Method, Request, Values } from './contract';
import type { Result } from './result';

/** The API as the renderer sees it: every method returns a tagged result, never throws. */
export type CarveApi = { [M in Method]: (request: Request<M>) => Promise<Result<Values[M]>> };

/** Preload method names: 'project:open' is exposed as `projectOpen`. */
export function bridgeName(method: Method): string {
  return method.replace(/[:-](\w)/g, (_, c: string) => c.toUpperCase());
}
