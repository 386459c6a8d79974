import type { ConfigurationView } from '@kpi/shared/contracts/demo-config';
import { ApiError, useApiClient } from '@kpi/web-ui/api';
import { EmptyState, ErrorPanel, Loading, Panel } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';
import { useEffect, useId, useState } from 'react';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import styles from './Configurations.module.css';
import { formatTime } from './ConfigurationTable';
import { EditConfigurationForm } from './EditConfigurationForm';
import { StatusBadge } from './StatusBadge';
import { canChangeContent, canDelete, statusActions } from './status-actions';

/** Feedback after an action on the configuration. */
export interface Notice {
  tone: 'ok' | 'warn' | 'error';
  text: string;
}

/** Turns a failed write into what the user reads; a 412 re-reads the configuration first. */
export function noticeFor(err: unknown, reload: () => void): Notice {
  if (err instanceof ApiError && err.code === 'CONCURRENCY.CONFLICT') {
    reload();
    return {
      tone: 'warn',
      text: 'Someone else changed this configuration meanwhile. It has been reloaded: check it and try again.',
    };
  }
  if (err instanceof ApiError) return { tone: 'error', text: `${err.message} (${err.code})` };
  return { tone: 'error', text: (err as Error).message };
}

/** The current configuration: what it holds, its status with the allowed transitions, its history. */
export function ConfigurationDetail({ onListChanged }: { onListChanged(): void }) {
  const { configurationId, configuration } = useWorkspace();
  if (!configurationId)
    return (
      <Panel title="Current configuration">
        <EmptyState title="No configuration chosen" icon="☰">
          Choose one in the list (“Work on this”) or create one. Every page — catalog, data model, sources,
          analysis, SOW — then works on it.
        </EmptyState>
      </Panel>
    );
  if (configuration.loading || (!configuration.data && !configuration.error))
    return (
      <Panel title="Current configuration">
        <Loading label="Loading the configuration…" />
      </Panel>
    );
  if (!configuration.data)
    return (
      <Panel title="Current configuration">
        <ErrorPanel
          title="The configuration could not be loaded"
          error={configuration.error}
          action={{ label: 'Retry', onClick: configuration.reload }}
        />
      </Panel>
    );
  return <Detail config={configuration.data} onListChanged={onListChanged} />;
}

