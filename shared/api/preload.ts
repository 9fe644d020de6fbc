import type { CarveApi } from './client';
import type { Method } from './contract';
import type { HostEvent } from './events';

// What the Electron preload exposes as `window.carve`, and the IPC channel names both sides use.
// The preload exposes one named function per API method (never a generic `invoke(channel)`), plus the few
// window hooks the renderer needs: host events, the unsaved-changes flag and the close handshake.

/**
 * Every API method, written out so that the preload does not bundle zod just to learn the method names.
 * The compiler keeps it in step with the contract: a method missing here, or one that is not in the
 * contract, is a type error below.
 */
export const BRIDGE_METHODS = [
  'app:info',
  'project:open',
  'project:sample',
  'project:save',
  'recent:list',
  'recent:clear',
  'draft:save',
  'draft:list',
  'draft:load',
  'draft:discard',
  'prefs:get',
  'prefs:set',
  'dialog:open',
  'dialog:save',
  'fs:list',
  'dialog:export',
  'export:start',
  'job:status',
  'job:cancel',
  'import:start',
  'import:project',
  'import:reimport',
  'import:suggest',
  'boundaries:suggest',
  'dialog:folder',
  'scenarios:compare',
] as const satisfies readonly Method[];

type MissingFromBridge = Exclude<Method, (typeof BRIDGE_METHODS)[number]>;
type AssertTrue<T extends true> = T;
/** Fails to compile when a contract method is missing from BRIDGE_METHODS. */
export type BridgeCoversContract = AssertTrue<[MissingFromBridge] extends [never] ? true : false>;

/** The type of `bridgeName(method)` (shared/api/client.ts): 'project:open' -> 'projectOpen'. */
export type BridgeName<S extends string> = S extends `${infer A}:${infer B}`
  ? `${BridgeName<A>}${Capitalize<BridgeName<B>>}`
  : S extends `${infer A}-${infer B}`
    ? `${A}${Capitalize<BridgeName<B>>}`
    : S;

/** The window hooks: not API methods, they carry no project data. */
export interface HostHooksBridge {
  /** Menu commands, files opened from the OS, close requests. Returns the unsubscribe function. */
  onHostEvent(listener: (event: HostEvent) => void): () => void;
  /** Whether the document has unsaved changes: guards the window close and quit. */
  setDirty(dirty: boolean): void;
  /** The renderer has dealt with unsaved changes after `close-requested`: close (or quit) now. */
  confirmClose(): void;
}

/** `window.carve` in Electron. */
export type PreloadBridge = { [M in Method as BridgeName<M>]: CarveApi[M] } & HostHooksBridge;

/** IPC channels besides the API methods (which use the method name itself as the channel). */
export const CHANNELS = {
  /** main -> renderer: a HostEvent. */
  hostEvent: 'host:event',
  /** renderer -> main: the renderer listens for host events now (queued ones are delivered). */
  rendererReady: 'host:renderer-ready',
  /** renderer -> main: boolean, unsaved changes. */
  setDirty: 'window:set-dirty',
  /** renderer -> main: close (or quit) for real. */
  confirmClose: 'window:confirm-close',
} as const;
