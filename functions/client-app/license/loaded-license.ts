/**
 * The licence as one process holds it: the key read from Key Vault and verified offline once (signature,
 * claims), the state and snapshot read from the deployment's storage. Per request only the time rules are
 * applied again (`decide`, pure and cheap), so a licence passes into grace or out of it without a reload,
 * and enforcement costs no I/O.
 */
import type { ClientKpi, LicenseBanner, LicenseStatus } from '@kpi/shared/contracts/client-app';
import type { LicenseClaims } from '@kpi/shared/domain/license/claims';
import { DAY_MS } from '@kpi/shared/domain/license/license';
import { decide } from '@kpi/shared/domain/license/verdict';
import type { VerifiedSnapshot } from '../catalog/verify-snapshot';
import type { LicenseState, StoredSnapshot } from '../state/client-state';
import { type ClientDeps, SECRETS } from './client-deps';

export interface LoadedLicense {
  key?: string;
  /** The verified claims; absent when the key is missing or refused offline for what it is (not for time). */
  claims?: LicenseClaims;
  /** Why the key itself was refused (missing, tampered, unknown signer, wrong tenant, malformed…). */
  keyRefusal?: { reasonCode: string; message: string };
  /** When the key was checked (the last time seen: a clock earlier than this is rolled back). */
  checkedAt: Date;
  state: LicenseState;
  snapshot?: { stored: StoredSnapshot; verified: VerifiedSnapshot };
}

export const emptyState = (): LicenseState => ({ vendorReachable: true });

/** Reads the key, state and snapshot, and checks the key offline (moving the last time seen forward). */
export async function loadLicense(deps: ClientDeps): Promise<LoadedLicense> {
  const now = deps.clock();
  const [key, state, stored] = await Promise.all([
    deps.secrets.get(SECRETS.licenseKey),
    deps.state.readLicense(),
    deps.state.readSnapshot(),
  ]);
  const base = { checkedAt: now, state: state ?? emptyState() };
  let snapshot: LoadedLicense['snapshot'];
  if (stored) {
    const check = deps.snapshots.verify(stored.jws, {
      tenantId: deps.tenantId,
      deploymentId: deps.deploymentId,
    });
    // A stored snapshot that no longer verifies (edited in storage) is ignored, as if never fetched.
    if (check.ok) snapshot = { stored, verified: check.snapshot };
    else deps.log.warn('stored snapshot ignored', { problem: check.problem });
  }
  if (!key) {
    return {
      ...base,
      ...(snapshot ? { snapshot } : {}),
      keyRefusal: {
        reasonCode: 'LICENSE.KEY_MISSING',
        message: `The Key Vault secret ${SECRETS.licenseKey} is missing`,
      },
    };
  }
  const verdict = await deps.verifier.check(key.trim(), {
    now,
    lastSeen: deps.lastSeen,
    expectedTenantId: deps.tenantId,
  });
  if (verdict.kind !== 'refuse')
    return { ...base, key: key.trim(), claims: verdict.claims, ...(snapshot ? { snapshot } : {}) };
  // Refused for time only: keep the claims, so each request applies the time rules again and the view shows
  // the dates. A rolled-back clock stays refused for this load, whatever the clock says later.
  const timeOnly = verdict.reason === 'LICENSE.EXPIRED' || verdict.reason === 'LICENSE.NOT_YET_VALID';
  const claims =
    timeOnly || verdict.reason === 'LICENSE.CLOCK_ROLLBACK' ? readableClaims(deps, key) : undefined;
  return {
    ...base,
    key: key.trim(),
    ...(snapshot ? { snapshot } : {}),
    ...(claims ? { claims } : {}),
    ...(timeOnly && claims ? {} : { keyRefusal: { reasonCode: verdict.reason, message: verdict.message } }),
  };
}

/** Claims of a key whose signature verifies but whose time rules refuse it (so the view can show its dates). */
function readableClaims(deps: ClientDeps, key: string): LicenseClaims | undefined {
  const far = new Date(0);
  const v = deps.verifier.verify(key.trim(), { now: far, toleranceMs: Number.MAX_SAFE_INTEGER });
  return v.kind === 'refuse' ? undefined : v.claims;
}