function Detail({ config, onListChanged }: { config: ConfigurationView; onListChanged(): void }) {
  const client = useApiClient();
  const { permissions, configurationPath, configurationChanged, configuration, setConfigurationId } =
    useWorkspace();
  const reload = () => {
    configuration.reload();
    onListChanged();
  };
  const uid = useId();
  const [editing, setEditing] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [notice, setNotice] = useState<Notice>();

  // Another configuration starts with a clean slate.
  useEffect(() => {
    setEditing(false);
    setConfirmDelete(false);
    setNotice(undefined);
    setComment('');
  }, [config.id]);

  const actions = statusActions(config.status, permissions);
  const editable = canChangeContent(config.status, permissions);
  const deletable = canDelete(config.status, permissions);
  const catalogCount = config.selectedKpis.filter((s) => s.customVersion === undefined).length;
  const customCount = config.selectedKpis.length - catalogCount;
  // CONFIGURATION.EMPTY: a configuration without KPIs cannot be proposed or signed.
  const empty = config.selectedKpis.length === 0;

  const transition = async (to: string, label: string) => {
    if (!configurationPath) return;
    setBusy(true);
    setNotice(undefined);
    try {
      const view = await client.post<ConfigurationView>(
        `${configurationPath}/status`,
        { to, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        { headers: { 'If-Match': config.etag } },
      );
      configurationChanged(view);
      onListChanged();
      setComment('');
      setNotice({ tone: 'ok', text: `${label}: the configuration is now ${view.status}.` });
    } catch (err) {
      setNotice(noticeFor(err, reload));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!configurationPath) return;
    setBusy(true);
    try {
      await client.delete(configurationPath, { headers: { 'If-Match': config.etag } });
      setConfigurationId(undefined);
      onListChanged();
    } catch (err) {
      setNotice(noticeFor(err, reload));
      setBusy(false);
      setConfirmDelete(false);
    }
  };

  return (
    <Panel title="Current configuration" actions={<StatusBadge status={config.status} />}>
      <div className={styles.detail} data-testid="configuration-detail">
        {editing ? (
          <EditConfigurationForm
            config={config}
            onDone={(result) => {
              setEditing(false);
              if (result === 'saved') {
                onListChanged();
                setNotice({ tone: 'ok', text: 'Saved.' });
              } else if (result) setNotice(noticeFor(result, reload));
            }}
          />
        ) : (
          <>
            <h3 className={styles.detailName}>{config.name}</h3>
            {config.description ? (
              <p className={styles.detailDescription}>{config.description}</p>
            ) : (
              <p className={styles.muted}>No description.</p>
            )}
            {editable && (
              <button type="button" className="kpi-button" onClick={() => setEditing(true)}>
                Rename or describe
              </button>
            )}
          </>
        )}

        <dl className={styles.facts}>
          <dt>Selected KPIs</dt>
          <dd>
            {catalogCount} from the catalog{customCount > 0 ? `, ${customCount} custom` : ''} ·{' '}
            <Link to="/catalog">{editable ? 'Select KPIs' : 'See the selection'}</Link>
          </dd>
          <dt>Target overrides</dt>
          <dd>{config.targetOverrides.length}</dd>
          <dt>Created</dt>
          <dd>
            {formatTime(config.createdAt)} by {config.createdBy}
          </dd>
          {config.updatedAt && (
            <>
              <dt>Updated</dt>
              <dd>
                {formatTime(config.updatedAt)}
                {config.updatedBy ? ` by ${config.updatedBy}` : ''}
              </dd>
            </>
          )}
        </dl>

        {actions.length > 0 && (
          <section className={styles.statusBox} aria-label="Status">
            <label htmlFor={`${uid}-comment`}>Comment for the status change (optional)</label>
            <textarea
              id={`${uid}-comment`}
              rows={2}
              maxLength={1000}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              disabled={busy}
            />
            {empty && (
              <p className={styles.muted} id={`${uid}-empty`}>
                Select at least one KPI before proposing: the service refuses an empty configuration.
              </p>
            )}
            <div className={styles.buttons}>
              {actions.map((a) => (
                <button
                  key={a.to}
                  type="button"
                  className={`kpi-button ${a.to === 'signed' || a.to === 'proposed' ? 'kpi-button-primary' : ''}`}
                  title={a.hint}
                  disabled={busy || (empty && a.to !== 'draft')}
                  aria-describedby={empty && a.to !== 'draft' ? `${uid}-empty` : undefined}
                  onClick={() => void transition(a.to, a.label)}
                >
                  {a.label}
                </button>
              ))}
            </div>
          </section>
        )}
        {config.status !== 'draft' && (
          <p className={styles.muted}>
            {config.status === 'signed'
              ? 'Signed: the configuration is final.'
              : 'Proposed: its content is frozen until it goes back to draft.'}
          </p>
        )}

        {notice && (
          <div
            role={notice.tone === 'ok' ? 'status' : 'alert'}
            className={styles[notice.tone]}
            data-testid="configuration-notice"
          >
            {notice.text}
          </div>
        )}

        <h4 className={styles.subheading}>Status history</h4>
        {config.statusHistory.length === 0 ? (
          <p className={styles.muted}>No status changes yet: a draft since it was created.</p>
        ) : (
          <ol className={styles.history} aria-label="Status history">
            {[...config.statusHistory].reverse().map((h) => (
              <li key={`${h.at}-${h.to}`}>
                <div>
                  <StatusBadge status={h.from} /> → <StatusBadge status={h.to} />{' '}
                  <span className={styles.muted}>
                    {formatTime(h.at)} · {h.by}
                  </span>
                </div>
                {h.comment && <div className={styles.comment}>“{h.comment}”</div>}
              </li>
            ))}
          </ol>
        )}

        {deletable && (
          <div className={styles.danger}>
            {confirmDelete ? (
              <>
                <span>Delete “{config.name}” and its data sources? This cannot be undone.</span>
                <div className={styles.buttons}>
                  <button
                    type="button"
                    className="kpi-button"
                    onClick={() => setConfirmDelete(false)}
                    disabled={busy}
                  >
                    Keep it
                  </button>
                  <button
                    type="button"
                    className={`kpi-button ${styles.dangerButton}`}
                    onClick={() => void remove()}
                    disabled={busy}
                  >
                    Delete permanently
                  </button>
                </div>
              </>
            ) : (
              <button type="button" className="kpi-button" onClick={() => setConfirmDelete(true)}>
                Delete draft
              </button>
            )}
          </div>
        )}
      </div>
    </Panel>
  );
}
