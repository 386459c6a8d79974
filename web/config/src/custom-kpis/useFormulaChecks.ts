import type {
  diagnosticSchema,
  previewResultSchema,
  RequirementsView,
  validFormulaSchema,
} from '@kpi/shared/contracts/metadata-catalog';
import type { CustomKpi } from '@kpi/shared/contracts/metadata-custom-kpi';
import type { DataObject } from '@kpi/shared/domain/catalog/types';
import { FormulaEngine } from '@kpi/shared/domain/formula/engine';
import { ApiError, useApiClient } from '@kpi/web-ui/api';
import { useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { CompletionSources } from './completion';

export type FormulaDiagnostic = z.infer<typeof diagnosticSchema>;
export type ValidFormula = z.infer<typeof validFormulaSchema>;
export type PreviewResult = z.infer<typeof previewResultSchema>;

/** The KPIs a formula may reference: catalog ids, and the tenant's published custom KPIs with their formulas. */
export interface ReferenceableKpis {
  catalogIds: readonly string[];
  custom: readonly { id: string; formula: string }[];
}

/**
 * A formula engine in the browser (the same parser and type-checker as the service) over the object model
 * from `GET metadata/objects`. Catalog KPIs are known by id only (their formulas stay on the server), so
 * requirements of referenced KPIs come from the validate endpoint.
 */
export function useLocalEngine(
  objects: readonly DataObject[] | undefined,
  kpis: ReferenceableKpis | undefined,
) {
  return useMemo(() => {
    if (!objects || !kpis) return undefined;
    const map = new Map<string, string>(kpis.catalogIds.map((id) => [id, '']));
    for (const k of kpis.custom) map.set(k.id, k.formula);
    return new FormulaEngine(objects, map);
  }, [objects, kpis]);
}

export type Remote<T> =
  | { state: 'idle' }
  | { state: 'loading'; last?: T }
  | { state: 'done'; value: T }
  | { state: 'invalid'; diagnostics: FormulaDiagnostic[] }
  | { state: 'error'; error: Error };

const diagnosticsOf = (err: unknown): FormulaDiagnostic[] | undefined => {
  if (!(err instanceof ApiError) || err.code !== 'FORMULA.INVALID') return undefined;
  const d = (err.details as { diagnostics?: FormulaDiagnostic[] } | undefined)?.diagnostics;
  return Array.isArray(d) ? d : [];
};

/**
 * Runs `call` for `key` once it has stayed the same for `delayMs` (a debounce), aborting a stale request;
 * `key` undefined means "nothing to ask".
 */
function useDebouncedRemote<T>(
  key: string | undefined,
  delayMs: number,
  call: (signal: AbortSignal) => Promise<T>,
): Remote<T> {
  const [result, setResult] = useState<Remote<T>>({ state: 'idle' });
  useEffect(() => {
    if (key === undefined) {
      setResult({ state: 'idle' });
      return;
    }
    const controller = new AbortController();
    setResult((r) => ({
      state: 'loading',
      last: r.state === 'done' ? r.value : r.state === 'loading' ? r.last : undefined,
    }));
    const timer = setTimeout(() => {
      call(controller.signal)
        .then((value) => setResult({ state: 'done', value }))
        .catch((err: unknown) => {
          if (controller.signal.aborted) return;
          const diagnostics = diagnosticsOf(err);
          setResult(
            diagnostics
              ? { state: 'invalid', diagnostics }
              : { state: 'error', error: err instanceof Error ? err : new Error(String(err)) },
          );
        });
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, delayMs]);
  return result;
}

/** `POST metadata/formulas/validate`, debounced: the canonical formula and the objects and fields it needs. */
export function useServerValidation(formula: string, enabled: boolean): Remote<ValidFormula> {
  const client = useApiClient();
  return useDebouncedRemote(enabled && formula.trim() !== '' ? formula : undefined, 150, (signal) =>
    client.post<ValidFormula>('metadata/formulas/validate', { formula }, { signal }),
  );
}

/** `POST metadata/tenants/{t}/formulas/preview`, debounced: the value on the industry's sample data. */
export function usePreview(
  tenantId: string | undefined,
  formula: string,
  period: string,
  enabled: boolean,
): Remote<PreviewResult> {
  const client = useApiClient();
  const key =
    enabled && tenantId && formula.trim() !== '' ? JSON.stringify([tenantId, formula, period]) : undefined;
  return useDebouncedRemote(key, 350, (signal) =>
    client.post<PreviewResult>(
      `metadata/tenants/${encodeURIComponent(tenantId ?? '')}/formulas/preview`,
      { formula, period },
      { signal },
    ),
  );
}

export interface FormulaChecksInput {
  tenantId: string;
  formula: string;
  /** The KPI's own id: a reference back to it is a cycle. */
  selfId: string;
  objects: readonly DataObject[] | undefined;
  /** Undefined until known: without the catalog's KPI ids the browser cannot judge kpi('…') references. */
  catalogKpis: readonly { id: string; name: string }[] | undefined;
  customKpis: readonly CustomKpi[];
  canPreview: boolean;
  period: string;
}

/**
 * Everything the editor shows about a formula: diagnostics at once from the browser's type-checker (or,
 * while the object model is not loaded, from the service), the requirements and canonical form from the
 * validate endpoint, the preview value, and what completion offers.
 */
export function useFormulaChecks(input: FormulaChecksInput) {
  const { formula, selfId, objects, catalogKpis, customKpis } = input;
  // The tenant's published custom KPIs may be referenced too (the service's per-tenant engine knows them).
  const custom = useMemo(
    () =>
      customKpis.filter(
        (k) => k.publishedVersion !== undefined && k.status !== 'deprecated' && k.id !== selfId,
      ),
    [customKpis, selfId],
  );
  const referenceable = useMemo<ReferenceableKpis | undefined>(
    () =>
      catalogKpis && {
        catalogIds: catalogKpis.map((k) => k.id),
        custom: custom.map((k) => ({ id: k.id, formula: k.definition.formula })),
      },
    [catalogKpis, custom],
  );
  const engine = useLocalEngine(objects, referenceable);
  const empty = formula.trim() === '';
  const local = useMemo(
    () => (engine && !empty ? engine.check(formula, { selfId: selfId || undefined }) : undefined),
    [engine, formula, selfId, empty],
  );
  const customIds = useMemo(() => new Set(custom.map((k) => k.id)), [custom]);
  // The validate endpoint checks against the global catalog, which does not know the tenant's custom KPIs;
  // and it is asked only about formulas the browser found valid, so typing never floods the console with
  // 422s. Without the object model (it failed to load), the service is the only checker.
  const usesCustom = local?.analysis?.kpiRefs.some((r) => customIds.has(r.id)) ?? false;
  const server = useServerValidation(formula, !empty && (local ? local.ok && !usesCustom : true));

  let diagnostics: readonly FormulaDiagnostic[] = [];
  if (!empty) {
    if (local) {
      diagnostics = local.diagnostics as FormulaDiagnostic[];
      // Its word counts when the browser found nothing (e.g. the catalog changed since the page loaded).
      if (local.ok && server.state === 'invalid') diagnostics = server.diagnostics;
    } else if (server.state === 'invalid') diagnostics = server.diagnostics;
  }
  const checking = !empty && !local && (server.state === 'loading' || server.state === 'idle');

  let requirements: RequirementsView | undefined;
  let requirementsNote: string | undefined;
  let formulaPretty: string | undefined;
  if (!empty && diagnostics.length === 0) {
    if (server.state === 'done') {
      requirements = server.value.requirements;
      formulaPretty = server.value.formulaPretty;
    } else if (server.state === 'loading' && server.last) {
      requirements = server.last.requirements;
    } else if (local?.ok && local.requirements) {
      requirements = local.requirements;
      if (usesCustom)
        requirementsNote =
          'Derived in the browser with the referenced custom KPIs; the service adds what their catalog KPI references need on publish.';
    }
  }

  const preview = usePreview(
    input.tenantId,
    formula,
    input.period,
    input.canPreview && !empty && diagnostics.length === 0 && (local?.ok ?? server.state === 'done'),
  );

  const sources = useMemo<CompletionSources | undefined>(
    () =>
      objects
        ? {
            objects: new Map(objects.map((o) => [o.name, o])),
            kpis: [
              ...custom.map((k) => ({ id: k.id, name: `${k.definition.name} (custom)` })),
              ...(catalogKpis ?? []),
            ],
          }
        : undefined,
    [objects, custom, catalogKpis],
  );

  return { diagnostics, checking, requirements, requirementsNote, formulaPretty, preview, sources };
}
