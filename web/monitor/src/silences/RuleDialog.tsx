import type { Matcher } from '@kpi/shared/contracts/monitoring-rules';
import { ApiError, useApiClient } from '@kpi/web-ui/api';
import { Options } from '@kpi/web-ui/forms';
import { type FormEvent, useMemo, useState } from 'react';
import { RULES } from '../alerts/alert-model';
import { Dialog, DialogActions } from '../common/Dialog';
import { bodyFromDraft, emptyDraft, type RuleDraft, scheduleFromDraft } from './rule-drafts';
import { describeCron, formatDuration, formatOccurrence, nextOccurrences } from './schedule-text';
import styles from './silences.module.css';

// Local lists (typed by the contract) keep zod out of the page chunk.
const MATCHER_LABELS: Matcher['label'][] = ['deploymentId', 'rule', 'severity'];
const OPS: Matcher['op'][] = ['=', '!=', '=~', '!~'];
const DURATIONS = [30, 60, 120, 240, 480, 1440];

/** Switching to recurring drops the one-off times (they would bound every occurrence to that one span). */
const RECURRING: Partial<RuleDraft['schedule']> = { recurring: true, start: '', end: '' };

/** Switching to one-off fills in now → +2 h when the times are empty. */
function oneOff(s: RuleDraft['schedule']): Partial<RuleDraft['schedule']> {
  if (s.start && s.end) return { recurring: false };
  const fresh = emptyDraft('window').schedule;
  return { recurring: false, start: s.start || fresh.start, end: s.end || fresh.end };
}

export interface RuleDialogProps {
  tenantId: string;
  initial: RuleDraft;
  /** The id of the item being edited: saved in place (PUT) instead of created. */
  replacing?: string;
  /** Deployment ids of the tenant, offered in the pickers. */
  deployments: string[];
  onClose: () => void;
  onSaved: (message: string) => void;
}

