import type { LicenseView } from '@kpi/shared/contracts/license';
import type { TrackedLicense } from '@kpi/shared/contracts/monitoring-license';
import { useApi } from '@kpi/web-ui/api';
import { useAuth } from '@kpi/web-ui/auth';
import { EmptyState, Panel } from '@kpi/web-ui/layout';
import { Link, useLocation } from '@kpi/web-ui/routing';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Badge } from '../common/Badge';
import { CountTile } from '../common/CountTile';
import { type Column, DataTable } from '../common/DataTable';
import form from '../common/form.module.css';
import { formatTime } from '../common/format-time';
import { UpdatedNote } from '../common/LiveIndicator';
import { Loaded } from '../common/Loaded';
import { NotAllowed } from '../common/NotAllowed';
import monitor from '../common/page.module.css';
import { refusal } from '../common/refusal';
import { TenantPicker, useTenantChoice } from '../common/tenant-choice';
import text from '../common/text.module.css';
import { ExpiryTimeline } from '../licenses/ExpiryTimeline';
import { LicenseDetail } from '../licenses/LicenseDetail';
import { lastValidationText } from '../licenses/license-detail';
import detail from '../licenses/license-detail.module.css';
import chart from '../licenses/licenses.module.css';
import { orderForTimeline, statusTone } from '../licenses/timeline';
import { type ListPage, timeAgo } from '../monitoring-api';

/** Both licence lists are read again on this period. */
const REFRESH_MS = 30_000;

type Tracked = TrackedLicense & { daysLeft: number };

/** A tracked licence joined with what the licence service says now (issue date, deployments). */
interface Row extends Tracked {
  issuedAt?: string;
  maxDeployments?: number;
  usedDeployments?: number;
  /** The newest validation of its deployments (licence service); undefined = never, or service unknown. */
  lastValidatedAt?: string;
}

/** The page's address with `license` set (or removed), keeping the other parameters (`tenant`). */
function withLicense(search: string, licenseId: string | undefined): string {
  const q = new URLSearchParams(search);
  if (licenseId) q.set('license', licenseId);
  else q.delete('license');
  const qs = q.toString();
  return `/licenses${qs ? `?${qs}` : ''}`;
}

const licenseColumns: Column[] = [
  'Licence',
  'Tenant',
  'Status',
  { key: 'days', label: 'Days left', className: monitor.num },
  'Expires',
  { key: 'deployments', label: 'Deployments', className: monitor.num },
  'Last validation',
  'Last event',
  'Alerts',
];

/**
 * Every tracked licence: status, days left, deployments, last validation, last event, and the expiry timeline.
 * `?license=<id>` (the renewal link of the licence e-mails) highlights that licence and opens its panel.
 */
