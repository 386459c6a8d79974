import { useEffect, useId, useState } from 'react';
import styles from './Sow.module.css';

export interface NumberFieldProps {
  label: string;
  value: number;
  onChange(value: number): void;
  min?: number;
  max?: number;
  step?: number;
  /** Unit shown after the input, e.g. "days". */
  unit?: string;
  /** Only whole numbers are accepted. */
  integer?: boolean;
  /** Highlights the field (e.g. a source type the configuration uses). */
  emphasis?: boolean;
  hint?: string;
  /** Keep the label for screen readers only (inside a table row with column headers). */
  hideLabel?: boolean;
}

/**
 * A labelled number input that keeps what is typed (an empty or half-typed value is not a number yet) and
 * reports only valid values; an invalid entry is marked and explained instead of being sent.
 */
export function NumberField({
  label,
  value,
  onChange,
  min = 0,
  max,
  step = 0.25,
  unit,
  integer,
  emphasis,
  hint,
  hideLabel,
}: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  // A change from outside (reset to defaults) replaces what was typed.
  useEffect(() => {
    setText((t) => (Number(t) === value && t.trim() !== '' ? t : String(value)));
  }, [value]);
  const parsed = text.trim() === '' ? Number.NaN : Number(text);
  const problem = !Number.isFinite(parsed)
    ? 'Enter a number'
    : parsed < min
      ? `At least ${min}`
      : max !== undefined && parsed > max
        ? `At most ${max}`
        : integer && !Number.isInteger(parsed)
          ? 'A whole number'
          : undefined;
  return (
    <div className={`${styles.field} ${emphasis ? styles.fieldEmphasis : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'kpi-visually-hidden' : undefined}>
        {label}
      </label>
      <span className={styles.inputWithUnit}>
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={text}
          min={min}
          max={max}
          step={integer ? 1 : step}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem || hint ? `${id}-note` : undefined}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            const n = Number(next);
            if (
              next.trim() !== '' &&
              Number.isFinite(n) &&
              n >= min &&
              (max === undefined || n <= max) &&
              (!integer || Number.isInteger(n))
            )
              onChange(n);
          }}
        />
        {unit && <span className={styles.unit}>{unit}</span>}
      </span>
      {(problem || hint) && (
        <span id={`${id}-note`} className={problem ? styles.fieldError : styles.fieldHint}>
          {problem ?? hint}
        </span>
      )}
    </div>
  );
}
