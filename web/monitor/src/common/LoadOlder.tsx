import styles from './form.module.css';
import type { NewestFirstList } from './useNewestFirstList';

/** "Load older" under a paged list, with its own error. */
export function LoadOlder({
  list,
}: {
  list: Pick<NewestFirstList<{ id: string }>, 'hasMore' | 'moreError' | 'loadMore' | 'loadingMore'>;
}) {
  if (!list.hasMore && !list.moreError) return null;
  return (
    <div className={styles.more}>
      {list.hasMore && (
        <button
          type="button"
          className={`kpi-button ${styles.small}`}
          onClick={list.loadMore}
          disabled={list.loadingMore}
        >
          {list.loadingMore ? 'Loading…' : 'Load older'}
        </button>
      )}
      {list.moreError && <span className={styles.formError}>{list.moreError.message}</span>}
    </div>
  );
}
