import type { RequirementsView } from '@kpi/shared/contracts/metadata-catalog';
import { Options } from '@kpi/web-ui/forms';
import { format as d3format } from 'd3';
import styles from './CustomKpis.module.css';
import type { PreviewResult, Remote } from './useFormulaChecks';

/** Months of the sample data a preview may evaluate (the service accepts 2023-01 to 2024-12). */
export const PREVIEW_PERIODS: readonly string[] = [2024, 2023].flatMap((y) =>
  Array.from({ length: 12 }, (_, i) => `${y}-${String(12 - i).padStart(2, '0')}`),
);

/** A value with the KPI's d3 format, falling back to two decimals when the format is not one. */
export function formatValue(value: number, spec: string): string {
  try {
    return d3format(spec || ',.1f')(value);
  } catch {
    return value.toFixed(2);
  }
}

export interface PreviewPanelProps {
  preview: Remote<PreviewResult>;
  unitLabel: string;
  format: string;
  period: string;
  onPeriod(period: string): void;
  /** Why there is nothing to evaluate yet, when so. */
  blocked?: string;
}

/** The formula's value on the tenant industry's sample data for one month. */
export function PreviewPanel({ preview, unitLabel, format, period, onPeriod, blocked }: PreviewPanelProps) {
  const shown =
    preview.state === 'done' ? preview.value : preview.state === 'loading' ? preview.last : undefined;
  return (
    <section className={styles.card} aria-labelledby="preview-heading">
      <div className={styles.cardHead}>
        <h3 id="preview-heading">Preview on sample data</h3>
        <select
          aria-label="Preview month"
          className={styles.smallSelect}
          value={period}
          onChange={(e) => onPeriod(e.target.value)}
        >
          <Options items={PREVIEW_PERIODS} />
        </select>
      </div>
      {blocked ? (
        <p className={styles.muted}>{blocked}</p>
      ) : preview.state === 'error' ? (
        <p className={styles.errorText} role="alert">
          {preview.error.message} <code>{(preview.error as { code?: string }).code}</code>
        </p>
      ) : preview.state === 'invalid' ? (
        <p className={styles.errorText}>
          The service refuses this formula: {preview.diagnostics[0]?.message ?? 'it is invalid'}
        </p>
      ) : shown ? (
        <div className={preview.state === 'loading' ? styles.stale : undefined}>
          <output
            className={styles.previewValue}
            data-testid="preview-value"
            aria-busy={preview.state === 'loading'}
          >
            {shown.value === null ? 'No value' : formatValue(shown.value, format)}
            {shown.value !== null && unitLabel && <span className={styles.previewUnit}> {unitLabel}</span>}
          </output>
          <p className={styles.muted}>
            {shown.value === null
              ? `No records in ${shown.period} give this formula a value (e.g. a division by zero).`
              : `${shown.industryId} sample data, ${shown.period}`}
          </p>
        </div>
      ) : (
        <p className={styles.muted} role="status">
          Evaluating… (the first preview generates the sample data and takes a few seconds)
        </p>
      )}
    </section>
  );
}

/** The objects, fields, joins and KPIs the formula needs: what a client's data sources must provide. */
export function RequirementsPanel({
  requirements,
  note,
}: {
  requirements: RequirementsView | undefined;
  note?: string;
}) {
  const fieldCount = requirements?.objects.reduce((n, o) => n + o.fields.length, 0) ?? 0;
  return (
    <section className={styles.card} aria-labelledby="requirements-heading">
      <div className={styles.cardHead}>
        <h3 id="requirements-heading">Required data</h3>
        {requirements && (
          <span className={styles.muted}>
            {requirements.objects.length} object{requirements.objects.length === 1 ? '' : 's'}, {fieldCount}{' '}
            field
            {fieldCount === 1 ? '' : 's'}
          </span>
        )}
      </div>
      {!requirements ? (
        <p className={styles.muted}>Shown once the formula is valid.</p>
      ) : (
        <>
          <ul className={styles.requirements} aria-label="Required objects">
            {requirements.objects.map((o) => (
              <li key={o.name} data-object={o.name}>
                <strong>{o.name}</strong>
                <ul>
                  {o.fields.map((f) => (
                    <li key={f.name}>
                      <code>{f.name}</code> <span className={styles.muted}>{f.type}</span>
                      {f.usages.length > 0 && <span className={styles.usage}>{f.usages.join(', ')}</span>}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {requirements.relationships.length > 0 && (
            <p className={styles.muted}>
              Joins: {requirements.relationships.map((r) => `${r.from}.${r.name} → ${r.to}`).join('; ')}
            </p>
          )}
          {requirements.kpis.length > 0 && (
            <p className={styles.muted}>Uses KPIs: {requirements.kpis.join(', ')}</p>
          )}
          {note && <p className={styles.muted}>{note}</p>}
        </>
      )}
    </section>
  );
}
