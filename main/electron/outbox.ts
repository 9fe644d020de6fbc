import type { HostEvent } from '../../shared/api/events';

// Host events wait until the renderer listens: a file given on the command line or by macOS's open-file
// arrives before the page has loaded, and one sent during a reload would be lost.

const MAX_PENDING = 32;

export interface HostEventOutbox {
  post(event: HostEvent): void;
  /** The renderer subscribed: deliver what waited, then deliver directly. */
  ready(): void;
  /** The page is (re)loading: queue again until it subscribes. */
  reset(): void;
  /** Whether the renderer listens now. */
  readonly isReady: boolean;
}

export function createHostEventOutbox(deliver: (event: HostEvent) => void): HostEventOutbox {
  let isReady = false;
  let pending: HostEvent[] = [];
  return {
    post(event) {
      if (isReady) return deliver(event);
      pending.push(event);
      if (pending.length > MAX_PENDING) pending = pending.slice(-MAX_PENDING);
    },
    ready() {
      isReady = true;
      const waiting = pending;
      pending = [];
      for (const event of waiting) deliver(event);
    },
    reset() {
      isReady = false;
    },
    get isReady() {
      return isReady;
    },
  };
}
