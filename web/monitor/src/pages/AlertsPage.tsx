import type { Silence } from '@kpi/shared/contracts/monitoring-rules';
import { useApi } from '@kpi/web-ui/api';
import { EmptyState, Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useMemo, useState } from 'react';
import { AlertActionDialog } from '../alerts/AlertActionDialog';
import { AlertTable } from '../alerts/AlertTable';
import {
  type Alert,
  type AlertFilter,
  type AlertOrder,
  alertsPath,
  DEFAULT_FILTER,
  filterAlerts,
  RULE_LABELS,
  RULES,
  SEVERITIES,
  sortAlerts,
} from '../alerts/alert-model';
import styles from '../alerts/inbox.module.css';
import { SilenceDialog } from '../alerts/SilenceDialog';
import { FilterBar, FilterSearch, FilterSelect } from '../common/FilterFields';
import form from '../common/form.module.css';
import indicators from '../common/indicators.module.css';
import { LiveIndicator } from '../common/LiveIndicator';
import { Loaded } from '../common/Loaded';
import { NotAllowed } from '../common/NotAllowed';
import monitor from '../common/page.module.css';
import { refusal } from '../common/refusal';
import { TenantPicker, useTenantChoice } from '../common/tenant-choice';

/** The inbox polls on this period, so new and changed alerts appear without a reload. */
const POLL_MS = 5000;

type Pending =
  | { kind: 'acknowledge' | 'resolve'; alerts: Alert[] }
  | { kind: 'silence'; alert: Alert }
  | undefined;

