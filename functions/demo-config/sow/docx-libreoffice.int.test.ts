/**
 * The generated DOCX opens in LibreOffice: converted headless to PDF and to plain text, with the headings and
 * the estimate in the text LibreOffice read. LibreOffice is not a dependency of `npm test`: the check runs when
 * `soffice` is on the PATH (Debian: `apt-get install libreoffice-writer-nogui`, which `.ci/run` does) and is
 * skipped, saying so, otherwise.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_ESTIMATE_PARAMETERS, estimateEffort } from '@kpi/shared/domain/sow/estimate';
import { buildSowDocument } from '@kpi/shared/domain/sow/sow-document';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSowDocx } from './render-docx';

const run = promisify(execFile);

function findSoffice(): string | undefined {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], {
        encoding: 'utf8',
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

const soffice = findSoffice();
if (!soffice)
  console.warn(
    'docx-libreoffice: LibreOffice (soffice) is not installed; skipping the DOCX-opens-in-LibreOffice check.',
  );

const kpis = ['OEE', 'Scrap rate', 'On-time delivery', 'Forecast accuracy', 'Inventory turns'].map(
  (name, i) => ({
    id: `k${i}`,
    name,
    stage: i < 2 ? 'Production' : 'Supply chain',
    unitLabel: '%',
    target: 80 + i,
    status: (['ready', 'partial', 'blocked'] as const)[i % 3] ?? 'ready',
  }),
);

const doc = buildSowDocument({
  vendor: 'KPI Platform Ltd',
  client: 'Contoso & Söhne',
  industry: 'Manufacturing',
  configurationName: 'Plant analytics',
  version: 3,
  date: '2026-11-26',
  kpis,
  sources: [
    { name: 'Plant MES', type: 'sqlserver', objects: ['WorkOrder'] },
    { name: 'SAP S/4HANA', type: 'sap', objects: ['PurchaseOrder', 'InventorySnapshot'] },
  ],
  objects: [
    { name: 'WorkOrder', providedFields: 6, requiredFields: 7 },
    { name: 'PurchaseOrder', providedFields: 3, requiredFields: 3 },
  ],
  gaps: [
    { object: 'WorkOrder', field: 'scrapQuantity', kpis: ['k1'] },
    { object: 'DemandForecast', kpis: ['k3'] },
  ],
  dashboards: 2,
  estimate: estimateEffort(
    { sourceTypes: ['sqlserver', 'sap'], objectsToMap: 3, missingFields: 1, catalogKpis: 5, customKpis: 0 },
    DEFAULT_ESTIMATE_PARAMETERS,
  ),
});

describe.skipIf(!soffice)('the generated DOCX in LibreOffice', () => {
  let dir: string;
  let docx: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kpi-docx-lo-'));
    docx = join(dir, 'contoso-plant-analytics-sow-v3.docx');
    await writeFile(docx, await renderSowDocx(doc));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Converts headless with a private profile (no clash with another LibreOffice running on the machine). */
  async function convert(to: string, outDir: string): Promise<string> {
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const { stdout, stderr } = await run(
      soffice as string,
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--norestore',
        '--convert-to',
        to,
        '--outdir',
        outDir,
        docx,
      ],
      { timeout: 110_000 },
    );
    return `${stdout}${stderr}`;
  }

  it('converts to PDF', { timeout: 120_000 }, async () => {
    const log = await convert('pdf', join(dir, 'pdf'));
    const pdf = await readFile(join(dir, 'pdf', 'contoso-plant-analytics-sow-v3.pdf')).catch(() => {
      throw new Error(`LibreOffice wrote no PDF:\n${log}`);
    });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(Number(/\/Type\s*\/Pages[\s\S]*?\/Count (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('reads the headings, the client and the estimate table', { timeout: 120_000 }, async () => {
    const log = await convert('txt:Text (encoded):UTF8', join(dir, 'txt'));
    const text = await readFile(join(dir, 'txt', 'contoso-plant-analytics-sow-v3.txt'), 'utf8').catch(() => {
      throw new Error(`LibreOffice wrote no text:\n${log}`);
    });
    // Read as a Word document, not as the raw bytes LibreOffice falls back to for a file it cannot open.
    expect(text.startsWith('PK')).toBe(false);
    const headings = doc.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []));
    expect(headings).toHaveLength(11);
    for (const h of headings) expect(text, h).toContain(h);
    expect(text).toContain('Contoso & Söhne');
    for (const phase of DEFAULT_ESTIMATE_PARAMETERS.phases) expect(text).toContain(phase.name);
    expect(text).toContain('Scrap rate');
  });
});