export default function LicensesPage() {
  const choice = useTenantChoice({ allowAll: true });
  const { user } = useAuth();
  const { search } = useLocation();
  const selectedId = new URLSearchParams(search).get('license') ?? undefined;
  const t = choice.tenantId ? encodeURIComponent(choice.tenantId) : undefined;
  const trackedPath = t
    ? `monitoring/tenants/${t}/licenses?limit=100`
    : choice.isStaff
      ? 'monitoring/licenses?limit=100'
      : undefined;
  const servicePath =
    choice.isStaff && t ? `license/licenses?limit=100&tenantId=${t}` : 'license/licenses?limit=100';
  const tracked = useApi<ListPage<Tracked>>(trackedPath, { refreshMs: REFRESH_MS });
  // The licence service adds the issue date and deployments; without it the page still shows the rest.
  const service = useApi<ListPage<LicenseView>>(trackedPath ? servicePath : undefined, {
    refreshMs: REFRESH_MS,
  });
  const rows = useMemo<Row[]>(() => {
    const byId = new Map((service.data?.items ?? []).map((l) => [l.id, l]));
    return orderForTimeline(
      (tracked.data?.items ?? []).map((l) => {
        const s = byId.get(l.id);
        const issuedAt = s?.issuedAt ?? (l.lastEventType === 'license.issued' ? l.lastEventAt : undefined);
        return {
          ...l,
          ...(issuedAt ? { issuedAt } : {}),
          ...(s ? { maxDeployments: s.maxDeployments, usedDeployments: s.activeDeployments.length } : {}),
          ...(s?.lastValidatedAt ? { lastValidatedAt: s.lastValidatedAt } : {}),
        };
      }),
    );
  }, [tracked.data, service.data]);

  // Scroll the selected licence's row into view once it is drawn and the panel above it has its height (once
  // per licence, not on every refresh).
  const selectedRow = useRef<HTMLTableRowElement | null>(null);
  const scrolledTo = useRef<string | undefined>(undefined);
  const [settledId, setSettledId] = useState<string | undefined>(undefined);
  const onSettled = useCallback(() => setSettledId(selectedId), [selectedId]);
  const selectedShown = rows.some((r) => r.id === selectedId);
  useEffect(() => {
    if (!selectedId || !selectedShown || settledId !== selectedId || scrolledTo.current === selectedId)
      return;
    scrolledTo.current = selectedId;
    selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedId, selectedShown, settledId]);

  // After a renewal: reload now, and again shortly, when monitoring has tracked the `license.renewed` event.
  const later = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(later.current), []);
  const { reload: reloadTracked } = tracked;
  const { reload: reloadService } = service;
  const reloadAll = useCallback(() => {
    reloadTracked();
    reloadService();
    clearTimeout(later.current);
    later.current = setTimeout(() => {
      reloadTracked();
      reloadService();
    }, 4_000);
  }, [reloadTracked, reloadService]);

  if (!choice.canManage) return <NotAllowed />;
  const refused = refusal(tracked.error);
  if (refused) return <NotAllowed requestId={refused.requestId} />;
  if (!trackedPath) return <EmptyState title="No tenant">Your account belongs to no tenant.</EmptyState>;
  const now = new Date();
  const hasRows = tracked.data !== undefined && rows.length > 0;
  const count = (tone: string) => rows.filter((r) => statusTone(r.status) === tone).length;
  const detailPanel = selectedId ? (
    <LicenseDetail
      key={selectedId}
      licenseId={selectedId}
      canRenew={user.roles.includes('platform-admin')}
      onRenewed={reloadAll}
      closeTo={withLicense(search, undefined)}
      onSettled={onSettled}
    />
  ) : null;

  return (
    <>
      <div className={monitor.toolbar}>
        <h1>Licences</h1>
        <UpdatedNote updatedAt={tracked.updatedAt} refreshMs={REFRESH_MS} />
      </div>
      <div className={form.filters}>
        <TenantPicker choice={choice} allowAll />
      </div>
      {/* One grid whose children keep their places, so the licence panel is not remounted as the list loads. */}
      <div style={{ display: 'grid', gap: 20 }}>
        {hasRows && (
          <div className={monitor.tiles}>
            <CountTile label="Licences" value={rows.length} />
            <CountTile label="Active" value={count('ok')} />
            <CountTile label="Expiring" value={count('warn')} />
            <CountTile label="Expired or suspended" value={count('danger')} />
          </div>
        )}
        {hasRows && (
          <Panel
            title="Expiry timeline"
            subtitle="Issue → expiry, then the grace period; ticks 90/60/30/7 days before expiry"
            flush
          >
            <div className={chart.chart}>
              <ExpiryTimeline licenses={rows} now={now} selectedId={selectedId} />
            </div>
            <div className={chart.legend} aria-hidden="true">
              <span>
                <span className={chart.swatch} style={{ background: 'var(--kpi-ok)' }} />
                active
              </span>
              <span>
                <span className={chart.swatch} style={{ background: '#d38b00' }} />
                expiring
              </span>
              <span>
                <span className={chart.swatch} style={{ background: 'var(--kpi-danger)' }} />
                expired / suspended
              </span>
              <span>
                <span className={chart.swatch} style={{ background: '#8a96a6' }} />
                revoked
              </span>
              <span>
                <span className={chart.swatch} style={{ background: 'var(--kpi-ok)', opacity: 0.35 }} />
                grace period
              </span>
              <span>
                | milestone · <span style={{ color: 'var(--kpi-brand)' }}>│ today</span>
              </span>
            </div>
          </Panel>
        )}
        {detailPanel}
        <Loaded state={tracked} loadingLabel="Loading licences…" errorTitle="Licences could not be loaded">
          {() =>
            !hasRows ? (
              <EmptyState title="No tracked licences">
                Licences appear here as soon as the licence service announces them (issued, renewed,
                expiring…).
              </EmptyState>
            ) : (
              <Panel
                title="Tracked licences"
                subtitle={
                  service.error ? 'Deployments unavailable: the licence service did not answer' : undefined
                }
                flush
              >
                <DataTable className={monitor.table} label="Tracked licences" columns={licenseColumns}>
                  {rows.map((r) => (
                    <tr
                      key={r.id}
                      data-testid="license-row"
                      data-license-id={r.id}
                      data-selected={r.id === selectedId ? 'true' : undefined}
                      aria-current={r.id === selectedId ? 'true' : undefined}
                      className={r.id === selectedId ? detail.selected : undefined}
                      ref={r.id === selectedId ? selectedRow : undefined}
                    >
                      <td>
                        <Link to={withLicense(search, r.id)} aria-label={`Details of licence ${r.id}`}>
                          <strong>{r.id}</strong>
                        </Link>
                        <div className={text.summary}>configuration {r.configurationId}</div>
                      </td>
                      <td>{r.tenantId}</td>
                      <td>
                        <Badge tone={statusTone(r.status)}>{r.status}</Badge>
                      </td>
                      <td className={monitor.num}>{r.daysLeft}</td>
                      <td>
                        {formatTime(r.expiresAt)}
                        <div className={text.summary}>+ {r.graceDays} days grace</div>
                      </td>
                      <td className={monitor.num}>
                        {r.maxDeployments !== undefined
                          ? `${r.usedDeployments ?? 0} / ${r.maxDeployments}`
                          : '—'}
                      </td>
                      <td title={r.lastValidatedAt} data-testid="last-validation">
                        {r.maxDeployments === undefined
                          ? '—'
                          : lastValidationText(r.lastValidatedAt, now.getTime())}
                      </td>
                      <td title={r.lastEventAt}>
                        {r.lastEventType.replace('license.', '')}
                        <div className={text.summary}>{timeAgo(r.lastEventAt, now.getTime())}</div>
                      </td>
                      <td>
                        <Link to={`/alerts?tenant=${encodeURIComponent(r.tenantId)}`}>
                          {Object.keys(r.openAlerts).length > 0
                            ? `${Object.keys(r.openAlerts).length} open`
                            : 'Tenant alerts'}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </DataTable>
              </Panel>
            )
          }
        </Loaded>
      </div>
    </>
  );
}
