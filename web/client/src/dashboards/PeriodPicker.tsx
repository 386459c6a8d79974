import { RESULT_GRAINS, type ResultGrain } from '@kpi/shared/contracts/calculation';
import styles from './dashboards.module.css';
import { GRAIN_LABEL, periodLabel } from './periods';

export interface PeriodPickerProps {
  grain: ResultGrain;
  /** The chosen period; undefined: the newest. */
  period: string | undefined;
  /** The periods there are results for, newest first. */
  periods: readonly string[];
  onChange(next: { grain: ResultGrain; period: string | undefined }): void;
}

/** Month, quarter or year, and the period to show values as of (the newest by default). */
export function PeriodPicker({ grain, period, periods, onChange }: PeriodPickerProps) {
  return (
    <fieldset className={styles.picker}>
      <legend className="kpi-visually-hidden">Period</legend>
      <label>
        Grain{' '}
        <select
          value={grain}
          onChange={(e) => onChange({ grain: e.target.value as ResultGrain, period: undefined })}
          data-testid="grain-picker"
        >
          {RESULT_GRAINS.map((g) => (
            <option key={g} value={g}>
              {GRAIN_LABEL[g]}
            </option>
          ))}
        </select>
      </label>
      <label>
        As of{' '}
        <select
          value={period ?? ''}
          onChange={(e) => onChange({ grain, period: e.target.value || undefined })}
          data-testid="period-picker"
        >
          <option value="">Latest{periods[0] ? ` (${periodLabel(periods[0])})` : ''}</option>
          {periods.map((p) => (
            <option key={p} value={p}>
              {periodLabel(p)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
