import type { HTMLAttributes } from 'react';
import styles from './indicators.module.css';

/** A badge's colour: what the state means, not which page shows it. */
export type Tone = 'ok' | 'warn' | 'danger' | 'brand' | 'muted';

const toneClass: Record<Tone, string | undefined> = {
  ok: styles.ok,
  warn: styles.warn,
  danger: styles.danger,
  brand: styles.brand,
  muted: undefined,
};

export interface BadgeProps extends Omit<HTMLAttributes<HTMLSpanElement>, 'className'> {
  /** Muted when absent. */
  tone?: Tone | undefined;
}

/**
 * A state said in words on a coloured pill (a licence's status, an alert's severity, an outbox record's
 * outcome): the words carry the meaning, the colour only repeats it.
 */
export function Badge({ tone = 'muted', children, ...rest }: BadgeProps) {
  const tc = toneClass[tone];
  return (
    <span className={tc ? `${styles.badge} ${tc}` : styles.badge} {...rest}>
      {children}
    </span>
  );
}
