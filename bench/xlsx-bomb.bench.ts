/**
 * XLSX decompression bombs against the sample upload (issue 12): how long `inferSample` takes to refuse each
 * bomb, and the longest the event loop stalls meanwhile (what another tenant's request on the same worker
 * would wait), beside the same figures for a normal small workbook read in full in the same run.
 * Target: each bomb refused within 1 s, the event loop never held for more than 100 ms.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { inferSample } from '../functions/demo-config/sources/infer-sample';
import { sampleOrdersXlsx } from '../functions/demo-config/sources/sample-xlsx.fixture';
import { issueBombs, lyingBombs } from '../functions/demo-config/sources/xlsx-bombs.fixture';
import { loadCatalog } from '../shared/domain/catalog/index';

const ROUNDS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timed(bytes: Uint8Array, objects: ReturnType<typeof loadCatalog>['objects']) {
  const content = Buffer.from(bytes).toString('base64');
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  let code = 'accepted';
  try {
    await inferSample({ fileName: 'upload.xlsx', content, encoding: 'base64' }, objects);
  } catch (err) {
    code = (err as { code?: string }).code ?? String(err);
  }
  const ms = performance.now() - started;
  delay.disable();
  return { ms, stallMs: delay.max / 1e6, code };
}

async function main(): Promise<void> {
  const objects = loadCatalog().objects;
  const cases = [
    { name: 'normal workbook (baseline)', bytes: sampleOrdersXlsx() },
    ...issueBombs(),
    ...lyingBombs(),
  ];
  for (const c of cases) await timed(c.bytes, objects); // warm-up
  const results = new Map(
    cases.map((c) => [c.name, { ms: [] as number[], stall: [] as number[], code: '' }]),
  );
  for (let r = 0; r < ROUNDS; r++) {
    for (const c of cases) {
      const t = await timed(c.bytes, objects);
      const entry = results.get(c.name)!;
      entry.ms.push(t.ms);
      entry.stall.push(t.stallMs);
      entry.code = t.code;
    }
  }
  const base = results.get(cases[0]!.name)!;
  for (const c of cases) {
    const e = results.get(c.name)!;
    console.log(
      `${c.name.padEnd(42)} ${String(Math.round(c.bytes.length / 1024)).padStart(5)} KB  ` +
        `median ${median(e.ms).toFixed(1).padStart(6)} ms (${(median(e.ms) / median(base.ms)).toFixed(1)}x baseline)  ` +
        `max ${Math.max(...e.ms)
          .toFixed(1)
          .padStart(6)} ms  longest stall ${Math.max(...e.stall)
          .toFixed(1)
          .padStart(5)} ms  ${e.code}`,
    );
  }
  const bombs = cases.slice(1).map((c) => results.get(c.name)!);
  const worst = Math.max(...bombs.flatMap((b) => b.ms));
  const stall = Math.max(...bombs.flatMap((b) => b.stall));
  console.log(
    `bombs: slowest refusal ${worst.toFixed(0)} ms (target < 1000: ${worst < 1000 ? 'met' : 'NOT met'}), ` +
      `longest event-loop stall ${stall.toFixed(0)} ms (target < 100: ${stall < 100 ? 'met' : 'NOT met'})`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