/** The alert inbox: filter, sort, acknowledge with a comment, resolve, silence; live. */
export default function AlertsPage() {
  const choice = useTenantChoice({ allowAll: true });
  const [filter, setFilter] = useState<AlertFilter>(DEFAULT_FILTER);
  const [order, setOrder] = useState<AlertOrder>('newest');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<Pending>();
  const [notice, setNotice] = useState<{ text: string; silence?: Silence }>();
  const path = choice.isStaff || choice.tenantId ? alertsPath(choice.tenantId, filter) : undefined;
  const list = useApi<{ items: Alert[]; continuationToken?: string }>(path, { refreshMs: POLL_MS });
  // Which alerts are silenced: only for one tenant (the API lists silences per tenant).
  const silences = useApi<{ items: Silence[] }>(
    choice.tenantId
      ? `monitoring/tenants/${encodeURIComponent(choice.tenantId)}/silences?limit=100`
      : undefined,
    { refreshMs: 30_000 },
  );
  const shown = useMemo(
    () => sortAlerts(filterAlerts(list.data?.items ?? [], filter), order),
    [list.data, filter, order],
  );
  const set = <K extends keyof AlertFilter>(key: K, value: AlertFilter[K]) => {
    setFilter((f) => ({ ...f, [key]: value }));
    setSelected(new Set());
  };

  if (!choice.canManage) return <NotAllowed />;
  const refused = refusal(list.error);
  if (refused) return <NotAllowed requestId={refused.requestId} />;
  if (!choice.isStaff && !choice.tenantId) {
    return (
      <EmptyState title="No tenant">
        Your account belongs to no tenant, so there are no alerts to show.
      </EmptyState>
    );
  }
  const now = Date.now();
  const chosen = shown.filter((a) => selected.has(a.id) && a.state === 'open');
  const counts = { open: 0, acknowledged: 0, critical: 0 };
  for (const a of list.data?.items ?? []) {
    if (a.state === 'open') counts.open++;
    if (a.state === 'acknowledged') counts.acknowledged++;
    if (a.state !== 'resolved' && a.severity === 'critical') counts.critical++;
  }

  const done = (text: string) => {
    setPending(undefined);
    setSelected(new Set());
    setNotice({ text });
    list.reload();
    silences.reload();
  };

  return (
    <>
      <div className={monitor.toolbar}>
        <h1>Alerts</h1>
        <LiveIndicator updatedAt={list.updatedAt} stale={!!list.error} refreshMs={POLL_MS} />
      </div>
      {notice && (
        <div className={indicators.notice} role="status">
          <span>{notice.text}</span>
          {notice.silence && (
            <Link to={`/silences?tenant=${encodeURIComponent(notice.silence.tenantId)}`}>View silences</Link>
          )}
          <button type="button" className={`kpi-button ${form.small}`} onClick={() => setNotice(undefined)}>
            Dismiss
          </button>
        </div>
      )}
      <FilterBar label="Filter alerts">
        <TenantPicker choice={choice} allowAll />
        <FilterSelect label="State" value={filter.state} onChange={(v) => set('state', v)}>
          <option value="unresolved">Open or acknowledged</option>
          <option value="open">Open</option>
          <option value="acknowledged">Acknowledged</option>
          <option value="resolved">Resolved</option>
          <option value="all">All</option>
        </FilterSelect>
        <FilterSelect
          label="Severity"
          value={filter.severity}
          onChange={(v) => set('severity', v)}
          choices={SEVERITIES}
        >
          <option value="all">All</option>
        </FilterSelect>
        <FilterSelect
          label="Rule"
          value={filter.rule}
          onChange={(v) => set('rule', v)}
          choices={RULES}
          labelOf={(r) => RULE_LABELS[r]}
        >
          <option value="all">All</option>
        </FilterSelect>
        <FilterSearch
          label="Search"
          value={filter.text}
          placeholder="Deployment, summary, comment…"
          onChange={(v) => set('text', v)}
          grow
        />
        <FilterSelect label="Order" value={order} onChange={(v) => setOrder(v)}>
          <option value="newest">Newest first</option>
          <option value="severity">Most severe first</option>
        </FilterSelect>
      </FilterBar>
      <Loaded state={list} loadingLabel="Loading alerts…" errorTitle="Alerts could not be loaded">
        {(data) => (
          <Panel
            title="Inbox"
            subtitle={`${counts.open} open · ${counts.acknowledged} acknowledged · ${counts.critical} critical unresolved`}
            flush
          >
            {choice.canManage && chosen.length > 0 && (
              <div className={styles.bulk}>
                <span>{chosen.length} selected</span>
                <button
                  type="button"
                  className={`kpi-button kpi-button-primary ${form.small}`}
                  onClick={() => setPending({ kind: 'acknowledge', alerts: chosen })}
                >
                  Acknowledge selected
                </button>
                <button
                  type="button"
                  className={`kpi-button ${form.small}`}
                  onClick={() => setSelected(new Set())}
                >
                  Clear selection
                </button>
              </div>
            )}
            {shown.length === 0 ? (
              <EmptyState title="No alerts match" icon="✓">
                {(data.items.length ?? 0) === 0
                  ? 'Nothing has fired here. New alerts appear within seconds.'
                  : 'Change the filters to see more.'}
              </EmptyState>
            ) : (
              <AlertTable
                alerts={shown}
                now={now}
                showTenant={choice.tenantId === undefined}
                canManage={choice.canManage}
                silences={silences.data?.items}
                selected={selected}
                onSelect={(id, on) =>
                  setSelected((s) => {
                    const next = new Set(s);
                    if (on) next.add(id);
                    else next.delete(id);
                    return next;
                  })
                }
                onSelectAll={(on) =>
                  setSelected(
                    on ? new Set(shown.filter((a) => a.state === 'open').map((a) => a.id)) : new Set(),
                  )
                }
                onAction={(kind, alert) =>
                  setPending(kind === 'silence' ? { kind, alert } : { kind, alerts: [alert] })
                }
              />
            )}
            {data.continuationToken && (
              <div className={form.more}>
                Showing the newest {data.items.length}; narrow the filters to see older ones.
              </div>
            )}
          </Panel>
        )}
      </Loaded>
      {pending && pending.kind !== 'silence' && (
        <AlertActionDialog
          action={pending.kind}
          alerts={pending.alerts}
          onClose={() => setPending(undefined)}
          onDone={(changed) =>
            done(
              `${changed.length === 1 ? 'Alert' : `${changed.length} alerts`} ${
                pending.kind === 'acknowledge' ? 'acknowledged' : 'resolved'
              }.`,
            )
          }
        />
      )}
      {pending?.kind === 'silence' && (
        <SilenceDialog
          alert={pending.alert}
          onClose={() => setPending(undefined)}
          onCreated={(silence) => {
            done(`Silence created for ${pending.alert.deploymentId} · ${RULE_LABELS[pending.alert.rule]}.`);
            setNotice({
              text: `Silence created for ${pending.alert.deploymentId} · ${RULE_LABELS[pending.alert.rule]}.`,
              silence,
            });
          }}
        />
      )}
    </>
  );
}
