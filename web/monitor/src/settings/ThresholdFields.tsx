import type { ThresholdOverrides, Thresholds } from '@kpi/shared/contracts/monitoring-rules';
import styles from './settings.module.css';
import {
  displayValue,
  errorAt,
  type FieldErrors,
  THRESHOLD_FIELDS,
  type ThresholdDraft,
} from './settings-model';

export interface ThresholdFieldsProps {
  /** Accessible name of the group, e.g. "Thresholds of contoso". */
  label: string;
  draft: ThresholdDraft;
  /** What a blank field means. */
  defaults: Thresholds | ThresholdOverrides;
  /** Where the default comes from, for the column heading. */
  defaultLabel: string;
  errors: FieldErrors;
  readOnly: boolean;
  onChange(draft: ThresholdDraft): void;
}

/** One row per threshold: its input (blank = default), the default beside it, and the API's error. */
export function ThresholdFields({
  label,
  draft,
  defaults,
  defaultLabel,
  errors,
  readOnly,
  onChange,
}: ThresholdFieldsProps) {
  return (
    <table className={styles.thresholds} aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Threshold</th>
          <th scope="col">Value</th>
          <th scope="col">{defaultLabel}</th>
        </tr>
      </thead>
      <tbody>
        {THRESHOLD_FIELDS.map((f) => {
          const id = `${label}-${f.key}`.replace(/\W+/g, '-');
          const error = errorAt(errors, `thresholds.${f.key}`);
          const fallback = displayValue(f, defaults[f.key]);
          return (
            <tr key={f.key} data-threshold={f.key}>
              <th scope="row">
                <label htmlFor={id}>{f.label}</label>
              </th>
              <td>
                <span className={styles.valueCell}>
                  <input
                    id={id}
                    className={styles.input}
                    inputMode={f.kind === 'version' ? 'text' : 'decimal'}
                    value={draft[f.key]}
                    placeholder="default"
                    readOnly={readOnly}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    onChange={(e) => onChange({ ...draft, [f.key]: e.target.value })}
                  />
                  <span className={styles.unit}>{f.unit}</span>
                </span>
                {error && (
                  <span id={`${id}-error`} className={styles.fieldError}>
                    {error}
                  </span>
                )}
              </td>
              <td className={styles.muted} data-testid="threshold-default">
                {fallback ? `${fallback} ${f.unit}` : 'no check'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