/** The banner at `now`: the offline time rules, then online refusals and an online grace verdict. */
export function bannerAt(loaded: LoadedLicense, now: Date, tenantId: string): LicenseBanner {
  if (loaded.keyRefusal || !loaded.claims) {
    const r = loaded.keyRefusal ?? {
      reasonCode: 'LICENSE.KEY_MALFORMED',
      message: 'The licence key cannot be read',
    };
    return { state: 'refused', daysLeft: 0, reasonCode: r.reasonCode, message: r.message };
  }
  const claims = loaded.claims;
  const v = decide(claims, { now, lastSeen: loaded.checkedAt, expectedTenantId: tenantId });
  if (v.kind === 'refuse') return { state: 'refused', daysLeft: 0, reasonCode: v.reason, message: v.message };
  const { refusal, online } = loaded.state;
  if (refusal && refusal.keyId === claims.jti) {
    return { state: 'refused', daysLeft: 0, reasonCode: refusal.code, message: refusal.message };
  }
  if (v.kind === 'grace') {
    return { state: 'grace', daysLeft: v.graceDaysLeft, message: graceMessage(claims, v.graceDaysLeft) };
  }
  if (online && online.keyId === claims.jti && online.mode === 'grace') {
    return { state: 'grace', daysLeft: online.daysLeft, message: graceMessage(claims, online.daysLeft) };
  }
  return { state: 'full', daysLeft: v.daysLeft };
}

const graceMessage = (claims: LicenseClaims, days: number) =>
  `The licence expired on ${new Date(claims.exp * 1000).toISOString().slice(0, 10)}; ${days} day${days === 1 ? '' : 's'} of grace left`;

/** The KPIs the licence entitles, with their definitions from the snapshot (none when refused). */
export function entitledKpis(loaded: LoadedLicense, banner: LicenseBanner): ClientKpi[] {
  if (banner.state === 'refused' || !loaded.claims || !loaded.snapshot) return [];
  const online = loaded.state.online;
  const onlineIds = online && online.keyId === loaded.claims.jti ? new Set(online.kpiIds) : undefined;
  const out: ClientKpi[] = [];
  for (const id of [...loaded.claims.kpiIds].sort()) {
    if (onlineIds && !onlineIds.has(id)) continue;
    const kpi = loaded.snapshot.verified.kpis.get(id);
    if (kpi) out.push(kpi);
  }
  return out;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The full status view (`GET license`). */
export function statusView(
  loaded: LoadedLicense,
  now: Date,
  ids: { tenantId: string; deploymentId: string },
): LicenseStatus {
  const banner = bannerAt(loaded, now, ids.tenantId);
  const c = loaded.claims;
  const { state } = loaded;
  const onlineForKey = c && state.online?.keyId === c.jti ? state.online : undefined;
  const kpis = entitledKpis(loaded, banner);
  return {
    ...banner,
    tenantId: ids.tenantId,
    deploymentId: ids.deploymentId,
    ...(c
      ? {
          licenseId: c.sub,
          keyId: c.jti,
          edition: c.edition,
          issuedAt: iso(c.iat),
          expiresAt: iso(c.exp),
          graceDays: c.graceDays,
          graceEndsAt: new Date(c.exp * 1000 + c.graceDays * DAY_MS).toISOString(),
        }
      : {}),
    features: banner.state === 'refused' || !c ? [] : c.features,
    entitledKpiIds: banner.state === 'refused' || !c ? [] : kpis.map((k) => k.id),
    source: onlineForKey ? (state.vendorReachable ? 'online' : 'cached') : 'offline',
    checkedAt: loaded.checkedAt.toISOString(),
    ...(state.activation ? { activatedAt: state.activation.activatedAt } : {}),
    ...(onlineForKey ? { lastValidatedAt: onlineForKey.at, checkAgainAt: onlineForKey.checkAgainAt } : {}),
    vendorReachable: state.vendorReachable,
    catalog: {
      ...(loaded.snapshot
        ? {
            catalogVersion: loaded.snapshot.stored.catalogVersion,
            fetchedAt: loaded.snapshot.stored.fetchedAt,
            ...(loaded.snapshot.stored.etag ? { etag: loaded.snapshot.stored.etag } : {}),
          }
        : {}),
      kpiCount: kpis.length,
    },
  };
}
