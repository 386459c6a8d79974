import styles from './Feedback.module.css';

export interface LoadingProps {
  /** What is being waited for, read out by screen readers. */
  label?: string;
  /** Centre on the whole page (start-up, sign-in). */
  fullPage?: boolean;
}

/** A spinner with a live label. */
export function Loading({ label = 'Loading…', fullPage = false }: LoadingProps) {
  const body = (
    <div className={styles.loading} role="status" aria-live="polite">
      <span className={styles.spinner} aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
  return fullPage ? <div className={styles.fullPage}>{body}</div> : body;
}
