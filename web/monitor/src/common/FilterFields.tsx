/**
 * The filter bar above a Monitor list (alerts, outbox, audit): a named `search` landmark holding labelled
 * selects and search boxes, each a `label` around its caption and control so the caption is its name.
 */

import { Options } from '@kpi/web-ui/forms';
import type { ReactNode } from 'react';
import styles from './form.module.css';

/** The bar itself, named for screen readers (e.g. "Filter the outbox"). */
export function FilterBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <search className={styles.filters} aria-label={label}>
      {children}
    </search>
  );
}

export interface FilterSelectProps<V extends string, C extends V> {
  label: string;
  value: V;
  onChange(value: V): void;
  /** Offered after `children` (the fixed first options, such as "All"), each shown as `labelOf` says. */
  choices?: readonly C[];
  labelOf?: (choice: C) => string;
  children?: ReactNode;
}

/** A labelled select; its value is one of the filter's own values (the options offer no other). */
export function FilterSelect<V extends string, C extends V = V>({
  label,
  value,
  onChange,
  choices = [],
  labelOf = (c) => c,
  children,
}: FilterSelectProps<V, C>) {
  return (
    <label className={styles.field}>
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as V)}>
        {children}
        <Options items={choices} label={(c) => labelOf(c)} />
      </select>
    </label>
  );
}

export interface FilterSearchProps {
  label: string;
  value: string;
  placeholder: string;
  onChange(value: string): void;
  /** Take the bar's spare width (the free-text search). */
  grow?: boolean;
}

/** A labelled search box. */
export function FilterSearch({ label, value, placeholder, onChange, grow = false }: FilterSearchProps) {
  return (
    <label className={grow ? `${styles.field} ${styles.grow}` : styles.field}>
      <span>{label}</span>
      <input
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
