import { timeAgo } from '../monitoring-api';
import { formatTime } from './format-time';
import styles from './text.module.css';

/**
 * A table cell for when something happened: local date and time on one line, how long ago beneath, the ISO
 * time on hover. The alert, outbox and audit tables show their times alike.
 */
export function WhenCell({ at, now }: { at: string; now: number }) {
  return (
    <td title={at} style={{ whiteSpace: 'nowrap' }}>
      {formatTime(at)}
      <div className={styles.summary}>{timeAgo(at, now)}</div>
    </td>
  );
}
