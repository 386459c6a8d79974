/**
 * XLSX decompression bombs posted to `sample-inference` through the real local host (issue 12): each is
 * refused with a stable code, and another tenant's requests to the same worker are not held up meanwhile.
 * The latency comparison has generous margins (a noisy 2-core machine); the exact figures are printed, and
 * `npm run bench -- xlsx-bomb` measures the guard alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../../local/stack';
import { issueBombs, lyingBombs } from './xlsx-bombs.fixture';

let dataDir: string;
let stack: Stack;
const tokens: Record<string, string> = {};

const EDDIE = 'eddie@contoso.example';
const ALEX = 'alex@fabrikam.example';
const SAMPLE = 'tenants/contoso/configurations/contoso-plant-analytics/sample-inference';
const OTHER_TENANT = 'tenants/fabrikam/configurations';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-sample-bombs-'));
  stack = await startStack({ dataDir, ports: 'free' });
  // Tokens made up front, so that signing them is not part of any latency measured.
  for (const user of [EDDIE, ALEX]) tokens[user] = await stack.token(user);
});

afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function otherTenantGet(): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${stack.urls.api}/demo-config/${OTHER_TENANT}`, {
    headers: { authorization: `Bearer ${tokens[ALEX]}` },
  });
  await res.arrayBuffer();
  expect(res.status).toBe(200);
  return performance.now() - started;
}

/** The request body of an upload, made before any latency is measured. */
const uploadOf = (bytes: Uint8Array) =>
  JSON.stringify({
    fileName: 'bomb.xlsx',
    content: Buffer.from(bytes).toString('base64'),
    encoding: 'base64',
  });

async function postBomb(upload: string) {
  const started = performance.now();
  const res = await fetch(`${stack.urls.api}/demo-config/${SAMPLE}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[EDDIE]}`, 'content-type': 'application/json' },
    body: upload,
  });
  const body = (await res.json()) as { error?: { code: string; message: string } };
  return { status: res.status, code: body.error?.code, ms: performance.now() - started };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0;
const fmt = (xs: number[]) =>
  `n=${xs.length} median ${median(xs).toFixed(1)} ms, p90 ${quantile(xs, 0.9).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;

describe('XLSX bombs through the local host', () => {
  const bombs = [
    ...issueBombs().map((b) => ({
      ...b,
      upload: uploadOf(b.bytes),
      status: 413,
      code: 'SOURCE.SAMPLE_TOO_LARGE_UNPACKED',
    })),
    ...lyingBombs().map((b) => ({
      ...b,
      upload: uploadOf(b.bytes),
      status: 413,
      // With lying sizes the sheets get as far as the row count, the strings as far as their count.
      code: /sheet/.test(b.name) ? 'SOURCE.SAMPLE_TOO_LARGE' : 'SOURCE.SAMPLE_TOO_LARGE_UNPACKED',
    })),
  ];

  it('refuses each bomb with its code within a second, while another tenant is served as fast as alone', async () => {
    for (let i = 0; i < 5; i++) await otherTenantGet();
    const alone: number[] = [];
    for (let i = 0; i < 30; i++) alone.push(await otherTenantGet());

    const answers: { name: string; status: number; code: string | undefined; ms: number }[] = [];
    const during: number[] = [];
    let refusing = true;
    const attacker = (async () => {
      for (let round = 0; round < 3; round++) {
        for (const bomb of bombs) answers.push({ name: bomb.name, ...(await postBomb(bomb.upload)) });
      }
      refusing = false;
    })();
    const neighbour = (async () => {
      while (refusing) during.push(await otherTenantGet());
    })();
    await Promise.all([attacker, neighbour]);

    console.log(`other tenant's GET alone: ${fmt(alone)}`);
    console.log(`other tenant's GET while bombs are refused: ${fmt(during)}`);
    for (const bomb of bombs) {
      const times = answers.filter((a) => a.name === bomb.name).map((a) => a.ms);
      console.log(`${bomb.name} (${Math.round(bomb.bytes.length / 1024)} KB): ${fmt(times)}`);
    }

    for (const bomb of bombs) {
      const mine = answers.filter((a) => a.name === bomb.name);
      for (const answer of mine) {
        expect([answer.name, answer.status, answer.code]).toEqual([bomb.name, bomb.status, bomb.code]);
        // Before the guard these took 2 to 80 s; a single answer may be late when other work loads the machine.
        expect(answer.ms, answer.name).toBeLessThan(3000);
      }
      expect(median(mine.map((a) => a.ms)), bomb.name).toBeLessThan(1000);
    }
    expect(during.length).toBeGreaterThanOrEqual(3);
    // The issue's bound is 100 ms of slow-down; medians keep one scheduler hiccup of a busy machine out of it.
    expect(median(during) - median(alone)).toBeLessThan(100);
  });
});
