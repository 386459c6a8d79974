import { ErrorPanel, Loading } from '@kpi/web-ui/layout';
import type { ReactNode } from 'react';

/** What `Loaded` needs of a read: `ApiState`, or any hook shaped like it. */
export interface LoadState<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
}

export interface LoadedProps<T> {
  state: LoadState<T>;
  /** Said while the first read runs; `Loading`'s own default when absent. */
  loadingLabel?: string;
  /** Heading of the error when the read failed and nothing was ever read; `ErrorPanel`'s default when absent. */
  errorTitle?: string;
  /** The content, once there is data (an older read stays on screen while a refresh fails). */
  children: (data: T) => ReactNode;
}

/**
 * A read's three faces, the same on every Monitor page: a spinner while the first read runs, the error with a
 * Retry button when it failed and there is nothing to show, else the content drawn from the data.
 */
export function Loaded<T>({ state, loadingLabel, errorTitle, children }: LoadedProps<T>) {
  if (state.loading) return <Loading label={loadingLabel} />;
  if (!state.data) {
    return (
      <ErrorPanel title={errorTitle} error={state.error} action={{ label: 'Retry', onClick: state.reload }} />
    );
  }
  return <>{children(state.data)}</>;
}
