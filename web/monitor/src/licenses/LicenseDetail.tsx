import type { LicenseView } from '@kpi/shared/contracts/license';
import { ApiError, useApi } from '@kpi/web-ui/api';
import { ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useEffect } from 'react';
import { Badge } from '../common/Badge';
import { formatTime } from '../common/format-time';
import text from '../common/text.module.css';
import { graceEnd, lastValidationText } from './license-detail';
import detail from './license-detail.module.css';
import { RenewForm } from './RenewForm';
import { statusTone } from './timeline';

export interface LicenseDetailProps {
  licenseId: string;
  /** Platform admins may renew. */
  canRenew: boolean;
  /** Bumped by the page to fetch again (its 30 s refresh and after a renewal). */
  onRenewed(license: LicenseView): void;
  /** Where "Close" goes: the page without `?license=`. */
  closeTo: string;
  /** Called once the licence is loaded (or refused): the panel has its final height, the page may scroll. */
  onSettled?(): void;
}

/** One licence, as the renewal e-mail's link lands on it: terms, deployments, contacts and renewal. */
export function LicenseDetail({ licenseId, canRenew, onRenewed, closeTo, onSettled }: LicenseDetailProps) {
  const license = useApi<LicenseView>(`license/licenses/${encodeURIComponent(licenseId)}`, {
    refreshMs: 30_000,
  });
  useEffect(() => {
    if (!license.loading) onSettled?.();
  }, [license.loading, onSettled]);
  // Who renews it for those who cannot: the tenant's account manager, readable by its admins and by staff.
  const tenantOfLicense = license.data?.tenantId;
  const accountManager = useApi<{ email?: string }>(
    !canRenew && tenantOfLicense
      ? `monitoring/tenants/${encodeURIComponent(tenantOfLicense)}/account-manager`
      : undefined,
  );
  const close = <Link to={closeTo}>Close</Link>;
  const title = `Licence ${licenseId}`;

  if (license.loading) {
    return (
      <Panel title={title} actions={close}>
        <Loading label="Loading the licence…" />
      </Panel>
    );
  }
  if (!license.data) {
    const missing =
      license.error instanceof ApiError && (license.error.status === 404 || license.error.status === 403);
    return (
      <Panel title={title} actions={close}>
        {missing ? (
          <p role="alert" data-testid="license-not-found">
            Licence <strong>{licenseId}</strong> was not found, or it is not yours: it does not exist or
            belongs to another tenant.
          </p>
        ) : (
          <ErrorPanel
            title="The licence could not be loaded"
            error={license.error}
            action={{ label: 'Retry', onClick: license.reload }}
          />
        )}
      </Panel>
    );
  }

  const l = license.data;
  const now = Date.now();
  const manager = accountManager.data?.email;
  return (
    <Panel title={title} subtitle={`${l.tenantId} · configuration ${l.configurationId}`} actions={close}>
      <div className={detail.detail} data-testid="license-detail">
        <dl className={text.kv}>
          <dt>Status</dt>
          <dd>
            <Badge tone={statusTone(l.status)} data-testid="detail-status">
              {l.status}
            </Badge>
          </dd>
          <dt>Expires</dt>
          <dd data-testid="detail-expiry" data-expires-at={l.expiresAt}>
            {formatTime(l.expiresAt)}
          </dd>
          <dt>Grace ends</dt>
          <dd>
            {formatTime(graceEnd(l.expiresAt, l.graceDays).toISOString())} ({l.graceDays} days)
          </dd>
          <dt>Days left</dt>
          <dd>{l.daysLeft}</dd>
          <dt>Edition</dt>
          <dd>
            {l.edition} · {l.kpiIds.length} KPIs
          </dd>
          <dt>Contacts</dt>
          <dd>{l.contacts.join(', ')}</dd>
        </dl>
        <div>
          <h3 className={detail.subhead}>
            Deployments ({l.activeDeployments.length} / {l.maxDeployments})
          </h3>
          {l.activeDeployments.length === 0 ? (
            <p className={detail.hint}>No deployment is activated with this licence.</p>
          ) : (
            <table className={detail.deployments} aria-label="Deployments of the licence">
              <thead>
                <tr>
                  <th scope="col">Deployment</th>
                  <th scope="col">Activated</th>
                  <th scope="col">Last validation</th>
                </tr>
              </thead>
              <tbody>
                {l.activeDeployments.map((d) => (
                  <tr key={d.activationId}>
                    <td>
                      <Link
                        to={`/deployment?tenant=${encodeURIComponent(l.tenantId)}&id=${encodeURIComponent(d.deploymentId)}`}
                      >
                        {d.deploymentId}
                      </Link>
                    </td>
                    <td>{formatTime(d.activatedAt)}</td>
                    <td title={d.lastValidatedAt}>{lastValidationText(d.lastValidatedAt, now)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
      {canRenew ? (
        l.status === 'revoked' ? (
          <p className={detail.hint}>A revoked licence cannot be renewed.</p>
        ) : (
          <RenewForm
            license={l}
            onRenewed={(renewed) => {
              license.reload();
              onRenewed(renewed);
            }}
          />
        )
      ) : (
        <p className={detail.contact} data-testid="renew-contact">
          To renew, contact your account manager
          {manager ? (
            <>
              : <a href={`mailto:${manager}`}>{manager}</a>
            </>
          ) : (
            '.'
          )}
        </p>
      )}
    </Panel>
  );
}
