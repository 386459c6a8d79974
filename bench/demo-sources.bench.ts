/**
 * The demo ERP's first start: generating the sample data for every ERP object of an industry, starting
 * PGlite over TCP on a fresh data directory and filling it with COPY (first start of `npm start` must
 * stay under 30 s overall). Baseline in the same run: `PGlite.create()` alone, in memory: what PGlite's
 * WASM start costs before any of our work.
 *
 * `npm run bench -- demo-sources [industry]` (default manufacturing).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { demoObjects } from '../local/demo-sources/demo-data';
import { fillErp } from '../local/demo-sources/erp';
import { startPglite } from '../local/demo-sources/pglite-server';
import { freePort } from '../local/net';
import { loadCatalog } from '../shared/domain/catalog/load-catalog';

const industry = process.argv[2] ?? 'manufacturing';

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'kpi-bench-erp-'));
  try {
    let t = performance.now();
    const bare = await PGlite.create();
    const baseline = performance.now() - t;
    await bare.close();

    t = performance.now();
    const objects = demoObjects(
      industry,
      loadCatalog().objects.map((o) => o.name),
    ).filter((o) => o.source === 'erp');
    const generate = performance.now() - t;
    t = performance.now();
    const erp = await startPglite({ port: await freePort(), dataDir: join(dir, 'erp') });
    const start = performance.now() - t;
    t = performance.now();
    const counts = await fillErp(erp.db, objects, 'bench');
    const fill = performance.now() - t;
    await erp.stop();
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`demo ERP (${industry}): ${objects.length} tables, ${rows} rows`);
    console.log(`  sample data generated     ${s(generate)}`);
    console.log(
      `  PGlite start (fresh dir)  ${s(start)}   baseline PGlite.create() in memory: ${s(baseline)}`,
    );
    console.log(`  COPY fill + analyse       ${s(fill)}   (${Math.round(rows / (fill / 1000))} rows/s)`);
    console.log(`  total                     ${s(generate + start + fill)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
