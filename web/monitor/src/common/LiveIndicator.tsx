import styles from './page.module.css';

export interface LiveIndicatorProps {
  /** When the shown data was received. */
  updatedAt: Date | undefined;
  /** The last refresh failed: the data shown is older than it should be. */
  stale: boolean;
  /** The polling period. */
  refreshMs: number;
}

/**
 * "Live · updated 12:03:04 · every 5 s", announced politely to screen readers: the marker of every page that
 * polls (fleet, deployment, alerts, platform).
 */
export function LiveIndicator({ updatedAt, stale, refreshMs }: LiveIndicatorProps) {
  return (
    <span className={styles.live} aria-live="polite" data-testid="live-indicator">
      <span className={`${styles.dot} ${stale ? styles.dotStale : ''}`} aria-hidden="true" />
      {stale ? 'Refresh failed — showing the last data' : 'Live'} · updated{' '}
      <time dateTime={updatedAt?.toISOString()}>{updatedAt ? updatedAt.toLocaleTimeString() : '—'}</time> ·
      every {refreshMs / 1000} s
    </span>
  );
}

/**
 * "updated 12:03:04 · every 30 s": the quieter note of the lists that refresh slowly (licences, outbox, audit),
 * without the live dot and unannounced.
 */
export function UpdatedNote({ updatedAt, refreshMs }: Pick<LiveIndicatorProps, 'updatedAt' | 'refreshMs'>) {
  return (
    <span className={styles.live}>
      updated {updatedAt ? updatedAt.toLocaleTimeString() : '—'} · every {refreshMs / 1000} s
    </span>
  );
}
