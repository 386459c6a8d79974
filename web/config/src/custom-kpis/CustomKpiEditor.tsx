import type { CustomKpi, customKpiViewSchema } from '@kpi/shared/contracts/metadata-custom-kpi';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { ApiError } from '@kpi/web-ui/api';
import { useLeaveWarning } from '@kpi/web-ui/forms';
import { ErrorPanel, Loading } from '@kpi/web-ui/layout';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ConfigPermissions } from '../workspace/roles';
import styles from './CustomKpis.module.css';
import { DefinitionFields } from './DefinitionFields';
import {
  type DefinitionForm,
  definitionOf,
  emptyForm,
  type FormErrors,
  formOf,
  slugify,
} from './definition-form';
import { FormulaEditor } from './FormulaEditor';
import { PreviewPanel, RequirementsPanel } from './FormulaInsights';
import { StatusBadge } from './StatusBadge';
import { useEtagRequest } from './useEtagRequest';
import { useFormulaChecks } from './useFormulaChecks';
import { VersionHistory } from './VersionHistory';

export type CustomKpiView = z.infer<typeof customKpiViewSchema>;

export interface CustomKpiEditorProps {
  tenantId: string;
  /** The KPI to open; undefined for a new one. */
  kpiId: string | undefined;
  permissions: ConfigPermissions;
  objects: readonly DataObject[] | undefined;
  /** Catalog KPIs by id and name; undefined until the catalog tree is loaded. */
  catalogKpis: readonly { id: string; name: string }[] | undefined;
  customKpis: readonly CustomKpi[];
  /** After a create, save, publish or deprecate: the list reloads; a new KPI's id goes in the address. */
  onChanged(kpiId: string): void;
  /** Which view of a saved KPI is shown (kept in the address, so history can be linked to). */
  tab: 'definition' | 'versions';
  onTab(tab: 'definition' | 'versions'): void;
  /** Told whenever the form gains or loses unsaved changes (the page asks before dropping them). */
  onDirty(dirty: boolean): void;
}

type Notice = { kind: 'ok'; text: string } | { kind: 'error'; error: Error } | { kind: 'conflict' };

