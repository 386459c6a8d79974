import { useEffect, useState } from 'react';
import { canvasMeasure, type TextMeasure } from './class-size';
import { type DiagramLayout, toLayout } from './diagram-layout';
import type { DiagramModel } from './diagram-model';
import { MARKS, MEASURES, mark, measure } from './diagram-timing';
import { buildElkGraph } from './elk-graph';
import { resetLayouter, workerLayouter } from './elk-worker-client';

/** A layout that has not come back by then is reported as failed (a worker that died never answers). */
const LAYOUT_TIMEOUT_MS = 30_000;

export interface LayoutState {
  layout: DiagramLayout | undefined;
  error: Error | undefined;
  /** True while a layout is being computed. */
  running: boolean;
  /** Runs the layout again (after an error). */
  retry(): void;
}

let sharedMeasure: TextMeasure | undefined;

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Starts the layout worker now, so the engine loads while the page still fetches its data. */
export function useWarmLayouter(): void {
  useEffect(() => {
    // A failed warm-up is reported by the first layout, which tries again.
    workerLayouter()
      .warm()
      .catch(() => undefined);
  }, []);
}

/** Lays `model` out with ELK in the worker; a newer model supersedes a layout still running. */
export function useDiagramLayout(model: DiagramModel | undefined): LayoutState {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<Omit<LayoutState, 'retry'>>({
    layout: undefined,
    error: undefined,
    running: model !== undefined,
  });

  // `attempt` is a dependency on purpose: bumping it (retry) lays out again.
  useEffect(() => {
    if (!model) return;
    let current = true;
    setState((s) => ({ ...s, running: true, error: undefined }));
    mark(MARKS.layoutStart);
    sharedMeasure ??= canvasMeasure();
    const graph = buildElkGraph(model, sharedMeasure);
    const layouter = workerLayouter();
    withTimeout(layouter.layout(graph), LAYOUT_TIMEOUT_MS, 'The layout engine did not answer in time.')
      .then((laidOut) => {
        if (!current) return;
        const layout = toLayout(model, laidOut);
        mark(MARKS.layoutEnd);
        measure(MEASURES.layout, MARKS.layoutStart, MARKS.layoutEnd);
        setState({ layout, error: undefined, running: false });
      })
      .catch((err: unknown) => {
        // Whatever went wrong, a retry gets a fresh worker.
        resetLayouter();
        if (!current) return;
        const error = err instanceof Error ? err : new Error(String(err));
        setState({ layout: undefined, error, running: false });
      });
    return () => {
      current = false;
    };
  }, [model, attempt]);

  return { ...state, retry: () => setAttempt((a) => a + 1) };
}
