import type { ResultGrain } from '@kpi/shared/contracts/calculation';
import type { ClientKpi } from '@kpi/shared/contracts/client-app';
import { csvBlob, download, exportFileName } from '@kpi/web-ui/export';
import { KpiTile, tileRows } from '@kpi/web-ui/kpi';
import { Link } from '@kpi/web-ui/routing';
import type { ReactNode } from 'react';
import { useLicense } from '../license/LicenseContext';
import type { TileView } from './dashboard-model';
import styles from './dashboards.module.css';
import { periodLabel } from './periods';
import { periodQuery } from './usePeriodParams';

export interface HomeTileProps {
  kpi: ClientKpi;
  view: TileView;
  grain: ResultGrain;
  /** The period shown. */
  period: string | undefined;
  /** The value changed a moment ago (live update): the tile carries a brief marker. */
  updated: boolean;
  /** The results have been read (before that, a missing value means nothing yet). */
  ready: boolean;
  /** Where a KPI that cannot be computed sends the user to load its data. */
  dataLink: ReactNode;
}

/** A KPI tile of the home page: the shared tile, a link to its detail, its CSV and what its state means. */
export function HomeTile({ kpi, view, grain, period, updated, ready, dataLink }: HomeTileProps) {
  const tenant = useLicense().status?.tenantId ?? '';
  const { tile, result } = view;
  const exportCsv = () =>
    download(
      csvBlob(tileRows(tile)),
      exportFileName({ tenant, dashboard: 'Home', part: kpi.name, ...(period ? { period } : {}) }, 'csv'),
    );
  const note = !ready ? undefined : !result ? (
    <span className={styles.note} data-testid="kpi-note">
      {period ? `No value for ${periodLabel(period)}` : 'Not computed yet'}
    </span>
  ) : result.status === 'error' ? (
    <span className={styles.error} data-testid="kpi-note" title={result.error?.message}>
      Could not compute: {result.error?.message ?? 'the calculation failed'}
    </span>
  ) : undefined;
  return (
    <div
      className={`${styles.cell} ${updated ? styles.updated : ''}`}
      data-kpi-id={kpi.id}
      data-updated={updated ? 'true' : undefined}
      data-status={result?.status ?? 'none'}
    >
      {updated && (
        <span className={styles.updatedMark} role="status">
          Updated
        </span>
      )}
      <KpiTile
        tile={tile}
        missingAction={<>Load them on the {dataLink}.</>}
        actions={
          <span className={styles.tileActions}>
            <Link
              to={`/kpi?id=${encodeURIComponent(kpi.id)}&${periodQuery(grain, period)}`}
              aria-label={`Details of ${kpi.name}`}
            >
              Details
            </Link>
            <button
              type="button"
              className={styles.linkButton}
              onClick={exportCsv}
              aria-label={`CSV of ${kpi.name}`}
            >
              CSV
            </button>
          </span>
        }
        footer={note}
      />
    </div>
  );
}
