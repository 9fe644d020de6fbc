import { createAnswerer, type DerivedRequest } from './derivedData';

// The derived data worker (started by background.ts): the plan and the analysis of a large project, off the
// page's main thread.

const answer = createAnswerer();

self.onmessage = (event: MessageEvent<DerivedRequest>) => self.postMessage(answer(event.data));
