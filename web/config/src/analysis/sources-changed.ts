import { useEffect } from 'react';

// Other tabs of the Config UI (a consultant often keeps the analyzer open beside the sources) hear about a
// change at once; within one tab the analyzer re-reads the analysis whenever it is opened.
const CHANNEL = 'kpi-config-sources';

function channel(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);
}

/** Tells other tabs that the sources of a configuration changed. */
export function notifySourcesChanged(configurationPath: string): void {
  const c = channel();
  c?.postMessage({ configurationPath });
  c?.close();
}

/** Calls `onChange` when another tab changes the sources of this configuration. */
export function useSourcesChanged(configurationPath: string | undefined, onChange: () => void): void {
  useEffect(() => {
    if (!configurationPath) return;
    const c = channel();
    if (!c) return;
    c.onmessage = (event: MessageEvent<{ configurationPath?: string }>) => {
      if (event.data?.configurationPath === configurationPath) onChange();
    };
    return () => c.close();
  }, [configurationPath, onChange]);
}
