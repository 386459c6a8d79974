import type { ReactNode } from 'react';
import styles from './Feedback.module.css';

export interface EmptyStateProps {
  title: string;
  /** A sentence saying why it is empty or what to do next. */
  children?: ReactNode;
  /** A short glyph shown in the circle. */
  icon?: string;
}

/** Shown instead of a list or chart that has nothing in it. */
export function EmptyState({ title, children, icon = '∅' }: EmptyStateProps) {
  return (
    <div className={styles.empty}>
      <div className={styles.emptyIcon} aria-hidden="true">
        {icon}
      </div>
      <h2>{title}</h2>
      {children && <div>{children}</div>}
    </div>
  );
}
