import { formatKpiQuantity, formatKpiValue } from '@kpi/shared/domain/analysis/kpi-reading';
import { type ReactNode, useMemo } from 'react';
import styles from './KpiTile.module.css';
import { Sparkline } from './Sparkline';
import { BAND_LOOK, bandOf, changeView, type KpiTileData, lastPeriods } from './tile-model';

export interface KpiTileProps {
  tile: KpiTileData;
  /** Where the "cannot compute yet" state sends the user, e.g. a link to the mapping page. */
  missingAction?: ReactNode;
  /** Extra marks in the footer, e.g. a `custom` tag. */
  footer?: ReactNode;
  /** Actions in the header (open the detail, export), shown after the band. */
  actions?: ReactNode;
  /** Extra class on the tile, e.g. for a grid cell's size. */
  className?: string;
}

const DIRECTION_TEXT = {
  'higher-is-better': 'higher is better',
  'lower-is-better': 'lower is better',
} as const;

/**
 * One KPI as a dashboard shows it, in the Client UI and in the Config app's demo: the value in its unit, the
 * status band by colour and glyph and words, the target, the change against the previous period coloured by
 * whether it is good for this KPI, and a sparkline of the last twelve periods. A KPI that cannot be computed
 * yet says which objects and fields are missing instead.
 */
export function KpiTile({ tile, missingAction, footer, actions, className }: KpiTileProps) {
  const band = bandOf(tile.value, tile.direction, tile.thresholds);
  const look = BAND_LOOK[band];
  const change = useMemo(() => changeView(tile), [tile]);
  const spark = useMemo(() => lastPeriods(tile.series), [tile.series]);
  const blocked = tile.missing !== undefined;
  return (
    <article
      className={[styles.tile, styles[blocked ? 'blocked' : band], className].filter(Boolean).join(' ')}
      aria-label={tile.name}
      data-testid="kpi-tile"
      data-band={blocked ? 'blocked' : band}
    >
      <header className={styles.head}>
        <h3 title={tile.name}>{tile.name}</h3>
        {!blocked && (
          <span className={styles.badge} data-band={band} data-testid="kpi-band">
            <span aria-hidden="true" className={styles.glyph}>
              {look.glyph}
            </span>
            {look.label}
          </span>
        )}
        {actions}
      </header>
      {tile.missing ? (
        <div className={styles.missing} data-testid="kpi-missing">
          <p className={styles.missingTitle}>Cannot compute yet</p>
          <MissingList title="Missing objects" items={tile.missing.objects} />
          <MissingList title="Missing fields" items={tile.missing.fields} />
          {missingAction && <div>{missingAction}</div>}
        </div>
      ) : (
        <>
          <div className={styles.valueRow}>
            <span className={styles.value} data-testid="kpi-value">
              {formatKpiValue(tile.value, tile.format)}
            </span>
            {tile.unitLabel && <span className={styles.unit}>{tile.unitLabel}</span>}
            {change && (
              <span className={styles[change.tone]} title={change.description} data-testid="kpi-change">
                <span aria-hidden="true">
                  {change.arrow} {change.text}
                </span>
                <span className="kpi-visually-hidden">{change.description}</span>
              </span>
            )}
          </div>
          <div className={styles.spark}>
            <Sparkline
              series={spark}
              target={tile.target}
              color={look.color}
              label={`${tile.name}: the last ${spark.length} periods`}
            />
          </div>
        </>
      )}
      <footer className={styles.foot}>
        <span>
          {tile.target !== null && tile.target !== undefined && (
            <>Target {formatKpiQuantity(tile.target, tile.format, tile.unitLabel)} · </>
          )}
          {DIRECTION_TEXT[tile.direction]}
        </span>
        {footer}
      </footer>
    </article>
  );
}

function MissingList({ title, items }: { title: string; items: readonly string[] }) {
  if (items.length === 0) return null;
  return (
    <div className={styles.missingList}>
      <span>{title}:</span>
      <ul>
        {items.map((item) => (
          <li key={item}>
            <code>{item}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
