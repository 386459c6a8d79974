/**
 * elkjs in a web worker. The layered layout of the whole model takes a few hundred milliseconds of pure
 * computation; in a worker the page keeps scrolling, zooming and answering clicks meanwhile, and the
 * 1.6 MB GWT-compiled engine is parsed off the main thread. We load elk's own prebuilt classic worker
 * script (`elk-worker.min.js`) as a plain asset (`?url`) instead of re-bundling it as a module worker:
 * Vite copies it untouched, so builds stay fast and nothing of it lands in any JS chunk.
 */
import ELK from 'elkjs/lib/elk-api';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';
import type { ElkLayouter } from './diagram-layout';

/** The worker-backed layouter, with a warm-up that loads the engine before the first layout. */
export interface WorkerLayouter extends ElkLayouter {
  /** Starts the worker and lets it load the engine (resolves when it answers). */
  warm(): Promise<void>;
}

let shared: { elk: InstanceType<typeof ELK>; ready: Promise<void> } | undefined;

function instance() {
  if (!shared) {
    // Only the layered algorithm is initialised: the others are never used here.
    const elk = new ELK({ workerUrl: elkWorkerUrl, algorithms: ['layered'] });
    shared = { elk, ready: elk.knownLayoutAlgorithms().then(() => undefined) };
  }
  return shared;
}

/** Stops the worker; the next layout starts a new one (after a failure or a timeout). */
export function resetLayouter(): void {
  shared?.elk.terminateWorker();
  shared = undefined;
}

/**
 * The page's layouter. One worker is kept for the session (the engine loads once, not per visit); a
 * failed start is forgotten so a retry starts a new worker.
 */
export function workerLayouter(): WorkerLayouter {
  return {
    warm: () =>
      instance().ready.catch((err: unknown) => {
        resetLayouter();
        throw err;
      }),
    layout: (graph) => instance().elk.layout(graph),
  };
}
