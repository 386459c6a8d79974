import type { ConfigurationView } from '@kpi/shared/contracts/demo-config';
import { ApiError, useApiClient } from '@kpi/web-ui/api';
import { useLeaveWarning } from '@kpi/web-ui/forms';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useWorkspace } from '../workspace/WorkspaceProvider';
import { catalogKpiIds, sameSelection, selectionDiff } from './selection';

/** Feedback after a save attempt. */
export interface SaveNotice {
  tone: 'ok' | 'warn' | 'error';
  text: string;
  code?: string;
}

/** The tree's selection for the current configuration: saved, edited, saving. */
export interface SelectionDraft {
  /** What the tree shows: the unsaved edit, else what is saved. */
  selected: ReadonlySet<string>;
  saved: ReadonlySet<string>;
  dirty: boolean;
  added: number;
  removed: number;
  saving: boolean;
  notice: SaveNotice | undefined;
  change(next: Set<string>): void;
  discard(): void;
  save(): Promise<void>;
}

const empty: ReadonlySet<string> = new Set();

// Unsaved selections by configuration id, kept for the session's life so that visiting another page (the
// data model, say) and coming back does not lose the ticks; a reload asks first (beforeunload).
const unsaved = new Map<string, Set<string>>();

/*
 * Saving is explicit ("Save selection", with an unsaved-changes count and Discard) rather than debounced
 * auto-save: a consultant explores the catalog with the client, ticks and unticks whole use cases while
 * talking, and wants to commit the agreed scope once — not to rewrite the configuration (and its analysis,
 * estimate and SOW inputs) on every click, nor to fight a 412 from a colleague mid-conversation. Discard
 * gives a free undo back to the saved scope.
 */
export function useSelectionDraft(configuration: ConfigurationView | undefined): SelectionDraft {
  const client = useApiClient();
  const { configurationPath, configurationChanged, configuration: state } = useWorkspace();
  const reload = state.reload;
  const saved = useMemo(
    () => (configuration ? catalogKpiIds(configuration.selectedKpis) : empty),
    [configuration],
  );
  const configurationId = configuration?.id;
  const [draft, setDraftState] = useState<Set<string> | undefined>(() =>
    configurationId ? unsaved.get(configurationId) : undefined,
  );
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<SaveNotice>();
  const setDraft = useCallback(
    (next: Set<string> | undefined) => {
      if (configurationId) {
        if (next) unsaved.set(configurationId, next);
        else unsaved.delete(configurationId);
      }
      setDraftState(next);
    },
    [configurationId],
  );

  // Another configuration (or none) shows its own unsaved edit, if any.
  useEffect(() => {
    setDraftState(configurationId ? unsaved.get(configurationId) : undefined);
    setNotice(undefined);
  }, [configurationId]);

  const dirty = draft !== undefined && !sameSelection(draft, saved);
  const diff = useMemo(() => (draft ? selectionDiff(saved, draft) : undefined), [draft, saved]);

  // Leaving the page with unsaved changes asks first.
  useLeaveWarning(dirty);

  const change = useCallback(
    (next: Set<string>) => {
      setDraft(next);
      setNotice(undefined);
    },
    [setDraft],
  );
  const discard = useCallback(() => {
    setDraft(undefined);
    setNotice(undefined);
  }, [setDraft]);

  const save = useCallback(async () => {
    if (!draft || !configuration || !configurationPath) return;
    setSaving(true);
    setNotice(undefined);
    try {
      const view = await client.request<ConfigurationView>('PATCH', configurationPath, {
        body: { kpiIds: [...draft] },
        headers: { 'If-Match': configuration.etag },
      });
      configurationChanged(view);
      setDraft(undefined);
      const count = catalogKpiIds(view.selectedKpis).size;
      setNotice({ tone: 'ok', text: `Saved: ${count} catalog ${count === 1 ? 'KPI' : 'KPIs'} selected.` });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONCURRENCY.CONFLICT') {
        // Keep the user's edit; re-read so the next save carries the new etag.
        reload();
        setNotice({
          tone: 'warn',
          code: err.code,
          text: 'Someone else changed this configuration meanwhile. It has been reloaded; your selection is kept — review it and save again.',
        });
      } else if (err instanceof ApiError && err.code === 'CONFIGURATION.NOT_EDITABLE') {
        reload();
        setNotice({ tone: 'error', code: err.code, text: err.message });
      } else {
        const e = err as Error;
        setNotice({ tone: 'error', code: err instanceof ApiError ? err.code : undefined, text: e.message });
      }
    } finally {
      setSaving(false);
    }
  }, [client, configuration, configurationPath, configurationChanged, draft, reload, setDraft]);

  return {
    selected: draft ?? saved,
    saved,
    dirty,
    added: dirty ? (diff?.added.length ?? 0) : 0,
    removed: dirty ? (diff?.removed.length ?? 0) : 0,
    saving,
    notice,
    change,
    discard,
    save,
  };
}
