import type { ReactNode } from 'react';
import { ErrorPanel } from './ErrorPanel';
import { Loading } from './Loading';

/** What `readFallback` needs of a read: `ApiState`, or any hook shaped like it. */
export interface ReadState {
  data: unknown;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
}

/**
 * What a page shows instead of a read's data: a spinner while the first read runs, the error with a Retry
 * button when it failed and nothing was ever read; undefined once there is something to draw.
 */
export function readFallback(
  read: ReadState,
  labels: { loading: string; failed: string; retry?: () => void },
): ReactNode | undefined {
  if (read.loading) return <Loading label={labels.loading} />;
  if (read.error && !read.data)
    return (
      <ErrorPanel
        title={labels.failed}
        error={read.error}
        action={{ label: 'Retry', onClick: labels.retry ?? read.reload }}
      />
    );
  return undefined;
}
