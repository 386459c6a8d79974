/**
 * Offline licence verification per second on one core (parse the compact JWS, check the header, Ed25519
 * signature, claims, time rules) versus a bare `node:crypto` Ed25519 verify of the same bytes with the same
 * key, in the same run. Target (issue 5): at least half of the bare rate.
 */
import { verify } from 'node:crypto';
import { parseLicenseKey } from '../shared/domain/license/key-format';
import { ClaimsMother, NOW } from '../shared/domain/license/license-mother';
import { newKeyRing, publicJwks, publicKeyObject } from '../shared/license/key-ring';
import { LicenseSigner } from '../shared/license/license-signer';
import { OfflineLicenseVerifier } from '../shared/license/offline-verifier';

const ROUNDS = 5;
const ROUND_MS = 1500;

/** Calls `fn` for `ms` milliseconds; returns calls per second. */
function rate(fn: () => boolean, ms: number): number {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 200; i++) if (!fn()) throw new Error('verification failed during the benchmark');
    n += 200;
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function main(): void {
  const ring = newKeyRing(NOW);
  const jwks = publicJwks(ring, NOW);
  // A realistic key: 150 entitled KPIs.
  const kpiIds = Array.from({ length: 150 }, (_, i) => `kpi-${String(i).padStart(4, '0')}`);
  const key = new LicenseSigner(ring).sign(ClaimsMother.valid({ kpiIds }));
  const verifier = new OfflineLicenseVerifier(jwks);
  const parsed = parseLicenseKey(key);
  if (!parsed.ok) throw new Error('the benchmark key does not parse');
  const { signingInput, signature } = parsed.key;
  const publicKey = publicKeyObject(jwks.keys[0] ?? {});

  const ours = () => verifier.verify(key, { now: NOW }).kind === 'full';
  const bare = () => verify(null, signingInput, publicKey, signature);
  rate(ours, 500);
  rate(bare, 500);

  console.log(
    `key: ${key.length} characters, ${kpiIds.length} KPI ids; ${ROUNDS} alternating rounds of ${ROUND_MS} ms`,
  );
  const results = { bare: [] as number[], ours: [] as number[] };
  for (let round = 1; round <= ROUNDS; round++) {
    results.bare.push(rate(bare, ROUND_MS));
    results.ours.push(rate(ours, ROUND_MS));
    console.log(
      `round ${round}: bare node:crypto verify ${results.bare.at(-1)?.toFixed(0)} /s   offline verifier ${results.ours
        .at(-1)
        ?.toFixed(0)} /s`,
    );
  }
  const ratio = median(results.ours) / median(results.bare);
  console.log(
    `\noffline verifier / bare verify: ${median(results.ours).toFixed(0)} / ${median(results.bare).toFixed(0)} per s = ` +
      `${ratio.toFixed(2)} (target ≥ 0.50) ${ratio >= 0.5 ? 'PASS' : 'MISS'}`,
  );
}

main();