/** Loads, edits and saves one custom KPI; publishing and deprecating for admins. */
export function CustomKpiEditor(props: CustomKpiEditorProps) {
  const { tenantId, kpiId, permissions, onChanged, tab, onTab: setTab, onDirty } = props;
  const request = useEtagRequest();
  const base = `metadata/tenants/${encodeURIComponent(tenantId)}/custom-kpis`;
  const [loaded, setLoaded] = useState<{ kpi: CustomKpiView; etag: string | undefined }>();
  const [loadError, setLoadError] = useState<Error>();
  const [form, setForm] = useState<DefinitionForm>(emptyForm);
  const [saved, setSaved] = useState<DefinitionForm>(emptyForm);
  const [errors, setErrors] = useState<FormErrors>({});
  const [idTouched, setIdTouched] = useState(false);
  const [busy, setBusy] = useState<'save' | 'publish' | 'deprecate'>();
  const [notice, setNotice] = useState<Notice>();
  const [confirm, setConfirm] = useState<'publish' | 'deprecate'>();
  const [note, setNote] = useState('');

  const adopt = useCallback((kpi: CustomKpiView, etag: string | undefined) => {
    setLoaded({ kpi, etag });
    const f = formOf(kpi.id, kpi.definition);
    setForm(f);
    setSaved(f);
  }, []);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (!kpiId) return;
      setLoadError(undefined);
      try {
        const r = await request<CustomKpiView>('GET', `${base}/${encodeURIComponent(kpiId)}`, { signal });
        if (!signal?.aborted) adopt(r.body, r.etag);
      } catch (err) {
        if (!signal?.aborted) setLoadError(err as Error);
      }
    },
    [kpiId, base, request, adopt],
  );

  // The KPI on screen, read by the effect below without re-running it on every save.
  const shownId = useRef<string | undefined>(undefined);
  shownId.current = loaded?.kpi.id;

  useEffect(() => {
    // Just created here: the address now names it, and what is on screen is already its saved state.
    if (kpiId && shownId.current === kpiId) return;
    setNotice(undefined);
    setErrors({});
    setConfirm(undefined);
    if (!kpiId) {
      setLoaded(undefined);
      setForm(emptyForm());
      setSaved(emptyForm());
      setIdTouched(false);
      return;
    }
    const controller = new AbortController();
    setLoaded(undefined);
    void load(controller.signal);
    return () => controller.abort();
  }, [kpiId, load]);

  const readOnly = !permissions.canEdit || loaded?.kpi.status === 'deprecated';
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  // Closing the tab or reloading with unsaved edits asks first, as the browser allows.
  useLeaveWarning(dirty);
  const [period, setPeriod] = useState('2024-06');
  const checks = useFormulaChecks({
    tenantId,
    formula: form.formula,
    selfId: kpiId ?? form.id,
    objects: props.objects,
    catalogKpis: props.catalogKpis,
    customKpis: props.customKpis,
    canPreview: permissions.canEdit,
    period,
  });

  const change = (patch: Partial<DefinitionForm>) => {
    setForm((f) => {
      const next = { ...f, ...patch };
      if (!kpiId && patch.name !== undefined && !idTouched) next.id = slugify(patch.name);
      return next;
    });
    if (patch.id !== undefined) setIdTouched(true);
  };

  /** Saves the draft (create or If-Match replace); the saved view, or undefined when it failed. */
  const save = async (): Promise<CustomKpiView | undefined> => {
    const { definition, errors: found } = definitionOf(form);
    setErrors(found);
    if (!definition) {
      setNotice({
        kind: 'error',
        error: new Error('Some fields need attention before the draft can be saved.'),
      });
      return undefined;
    }
    setBusy('save');
    setNotice(undefined);
    try {
      const r = loaded
        ? await request<CustomKpiView>('PUT', `${base}/${encodeURIComponent(loaded.kpi.id)}`, {
            body: definition,
            headers: loaded.etag ? { 'If-Match': loaded.etag } : {},
          })
        : await request<CustomKpiView>('POST', base, { body: { ...definition, id: form.id } });
      adopt(r.body, r.etag);
      setNotice({
        kind: 'ok',
        text: `Draft saved${r.body.diagnostics.length ? ' (the formula still has problems)' : ''}.`,
      });
      onChanged(r.body.id);
      return r.body;
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) setNotice({ kind: 'conflict' });
      else setNotice({ kind: 'error', error: err as Error });
      return undefined;
    } finally {
      setBusy(undefined);
    }
  };

  /** After a 412: re-read the KPI for its new etag but keep this user's edits, then save again. */
  const overwrite = async () => {
    if (!loaded) return;
    try {
      const r = await request<CustomKpiView>('GET', `${base}/${encodeURIComponent(loaded.kpi.id)}`);
      setLoaded({ kpi: r.body, etag: r.etag });
      setSaved(formOf(r.body.id, r.body.definition));
      setNotice({
        kind: 'ok',
        text: 'Re-read the latest version: save again to replace it with your edits.',
      });
    } catch (err) {
      setNotice({ kind: 'error', error: err as Error });
    }
  };

  const act = async (action: 'publish' | 'deprecate') => {
    if (!loaded) return;
    if (action === 'publish' && dirty && !(await save())) return;
    setBusy(action);
    setNotice(undefined);
    try {
      const path = `${base}/${encodeURIComponent(loaded.kpi.id)}/${action}`;
      const body =
        action === 'publish'
          ? note.trim()
            ? { note: note.trim() }
            : {}
          : note.trim()
            ? { reason: note.trim() }
            : {};
      const r = await request<{ version?: { version: number }; created?: boolean }>('POST', path, { body });
      setConfirm(undefined);
      setNote('');
      setNotice({
        kind: 'ok',
        text:
          action === 'deprecate'
            ? 'Deprecated: no more edits or versions; published versions stay readable.'
            : r.body.created === false
              ? `Already published as v${r.body.version?.version}: nothing changed.`
              : `Published as v${r.body.version?.version}.`,
      });
      await load();
      onChanged(loaded.kpi.id);
    } catch (err) {
      setNotice({ kind: 'error', error: err as Error });
    } finally {
      setBusy(undefined);
    }
  };

  if (kpiId && loadError)
    return (
      <ErrorPanel
        title={`Custom KPI ${kpiId} could not be loaded`}
        error={loadError}
        action={{ label: 'Retry', onClick: () => void load() }}
      />
    );
  if (kpiId && !loaded) return <Loading label="Loading the custom KPI…" />;

  const kpi = loaded?.kpi;
  const canPublish =
    permissions.canAdmin && kpi && kpi.status !== 'deprecated' && (dirty || kpi.changedSincePublish);
  return (
    <section className={styles.editor} aria-labelledby="editor-heading">
      <header className={styles.editorHead}>
        <div>
          <h2 id="editor-heading">{kpi ? form.name || kpi.id : 'New custom KPI'}</h2>
          <div className={styles.meta}>
            {kpi ? <StatusBadge kpi={kpi} /> : <span className={styles.badge}>not saved</span>}
            {kpi?.publishedVersion && <span>latest version v{kpi.publishedVersion}</span>}
            {dirty && <span className={styles.unsaved}>unsaved changes</span>}
          </div>
        </div>
        <div className={styles.actions}>
          {permissions.canEdit && kpi?.status !== 'deprecated' && (
            <button
              type="button"
              className="kpi-button"
              disabled={busy !== undefined || (!dirty && kpi !== undefined)}
              onClick={() => void save()}
            >
              {busy === 'save' ? 'Saving…' : 'Save draft'}
            </button>
          )}
          {canPublish && (
            <button
              type="button"
              className="kpi-button kpi-button-primary"
              disabled={busy !== undefined || checks.diagnostics.length > 0 || form.formula.trim() === ''}
              title={checks.diagnostics.length > 0 ? 'Fix the formula first' : undefined}
              onClick={() => setConfirm('publish')}
            >
              Publish…
            </button>
          )}
          {permissions.canAdmin && kpi && kpi.status !== 'deprecated' && (
            <button
              type="button"
              className="kpi-button"
              disabled={busy !== undefined}
              onClick={() => setConfirm('deprecate')}
            >
              Deprecate…
            </button>
          )}
        </div>
      </header>
      {confirm && (
        <fieldset className={styles.confirm} aria-label={confirm === 'publish' ? 'Publish' : 'Deprecate'}>
          <label>
            {confirm === 'publish' ? 'Release note (optional)' : 'Reason (optional)'}
            <input
              className={styles.input}
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="kpi-button kpi-button-primary"
            disabled={busy !== undefined}
            onClick={() => void act(confirm)}
          >
            {busy === confirm
              ? 'Working…'
              : confirm === 'publish'
                ? `Publish v${(kpi?.publishedVersion ?? 0) + 1}${dirty ? ' (saves first)' : ''}`
                : 'Deprecate this KPI'}
          </button>
          <button type="button" className="kpi-button" onClick={() => setConfirm(undefined)}>
            Cancel
          </button>
        </fieldset>
      )}
      {readOnly && (
        <p className={styles.readOnly} role="note">
          {kpi?.status === 'deprecated'
            ? 'Deprecated: this KPI can no longer be edited or published; its versions stay readable.'
            : 'Read only: your role can read custom KPIs; editors save drafts and admins publish.'}
        </p>
      )}
      {notice?.kind === 'ok' && (
        <p className={styles.ok} role="status">
          {notice.text}
        </p>
      )}
      {notice?.kind === 'error' && <ErrorPanel title="That did not work" error={notice.error} />}
      {notice?.kind === 'conflict' && (
        <div className={styles.conflict} role="alert">
          <strong>Someone else changed this KPI since you opened it</strong> <code>CONCURRENCY.CONFLICT</code>
          <p>Load their version (your edits are dropped), or re-read it and save your edits over it.</p>
          <button
            type="button"
            className="kpi-button"
            onClick={() => void load().then(() => setNotice(undefined))}
          >
            Load their version
          </button>{' '}
          <button type="button" className="kpi-button" onClick={() => void overwrite()}>
            Keep my edits
          </button>
        </div>
      )}
      {kpi && (
        <div className={styles.tabs} role="tablist" aria-label="Custom KPI views">
          {(['definition', 'versions'] as const).map((t) => (
            <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
              {t === 'definition'
                ? 'Definition'
                : `Versions${kpi.publishedVersion ? ` (${kpi.publishedVersion})` : ''}`}
            </button>
          ))}
        </div>
      )}
      {tab === 'versions' && kpi ? (
        <VersionHistory basePath={`${base}/${encodeURIComponent(kpi.id)}`} />
      ) : (
        <div className={styles.editorBody}>
          <div className={styles.editorMain}>
            <DefinitionFields
              form={form}
              errors={errors}
              readOnly={readOnly}
              part="identity"
              idEditable={!kpi}
              onChange={change}
            />
            <div className={styles.formulaField}>
              <span className={styles.fieldLabel} id="formula-label">
                Formula
              </span>
              <FormulaEditor
                value={form.formula}
                onChange={(formula) => change({ formula })}
                readOnly={readOnly}
                diagnostics={checks.diagnostics}
                checking={checks.checking}
                sources={readOnly ? undefined : checks.sources}
              />
            </div>
            <DefinitionFields
              form={form}
              errors={errors}
              readOnly={readOnly}
              part="presentation"
              idEditable={!kpi}
              onChange={change}
            />
          </div>
          <aside className={styles.editorSide} aria-label="Formula insights">
            {permissions.canEdit && (
              <PreviewPanel
                preview={checks.preview}
                unitLabel={form.unitLabel}
                format={form.format}
                period={period}
                onPeriod={setPeriod}
                blocked={
                  form.formula.trim() === ''
                    ? 'Write a formula to see its value.'
                    : checks.diagnostics.length > 0
                      ? 'Fix the formula to see its value.'
                      : undefined
                }
              />
            )}
            <RequirementsPanel requirements={checks.requirements} note={checks.requirementsNote} />
            {checks.formulaPretty && checks.formulaPretty !== form.formula.trim() && (
              <section className={styles.card} aria-label="Formatted formula">
                <h3>Formatted</h3>
                <pre className={styles.pretty}>{checks.formulaPretty}</pre>
              </section>
            )}
          </aside>
        </div>
      )}
    </section>
  );
}
