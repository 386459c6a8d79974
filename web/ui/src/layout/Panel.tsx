import type { ReactNode } from 'react';
import styles from './Panel.module.css';

export interface PanelProps {
  /** Heading of the card (an h2). */
  title: string;
  /** Muted text beside the heading. */
  subtitle?: ReactNode;
  /** Controls at the right of the heading row. */
  actions?: ReactNode;
  /** Let the content reach the card edges (tables, trees). */
  flush?: boolean;
  className?: string;
  children: ReactNode;
}

/** A titled card; the section is labelled by its heading. */
export function Panel({ title, subtitle, actions, flush = false, className, children }: PanelProps) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={`${styles.panel} ${className ?? ''}`} aria-labelledby={id}>
      <div className={styles.head}>
        <h2 id={id}>{title}</h2>
        {subtitle && <span className={styles.subtitle}>{subtitle}</span>}
        {actions && <div className={styles.actions}>{actions}</div>}
      </div>
      <div className={`${styles.body} ${flush ? styles.flush : ''}`}>{children}</div>
    </section>
  );
}
