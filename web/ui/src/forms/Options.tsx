import type { ReactNode } from 'react';

export interface OptionsProps<T> {
  /** The choices, in order. */
  items: readonly T[];
  /** The option's value (and React key); the item itself by default (for strings and numbers). */
  value?: (item: T) => string | number;
  /** What the option shows; its value by default. */
  label?: (item: T) => ReactNode;
}

/** The `<option>`s of a `<select>`, one per item. */
export function Options<T>({ items, value = (item) => item as string | number, label }: OptionsProps<T>) {
  return (
    <>
      {items.map((item) => {
        const v = value(item);
        return (
          <option key={v} value={v}>
            {label ? label(item) : v}
          </option>
        );
      })}
    </>
  );
}
