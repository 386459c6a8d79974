/**
 * SOW generation time (document model + DOCX + PDF, as `POST .../sows` renders them) for a large
 * configuration: 60 catalog KPIs, 8 sources, every object and gap listed. Target (issue 4): under 2 s.
 * Baseline in the same run: the HTML preview of the same document (string building only).
 */

import { renderSowDocx } from '../functions/demo-config/sow/render-docx';
import { renderSowPdf } from '../functions/demo-config/sow/render-pdf';
import { analyseRequiredObjects } from '../shared/domain/analysis/required-objects';
import { loadCatalogWithIndex } from '../shared/domain/catalog/load-catalog';
import { FormulaEngine } from '../shared/domain/formula/index';
import {
  DEFAULT_ESTIMATE_PARAMETERS,
  type EstimateSourceType,
  estimateEffort,
} from '../shared/domain/sow/estimate';
import { renderSowHtml } from '../shared/domain/sow/render-html';
import { buildSowDocument } from '../shared/domain/sow/sow-document';

const ROUNDS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const { catalog, index } = loadCatalogWithIndex();
  const engine = new FormulaEngine(catalog.objects, new Map(catalog.kpis.map((k) => [k.id, k.formula])));
  const kpis = catalog.kpis.slice(0, 60);
  const types: EstimateSourceType[] = [
    'sqlserver',
    'postgresql',
    'dynamics365',
    'sap',
    'salesforce',
    'csv',
    'excel',
    'rest',
  ];
  const objectNames = [
    ...new Set(kpis.flatMap((k) => engine.requirementsOf(k.id)?.objects.map((o) => o.name) ?? [])),
  ];
  // Each source provides every other field of a share of the objects, so there are gaps to list.
  const sources = types.map((type, i) => ({
    id: `s${i}`,
    name: `Source ${i} (${type})`,
    type,
    objects: objectNames
      .filter((_, j) => j % types.length === i)
      .map((name) => ({
        name,
        fields: (index.objects.get(name)?.fields ?? []).filter((_, f) => f % 2 === 0),
      })),
  }));
  const analysis = analyseRequiredObjects(
    kpis.map((k) => k.id),
    (id) => engine.requirementsOf(id),
    sources,
  );
  const estimate = estimateEffort(
    {
      sourceTypes: types,
      objectsToMap: analysis.objects.length,
      missingFields: analysis.gaps.length,
      catalogKpis: kpis.length,
      customKpis: 0,
    },
    DEFAULT_ESTIMATE_PARAMETERS,
  );
  const build = () =>
    buildSowDocument({
      vendor: 'KPI Platform',
      client: 'Contoso Manufacturing',
      industry: 'Manufacturing',
      configurationName: 'Benchmark',
      version: 1,
      date: '2026-11-26',
      kpis: kpis.map((k) => ({
        id: k.id,
        name: k.name,
        stage: k.tags[0] ?? 'Other',
        unitLabel: k.unitLabel,
        target: k.target,
        status: 'partial' as const,
      })),
      sources: sources.map((s) => ({ name: s.name, type: s.type, objects: s.objects.map((o) => o.name) })),
      objects: analysis.objects,
      gaps: analysis.gaps,
      dashboards: 10,
      estimate,
    });
  const full = async () => {
    const doc = build();
    const [docx, pdf] = await Promise.all([renderSowDocx(doc), renderSowPdf(doc, new Date())]);
    return docx.byteLength + pdf.byteLength;
  };
  const html = () => renderSowHtml(build()).length;

  await full(); // warm-up (module initialisation, font metrics)
  html();
  console.log(
    `${kpis.length} KPIs, ${sources.length} sources, ${analysis.objects.length} objects, ${analysis.gaps.length} gaps`,
  );
  const t = { full: [] as number[], html: [] as number[] };
  let bytes = 0;
  for (let r = 1; r <= ROUNDS; r++) {
    let start = performance.now();
    html();
    t.html.push(performance.now() - start);
    start = performance.now();
    bytes = await full();
    t.full.push(performance.now() - start);
    console.log(
      `round ${r}: HTML preview ${t.html.at(-1)?.toFixed(1)} ms   DOCX + PDF ${t.full.at(-1)?.toFixed(1)} ms`,
    );
  }
  const m = median(t.full);
  console.log(
    `median: DOCX + PDF ${m.toFixed(0)} ms (${(bytes / 1024).toFixed(0)} KiB) vs HTML preview ${median(t.html).toFixed(1)} ms ` +
      `(${(m / median(t.html)).toFixed(0)}x); target < 2000 ms: ${m < 2000 ? 'met' : 'NOT met'}`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
