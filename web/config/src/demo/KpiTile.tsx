import styles from './Demo.module.css';
import { formatValue, monthOnMonth, type PreviewKpi } from './demo-model';
import { Sparkline } from './Sparkline';

const STATUS: Record<PreviewKpi['status'], { label: string; color: string }> = {
  good: { label: 'On target', color: 'var(--kpi-ok)' },
  warning: { label: 'Watch', color: 'var(--kpi-warn)' },
  critical: { label: 'Off target', color: 'var(--kpi-danger)' },
  'no-value': { label: 'No data', color: 'var(--kpi-text-muted)' },
};

/** One KPI as the client's dashboard would show it: value, status band, target and twelve months. */
export function KpiTile({ kpi }: { kpi: PreviewKpi }) {
  const status = STATUS[kpi.status];
  const change = monthOnMonth(kpi);
  const better =
    change === undefined || change === 0 ? undefined : change > 0 === (kpi.direction === 'higher-is-better');
  return (
    <article
      className={`${styles.tile} ${styles[kpi.status] ?? ''}`}
      aria-label={kpi.name}
      data-testid="kpi-tile"
    >
      <header className={styles.tileHead}>
        <h3 title={kpi.name}>{kpi.name}</h3>
        <span className={`${styles.badge} kpi-tone`} data-tone={kpi.status}>
          {status.label}
        </span>
      </header>
      <div className={styles.valueRow}>
        <span className={styles.value} data-testid="kpi-value">
          {formatValue(kpi.value, kpi.format)}
        </span>
        <span className={styles.unit}>{kpi.unitLabel}</span>
        {change !== undefined && (
          <span
            className={better === undefined ? styles.flat : better ? styles.better : styles.worse}
            title="Change from the previous month"
          >
            {change > 0 ? '▲' : change < 0 ? '▼' : '■'} {Math.abs(change * 100).toFixed(1)}%
          </span>
        )}
      </div>
      <div className={styles.spark}>
        <Sparkline kpi={kpi} color={status.color} />
      </div>
      <footer className={styles.tileFoot}>
        <span>
          Target {formatValue(kpi.target, kpi.format)} ·{' '}
          {kpi.direction === 'higher-is-better' ? 'higher is better' : 'lower is better'}
        </span>
        {kpi.custom && <span className={styles.custom}>custom</span>}
      </footer>
    </article>
  );
}
