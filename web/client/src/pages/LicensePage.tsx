import type { KpiList } from '@kpi/shared/contracts/client-app';
import { useAuth } from '@kpi/web-ui/auth';
import { ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useEffect, useMemo } from 'react';
import { formatDate, formatTime } from '../catalog/kpi-format';
import { useLicense } from '../license/LicenseContext';
import { days, stateSummary } from '../license/license-banner';
import { RenewKeyForm } from '../license/RenewKeyForm';
import { reasonText } from '../license/reasons';
import { useDataApi } from '../license/useDataApi';
import { ValidationHistory } from '../license/ValidationHistory';
import { canManage } from '../roles';
import styles from './LicensePage.module.css';

const sourceText = {
  online: 'online validation with the vendor',
  cached: 'offline check, with the last online verdict',
  offline: 'offline check only (not validated online yet)',
} as const;

const stateText = { full: 'Licensed', grace: 'Grace period', refused: 'Refused' } as const;
const stateTone = { full: 'good', grace: 'warning', refused: 'critical' } as const;

/**
 * The licence as this deployment enforces it: every reader sees its state; admins and owners also see
 * the validation history and paste a renewed key. Works while the licence is refused, so they can.
 */
export default function LicensePage() {
  const { status, statusError, reloadStatus } = useLicense();
  const { user } = useAuth();
  const admin = canManage(user);
  // Fresh on every visit: the shell's copy may be minutes old.
  useEffect(() => reloadStatus(), [reloadStatus]);
  // The entitled KPIs' names, while the data routes serve (the status lists ids only).
  const { data: kpis } = useDataApi<KpiList>(
    status && status.state !== 'refused' ? 'client-app/kpis' : undefined,
  );
  const names = useMemo(() => new Map(kpis?.items.map((k) => [k.id, k.name])), [kpis]);

  if (!status && statusError)
    return (
      <ErrorPanel
        title="The licence state could not be read"
        error={statusError}
        action={{ label: 'Retry', onClick: reloadStatus }}
      />
    );
  if (!status) return <Loading label="Reading the licence…" />;
  const reason = status.state === 'refused' ? reasonText(status.reasonCode) : undefined;
  return (
    <>
      <div className={styles.head}>
        <h1>Licence</h1>
        <span
          className={`${styles.state} kpi-tone`}
          data-state={status.state}
          data-tone={stateTone[status.state]}
          data-testid="license-state"
        >
          {stateText[status.state]}
        </span>
      </div>
      <div className={styles.grid}>
        <Panel title="State" subtitle={stateSummary(status)}>
          <dl className={styles.facts}>
            {reason && (
              <>
                <dt>Reason</dt>
                <dd>
                  {reason.title}. {reason.explanation}{' '}
                  <code className={styles.mono} data-testid="license-reason">
                    {status.reasonCode}
                  </code>
                </dd>
              </>
            )}
            {status.message && (
              <>
                <dt>Deployment says</dt>
                <dd>{status.message}</dd>
              </>
            )}
            <dt>Days left</dt>
            <dd data-testid="license-days-left">
              {status.state === 'refused'
                ? '0'
                : `${days(status.daysLeft)} ${status.state === 'grace' ? 'of grace' : 'until expiry'}`}
            </dd>
            <dt>Expires</dt>
            <dd>{formatDate(status.expiresAt)}</dd>
            <dt>Grace ends</dt>
            <dd>
              {formatDate(status.graceEndsAt)}
              {status.graceDays !== undefined && (
                <span className={styles.muted}> ({days(status.graceDays)} of grace)</span>
              )}
            </dd>
            <dt>Edition</dt>
            <dd>{status.edition ?? '—'}</dd>
            {status.features.length > 0 && (
              <>
                <dt>Features</dt>
                <dd>{status.features.join(', ')}</dd>
              </>
            )}
            <dt>Issued</dt>
            <dd>{formatDate(status.issuedAt)}</dd>
            <dt>Licence</dt>
            <dd className={styles.mono}>{status.licenseId ?? '—'}</dd>
            <dt>Key</dt>
            <dd className={styles.mono}>{status.keyId ?? '—'}</dd>
          </dl>
        </Panel>
        <Panel title="Validation">
          <dl className={styles.facts}>
            <dt>Verdict from</dt>
            <dd>{sourceText[status.source]}</dd>
            <dt>Checked</dt>
            <dd>{formatTime(status.checkedAt)}</dd>
            <dt>Last validation</dt>
            <dd data-testid="license-last-validation">{formatTime(status.lastValidatedAt)}</dd>
            <dt>Next validation</dt>
            <dd>{formatTime(status.checkAgainAt)}</dd>
            <dt>Activated</dt>
            <dd>{formatTime(status.activatedAt)}</dd>
            <dt>Vendor</dt>
            <dd
              className={styles.reachable}
              data-reachable={String(status.vendorReachable)}
              data-testid="license-vendor"
            >
              {status.vendorReachable
                ? 'Reachable'
                : 'Not reachable: running on the cached verdict and catalog'}
            </dd>
            <dt>Catalog</dt>
            <dd>
              {status.catalog.catalogVersion ?? 'none fetched yet'}
              {status.catalog.fetchedAt && (
                <span className={styles.muted}> · fetched {formatTime(status.catalog.fetchedAt)}</span>
              )}
            </dd>
          </dl>
        </Panel>
      </div>
      <div className={styles.section}>
        <Panel
          title="Entitled KPIs"
          subtitle={`${status.entitledKpiIds.length} entitled · ${status.catalog.kpiCount} served from the catalog`}
        >
          {status.entitledKpiIds.length === 0 ? (
            <p className={styles.muted}>
              {status.state === 'refused'
                ? 'None while the licence is refused.'
                : 'The licence entitles no KPIs.'}
            </p>
          ) : (
            <ul className={styles.kpiList} aria-label="Entitled KPI ids" data-testid="entitled-kpis">
              {status.entitledKpiIds.map((id) => (
                <li key={id}>
                  {status.state === 'refused' ? (
                    id
                  ) : (
                    <Link to={`/kpi?id=${encodeURIComponent(id)}`} data-kpi-id={id}>
                      {names.get(id) ?? id}
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
      {admin ? (
        <>
          <div className={styles.section}>
            <RenewKeyForm />
          </div>
          <ValidationHistory />
        </>
      ) : (
        <p className={styles.muted} data-testid="license-admin-note">
          Your tenant's admins and owners see the validation history and install renewed keys.
        </p>
      )}
    </>
  );
}
