/**
 * The Statement of Work as a document model (headings, paragraphs, lists, tables, signatures), built from a
 * configuration, its analysis and its estimate. Pure: the HTML preview, DOCX and PDF renderers all draw the
 * same model, so the three outputs say the same thing.
 */
import type { Estimate } from './estimate';

export type SowBlock =
  | { readonly kind: 'heading'; readonly level: 1 | 2; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'table';
      readonly id: string;
      readonly header: readonly string[];
      readonly rows: readonly (readonly string[])[];
      /** A bold last row (totals). */
      readonly footer?: readonly string[];
    }
  | { readonly kind: 'signatures'; readonly parties: readonly string[] };

export interface SowDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly blocks: readonly SowBlock[];
}

export interface SowKpi {
  readonly id: string;
  readonly name: string;
  readonly stage: string;
  readonly unitLabel: string;
  readonly target: number;
  readonly status: 'ready' | 'partial' | 'blocked';
}

export interface SowInput {
  readonly vendor: string;
  readonly client: string;
  readonly industry: string;
  readonly configurationName: string;
  readonly version: number;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly kpis: readonly SowKpi[];
  readonly sources: readonly {
    readonly name: string;
    readonly type: string;
    readonly objects: readonly string[];
  }[];
  readonly objects: readonly {
    readonly name: string;
    readonly providedFields: number;
    readonly requiredFields: number;
  }[];
  readonly gaps: readonly {
    readonly object: string;
    readonly field?: string;
    readonly kpis: readonly string[];
  }[];
  readonly dashboards: number;
  readonly estimate: Estimate;
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ''));
const money = (n: number, currency: string) =>
  `${currency} ${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Builds the SOW's sections in the order a client reads them. */
export function buildSowDocument(input: SowInput): SowDocument {
  const e = input.estimate;
  const blocks: SowBlock[] = [];
  const h1 = (text: string) => blocks.push({ kind: 'heading', level: 1, text });
  const h2 = (text: string) => blocks.push({ kind: 'heading', level: 2, text });
  const p = (text: string) => blocks.push({ kind: 'paragraph', text });

  h1('1. Overview');
  p(
    `This Statement of Work describes how ${input.vendor} will deliver KPI analytics for ${input.client} ` +
      `(${input.industry}), as configured in "${input.configurationName}": ${input.kpis.length} KPIs fed by ` +
      `${input.sources.length} data source${input.sources.length === 1 ? '' : 's'}, delivered as ${input.dashboards} ` +
      `dashboard${input.dashboards === 1 ? '' : 's'} between ${e.totals.start} and ${e.totals.end}.`,
  );

  h1('2. Scope');
  const stages = [...new Set(input.kpis.map((k) => k.stage))];
  for (const stage of stages) {
    h2(stage);
    blocks.push({
      kind: 'table',
      id: `scope-${stage}`,
      header: ['KPI', 'Unit', 'Target', 'Data readiness'],
      rows: input.kpis
        .filter((k) => k.stage === stage)
        .map((k) => [k.name, k.unitLabel, num(k.target), k.status]),
    });
  }

  h1('3. Data sources and integration');
  if (input.sources.length === 0)
    p('No data source has been declared yet; integration work is estimated once they are.');
  else
    blocks.push({
      kind: 'table',
      id: 'sources',
      header: ['Source', 'Type', 'Objects provided'],
      rows: input.sources.map((s) => [s.name, s.type, s.objects.join(', ') || '—']),
    });

  h1('4. Required objects and gaps');
  blocks.push({
    kind: 'table',
    id: 'objects',
    header: ['Object', 'Fields provided', 'Fields required'],
    rows: input.objects.map((o) => [o.name, String(o.providedFields), String(o.requiredFields)]),
  });
  if (input.gaps.length === 0) p('Every field the selected KPIs need is provided by a declared source.');
  else {
    p('The following data is not provided by any declared source yet and must be supplied by the client:');
    blocks.push({
      kind: 'list',
      items: input.gaps.map(
        (g) =>
          `${g.field ? `${g.object}.${g.field}` : `${g.object} (whole object)`} — needed by ${g.kpis.join(', ')}`,
      ),
    });
  }

  h1('5. Deliverables');
  blocks.push({
    kind: 'list',
    items: [
      `${input.dashboards} dashboard${input.dashboards === 1 ? '' : 's'} showing the ${input.kpis.length} KPIs in scope, with targets and status bands`,
      'Data integration pipelines for every declared source, with mappings to the KPI data model',
      'A client deployment in the client’s Azure subscription, licensed for the KPIs in scope',
      'Training for the client’s administrators and a handover document',
    ],
  });

  h1('6. Effort estimate');
  blocks.push({
    kind: 'table',
    id: 'estimate-build',
    header: ['Build item', 'Quantity', 'Days each', 'Days'],
    rows: e.lines.map((l) => [l.label, num(l.quantity), num(l.unitDays), num(l.days)]),
    footer: ['Build effort', '', '', num(e.buildDays)],
  });
  blocks.push({
    kind: 'table',
    id: 'estimate',
    header: ['Phase', 'Role', 'Days', 'Day rate', 'Cost', 'From', 'To'],
    rows: e.phases.map((ph) => [
      ph.name,
      ph.role,
      num(ph.days),
      money(ph.rate, e.currency),
      money(ph.cost, e.currency),
      ph.start,
      ph.end,
    ]),
    footer: [
      'Total',
      '',
      num(e.totals.days),
      '',
      money(e.totals.cost, e.currency),
      e.totals.start,
      e.totals.end,
    ],
  });
  p(
    `Contingency: ${money(e.totals.contingency, e.currency)}. Total including contingency: ` +
      `${money(e.totals.total, e.currency)}, over ${num(e.totals.weeks)} weeks.`,
  );

  h1('7. Assumptions');
  blocks.push({
    kind: 'list',
    items: [
      'The client grants read access to each declared source before the build phase starts.',
      'Source data is available in the structure declared in this configuration.',
      'Effort is quoted in working days of eight hours; travel is not included.',
    ],
  });
  h1('8. Client responsibilities');
  blocks.push({
    kind: 'list',
    items: [
      'Name a project owner and a data owner for each source.',
      'Supply the missing data listed in section 4, or agree on how it is derived.',
      'Provide the Azure subscription the client deployment is installed into.',
    ],
  });
  h1('9. Change process');
  p(
    'Changes to the KPIs, sources or deliverables are requested in writing, estimated with the same model ' +
      'as this document, and start only once both parties have signed the change.',
  );
  h1('10. Acceptance');
  p(
    'Each dashboard is accepted when its KPIs compute on the client’s data and the client has confirmed the ' +
      'values against its own figures for one full period, or ten working days after delivery without objection.',
  );
  h1('11. Signatures');
  blocks.push({ kind: 'signatures', parties: [input.vendor, input.client] });

  return {
    title: `Statement of Work — ${input.configurationName}`,
    subtitle: `${input.client} · version ${input.version} · ${input.date}`,
    blocks,
  };
}
