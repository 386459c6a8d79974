import type { Deployment } from '@kpi/shared/contracts/monitoring-deployment';
import { errorText, useApi, useApiClient } from '@kpi/web-ui/api';
import { Panel } from '@kpi/web-ui/layout';
import { navigate, useLocation } from '@kpi/web-ui/routing';
import { useEffect, useState } from 'react';
import { Dialog } from '../common/Dialog';
import dialog from '../common/dialog.module.css';
import form from '../common/form.module.css';
import indicators from '../common/indicators.module.css';
import { Loaded } from '../common/Loaded';
import { NotAllowed } from '../common/NotAllowed';
import monitor from '../common/page.module.css';
import { refusal } from '../common/refusal';
import { ChooseTenant, TenantPicker, useTenantChoice } from '../common/tenant-choice';
import type { ListPage } from '../monitoring-api';
import { RuleDialog } from '../silences/RuleDialog';
import { type RuleItem, RuleList } from '../silences/RuleList';
import {
  draftFrom,
  draftFromQuery,
  emptyDraft,
  type RuleDraft,
  type RuleKind,
} from '../silences/rule-drafts';
import type { ScheduleStatus } from '../silences/schedule-text';
import ruleStyles from '../silences/silences.module.css';

type Editing = { draft: RuleDraft; replacing?: string } | undefined;

/** Silences (hold back e-mail) and maintenance windows (pause status) of one tenant. */
export default function SilencesPage() {
  const choice = useTenantChoice({ allowAll: false });
  const client = useApiClient();
  const base = choice.tenantId ? `monitoring/tenants/${encodeURIComponent(choice.tenantId)}` : undefined;
  const silences = useApi<ListPage<RuleItem>>(base && `${base}/silences?limit=100`, { refreshMs: 30_000 });
  const windows = useApi<ListPage<RuleItem>>(base && `${base}/maintenance-windows?limit=100`, {
    refreshMs: 30_000,
  });
  const deployments = useApi<ListPage<Deployment>>(base && `${base}/deployments?limit=100`);
  const [status, setStatus] = useState<ScheduleStatus | undefined>();
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<{ kind: RuleKind; item: RuleItem }>();
  const [notice, setNotice] = useState<string>();
  const [deleteError, setDeleteError] = useState<string>();
  const { pathname, search } = useLocation();

  // A link such as `/silences?tenant=t&new=silence&deploymentId=d&rule=r` opens the form prefilled, once:
  // the request is taken out of the address so a reload or Back does not open it again.
  useEffect(() => {
    if (!choice.canManage || !choice.tenantId) return;
    const draft = draftFromQuery(search);
    if (!draft) return;
    setEditing({ draft });
    const q = new URLSearchParams(search);
    for (const key of ['new', 'deploymentId', 'rule']) q.delete(key);
    q.set('tenant', choice.tenantId);
    navigate(`${pathname}?${q}`, { replace: true });
  }, [search, pathname, choice.canManage, choice.tenantId]);

  if (!choice.canManage) return <NotAllowed />;
  const refused = refusal(silences.error, windows.error);
  if (refused) return <NotAllowed requestId={refused.requestId} />;
  const header = (
    <>
      <div className={monitor.toolbar}>
        <h1>Silences &amp; maintenance</h1>
      </div>
      <div className={form.filters}>
        <TenantPicker choice={choice} allowAll={false} />
        <fieldset className={form.field} style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>Status</legend>
          <div className={ruleStyles.tabs}>
            {([undefined, 'active', 'upcoming', 'expired'] as const).map((s) => (
              <button
                key={s ?? 'all'}
                type="button"
                className={`kpi-button ${form.small}`}
                aria-pressed={status === s}
                onClick={() => setStatus(s)}
              >
                {s ? s[0]?.toUpperCase() + s.slice(1) : 'All'}
              </button>
            ))}
          </div>
        </fieldset>
      </div>
      {notice && (
        <div className={indicators.notice} role="status">
          <span>{notice}</span>
          <button type="button" className={`kpi-button ${form.small}`} onClick={() => setNotice(undefined)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
  if (!choice.tenantId) {
    return (
      <>
        {header}
        <ChooseTenant choice={choice}>Silences and windows belong to one tenant.</ChooseTenant>
      </>
    );
  }
  const tenantId = choice.tenantId;
  const now = new Date();
  const deploymentIds = (deployments.data?.items ?? []).map((d) => d.id).sort();
  const saved = (message: string) => {
    setEditing(undefined);
    setNotice(message);
    silences.reload();
    windows.reload();
  };

  const section = (kind: RuleKind, state: typeof silences) => (
    <Panel
      title={kind === 'silence' ? 'Silences' : 'Maintenance windows'}
      subtitle={
        kind === 'silence'
          ? 'Hold back alert e-mails; alerts are still recorded'
          : 'Pause heartbeat status and metric alerts'
      }
      actions={
        choice.canManage && (
          <button
            type="button"
            className="kpi-button kpi-button-primary"
            onClick={() => setEditing({ draft: emptyDraft(kind) })}
          >
            {kind === 'silence' ? 'New silence' : 'New window'}
          </button>
        )
      }
      flush
    >
      <Loaded state={state}>
        {(data) => (
          <RuleList
            kind={kind}
            items={data.items}
            now={now}
            status={status}
            canManage={choice.canManage}
            onEdit={(item) => setEditing({ draft: draftFrom(kind, item), replacing: item.id })}
            onDelete={(item) => {
              setDeleteError(undefined);
              setDeleting({ kind, item });
            }}
          />
        )}
      </Loaded>
    </Panel>
  );

  async function confirmDelete() {
    if (!deleting) return;
    const collection = deleting.kind === 'silence' ? 'silences' : 'maintenance-windows';
    try {
      await client.delete(`${base}/${collection}/${encodeURIComponent(deleting.item.id)}`);
      setDeleting(undefined);
      saved(deleting.kind === 'silence' ? 'The silence was deleted.' : 'The maintenance window was deleted.');
    } catch (err) {
      setDeleteError(errorText(err));
    }
  }

  return (
    <>
      {header}
      <div style={{ display: 'grid', gap: 20 }}>
        {section('silence', silences)}
        {section('window', windows)}
      </div>
      {editing && (
        <RuleDialog
          tenantId={tenantId}
          initial={editing.draft}
          {...(editing.replacing ? { replacing: editing.replacing } : {})}
          deployments={deploymentIds}
          onClose={() => setEditing(undefined)}
          onSaved={saved}
        />
      )}
      {deleting && (
        <Dialog
          title={deleting.kind === 'silence' ? 'Delete silence?' : 'Delete maintenance window?'}
          onClose={() => setDeleting(undefined)}
        >
          <p style={{ margin: 0 }}>
            {'comment' in deleting.item ? deleting.item.comment : deleting.item.reason} — this takes effect at
            once.
          </p>
          {deleteError && (
            <div className={form.formError} role="alert">
              {deleteError}
            </div>
          )}
          <div className={dialog.dialogActions}>
            <button type="button" className="kpi-button" onClick={() => setDeleting(undefined)}>
              Cancel
            </button>
            <button
              type="button"
              className="kpi-button kpi-button-primary"
              onClick={() => void confirmDelete()}
            >
              Delete
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