/** Create or edit a silence or maintenance window: matchers or deployments, one-off or recurring, reason. */
export function RuleDialog({ tenantId, initial, replacing, deployments, onClose, onSaved }: RuleDialogProps) {
  const client = useApiClient();
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const silence = draft.kind === 'silence';
  const noun = silence ? 'silence' : 'maintenance window';
  const collection = silence ? 'silences' : 'maintenance-windows';
  const s = draft.schedule;
  const setSchedule = (patch: Partial<RuleDraft['schedule']>) =>
    setDraft((d) => ({ ...d, schedule: { ...d.schedule, ...patch } }));
  const setMatcher = (i: number, patch: Partial<Matcher>) =>
    setDraft((d) => ({ ...d, matchers: d.matchers.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));

  // The preview follows every keystroke: description and the next occurrences, in the chosen zone.
  const preview = useMemo(() => {
    const built = scheduleFromDraft(s);
    if ('problems' in built) return { problems: built.problems };
    const zone = s.recurring ? s.timeZone : Intl.DateTimeFormat().resolvedOptions().timeZone;
    return {
      next: nextOccurrences(built.schedule, new Date(), 3).map((o) => formatOccurrence(o, zone)),
      zone,
    };
  }, [s]);
  const cronText = s.recurring ? describeCron(s.cron) : undefined;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = bodyFromDraft(draft);
    if ('problems' in built) {
      setProblems(built.problems);
      return;
    }
    setProblems([]);
    setBusy(true);
    const base = `monitoring/tenants/${encodeURIComponent(tenantId)}/${collection}`;
    try {
      // An edit keeps the item's id, creator and audit trail; the service refuses a concurrent change.
      if (replacing) await client.put(`${base}/${encodeURIComponent(replacing)}`, built.body);
      else await client.post(base, built.body);
      onSaved(replacing ? `The ${noun} was updated.` : `The ${noun} was created.`);
    } catch (err) {
      setProblems([err instanceof ApiError ? `${err.message} (${err.code})` : String(err)]);
      setBusy(false);
    }
  }

  const zones = useMemo(() => {
    try {
      return Intl.supportedValuesOf('timeZone');
    } catch {
      return ['UTC'];
    }
  }, []);

  return (
    <Dialog title={`${replacing ? 'Edit' : 'New'} ${noun}`} onClose={onClose} wide>
      <form onSubmit={submit} className={styles.dialogBody} style={{ padding: 0 }} noValidate>
        <div className={styles.summary}>
          Tenant <strong>{tenantId}</strong>
        </div>
        {silence ? (
          <fieldset className={styles.fieldset}>
            <legend>Matchers (all must match)</legend>
            {draft.matchers.map((m, i) => (
              <div key={i} className={styles.matcherRow}>
                <select
                  aria-label={`Matcher ${i + 1} label`}
                  value={m.label}
                  onChange={(e) => setMatcher(i, { label: e.target.value as Matcher['label'] })}
                >
                  <Options items={MATCHER_LABELS} />
                </select>
                <select
                  aria-label={`Matcher ${i + 1} operator`}
                  value={m.op}
                  onChange={(e) => setMatcher(i, { op: e.target.value as Matcher['op'] })}
                >
                  <Options items={OPS} />
                </select>
                <input
                  aria-label={`Matcher ${i + 1} value`}
                  value={m.value}
                  list={`matcher-values-${m.label}`}
                  onChange={(e) => setMatcher(i, { value: e.target.value })}
                />
                <button
                  type="button"
                  className={`kpi-button ${styles.small}`}
                  aria-label={`Remove matcher ${i + 1}`}
                  onClick={() => setDraft((d) => ({ ...d, matchers: d.matchers.filter((_, j) => j !== i) }))}
                >
                  Remove
                </button>
              </div>
            ))}
            <button
              type="button"
              className={`kpi-button ${styles.small}`}
              onClick={() =>
                setDraft((d) => ({ ...d, matchers: [...d.matchers, { label: 'rule', op: '=', value: '' }] }))
              }
            >
              Add matcher
            </button>
            <datalist id="matcher-values-deploymentId">
              {deployments.map((d) => (
                <option key={d} value={d} />
              ))}
            </datalist>
            <datalist id="matcher-values-rule">
              {RULES.map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
            <datalist id="matcher-values-severity">
              {['critical', 'warning', 'info'].map((r) => (
                <option key={r} value={r} />
              ))}
            </datalist>
          </fieldset>
        ) : (
          <fieldset className={styles.fieldset}>
            <legend>Deployments (none ticked: every deployment of the tenant)</legend>
            {deployments.length === 0 && (
              <div className={styles.summary}>The tenant has no deployments yet.</div>
            )}
            <div className={styles.checks}>
              {[...new Set([...deployments, ...draft.deploymentIds])].map((id) => (
                <label key={id}>
                  <input
                    type="checkbox"
                    checked={draft.deploymentIds.includes(id)}
                    onChange={(e) =>
                      setDraft((d) => ({
                        ...d,
                        deploymentIds: e.target.checked
                          ? [...d.deploymentIds, id]
                          : d.deploymentIds.filter((x) => x !== id),
                      }))
                    }
                  />{' '}
                  {id}
                </label>
              ))}
            </div>
          </fieldset>
        )}

        <fieldset className={styles.fieldset}>
          <legend>When</legend>
          <div className={styles.presets} role="radiogroup" aria-label="Schedule kind">
            <label>
              <input type="radio" checked={!s.recurring} onChange={() => setSchedule(oneOff(s))} /> One-off
            </label>
            <label>
              <input type="radio" checked={s.recurring} onChange={() => setSchedule(RECURRING)} /> Recurring
            </label>
          </div>
          {s.recurring && (
            <div className={styles.filters} style={{ margin: 0 }}>
              <label className={styles.field}>
                <span>Cron (minute hour day month weekday)</span>
                <input
                  value={s.cron}
                  onChange={(e) => setSchedule({ cron: e.target.value })}
                  className={styles.mono}
                />
              </label>
              <label className={styles.field}>
                <span>Time zone</span>
                <input
                  value={s.timeZone}
                  list="time-zones"
                  onChange={(e) => setSchedule({ timeZone: e.target.value })}
                />
                <datalist id="time-zones">
                  {zones.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
              </label>
              <label className={styles.field}>
                <span>Duration</span>
                <select
                  value={s.durationMinutes}
                  onChange={(e) => setSchedule({ durationMinutes: Number(e.target.value) })}
                >
                  {[...new Set([...DURATIONS, s.durationMinutes])]
                    .sort((a, b) => a - b)
                    .map((m) => (
                      <option key={m} value={m}>
                        {formatDuration(m)}
                      </option>
                    ))}
                </select>
              </label>
            </div>
          )}
          {cronText && (
            <div className={cronText.ok ? styles.summary : styles.formError} data-testid="cron-description">
              {cronText.ok
                ? `${cronText.text} (${s.timeZone}), for ${formatDuration(s.durationMinutes)}`
                : cronText.error}
            </div>
          )}
          <div className={styles.filters} style={{ margin: 0 }}>
            <label className={styles.field}>
              <span>{s.recurring ? 'Not before (optional)' : 'Starts'}</span>
              <input
                type="datetime-local"
                value={s.start}
                onChange={(e) => setSchedule({ start: e.target.value })}
              />
            </label>
            <label className={styles.field}>
              <span>{s.recurring ? 'Not after (optional)' : 'Ends'}</span>
              <input
                type="datetime-local"
                value={s.end}
                onChange={(e) => setSchedule({ end: e.target.value })}
              />
            </label>
          </div>
          {preview.next && (
            <div className={styles.summary} data-testid="next-occurrences">
              {preview.next.length === 0
                ? 'No occurrence from now on: this would be expired.'
                : `Next: ${preview.next.join(' · ')} (${preview.zone})`}
            </div>
          )}
        </fieldset>

        <label className={styles.field}>
          <span>{silence ? 'Comment (why)' : 'Reason'}</span>
          <textarea
            value={draft.reason}
            maxLength={1000}
            onChange={(e) => setDraft((d) => ({ ...d, reason: e.target.value }))}
          />
        </label>
        {problems.length > 0 && (
          <div className={styles.formError} role="alert">
            {problems.map((p) => (
              <div key={p}>{p}</div>
            ))}
          </div>
        )}
        <DialogActions onCancel={onClose} busy={busy} submitLabel={`Save ${noun}`} />
      </form>
    </Dialog>
  );
}
