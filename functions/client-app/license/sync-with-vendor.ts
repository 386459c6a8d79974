/**
 * The online half of start-up (each cold start, the licence timer, a pasted key, `refresh-catalog`):
 * activate once (the credential becomes the Key Vault secret `deployment-credential`), validate online when
 * `checkAgainAt` is due or the key changed, and fetch the signed snapshot with its ETag. Everything learnt
 * is kept in the deployment's storage; when the vendor is unreachable the last good verdict and snapshot
 * stay in force (within the key's own time rules, which are applied offline on every request).
 */
import { createHash } from 'node:crypto';
import type { ValidationEntry } from '@kpi/shared/contracts/client-app';
import type { LicenseState, StoredSnapshot } from '../state/client-state';
import { type ClientDeps, SECRETS } from './client-deps';
import type { LoadedLicense } from './loaded-license';

/** A snapshot older than this is fetched again (with If-None-Match) on the next sync. */
export const SNAPSHOT_MAX_AGE_MS = 60 * 60_000;

export interface SyncOptions {
  /** `cold-start`, `timer`, `key-pasted`, `command:<kind>`. */
  trigger: string;
  forceValidation?: boolean;
  forceSnapshot?: boolean;
}

export interface SyncReport {
  activated: boolean;
  validated: boolean;
  snapshot: 'fetched' | 'not-modified' | 'kept' | 'failed';
  vendorReachable: boolean;
}

export async function syncWithVendor(
  deps: ClientDeps,
  loaded: LoadedLicense,
  options: SyncOptions,
): Promise<SyncReport> {
  const report: SyncReport = { activated: false, validated: false, snapshot: 'kept', vendorReachable: true };
  const { key, claims } = loaded;
  // A key refused for what it is (tampered, wrong tenant, rolled-back clock) is never shown to the vendor.
  if (loaded.keyRefusal) {
    await recordOfflineRefusal(deps, loaded, loaded.keyRefusal, options.trigger);
    return report;
  }
  if (!key || !claims) return report;
  const now = deps.clock();
  const at = now.toISOString();
  const state: LicenseState = structuredClone(loaded.state);
  const record = (entry: Omit<ValidationEntry, 'id' | 'at' | 'keyId' | 'trigger'>) =>
    deps.history.append({ id: deps.newId(), at, keyId: claims.jti, trigger: options.trigger, ...entry });
  const unreachable = async (kind: ValidationEntry['kind'], message: string) => {
    state.vendorReachable = false;
    report.vendorReachable = false;
    await record({ kind, outcome: 'unreachable', message });
  };
  const answered = () => {
    state.vendorReachable = true;
    state.lastContactAt = at;
  };

  let credential = await deps.secrets.get(SECRETS.credential);
  if (!state.activation || state.activation.licenseId !== claims.sub || !credential) {
    const r = await deps.vendor.activate(key, deps.deploymentId);
    if (r.ok) {
      answered();
      await deps.secrets.set(SECRETS.credential, r.value.credential);
      credential = r.value.credential;
      state.activation = {
        licenseId: r.value.licenseId,
        credentialId: r.value.credentialId,
        activatedAt: at,
      };
      report.activated = true;
      await record({ kind: 'activation', outcome: 'ok' });
    } else if (r.kind === 'refused' && r.code === 'LICENSE.ALREADY_ACTIVATED' && credential) {
      // Activated before (the state was lost, not the credential): carry on with the kept credential.
      answered();
      state.activation = {
        licenseId: claims.sub,
        credentialId: credential.split('.')[0] ?? '',
        activatedAt: at,
      };
    } else if (r.kind === 'refused') {
      answered();
      state.refusal = { at, keyId: claims.jti, code: licenseCode(r.code), message: r.message };
      await record({
        kind: 'activation',
        outcome: 'refused',
        reasonCode: licenseCode(r.code),
        message: r.message,
      });
      await deps.state.writeLicense(state);
      return { ...report, vendorReachable: true };
    } else {
      await unreachable('activation', r.message);
      await deps.state.writeLicense(state);
      return report;
    }
  }
  if (!credential) return report;

  const online = state.online;
  const due =
    options.forceValidation ||
    !online ||
    online.keyId !== claims.jti ||
    now.getTime() >= Date.parse(online.checkAgainAt) ||
    (state.refusal !== undefined && state.refusal.keyId === claims.jti);
  if (due) {
    const r = await deps.vendor.validate(key, deps.deploymentId, credential);
    if (r.ok) {
      answered();
      const v = r.value;
      state.online = {
        at,
        keyId: claims.jti,
        licenseId: v.licenseId,
        mode: v.mode,
        daysLeft: Math.max(0, Math.round(v.daysLeft)),
        kpiIds: v.kpiIds,
        checkAgainAt: v.checkAgainAt,
      };
      delete state.refusal;
      report.validated = true;
      await record({
        kind: 'online',
        outcome: v.mode,
        daysLeft: state.online.daysLeft,
        checkAgainAt: v.checkAgainAt,
      });
    } else if (r.kind === 'refused') {
      answered();
      delete state.online;
      state.refusal = { at, keyId: claims.jti, code: licenseCode(r.code), message: r.message };
      await record({
        kind: 'online',
        outcome: 'refused',
        reasonCode: licenseCode(r.code),
        message: r.message,
      });
    } else {
      await unreachable('online', r.message);
    }
  }

  const refused = state.refusal?.keyId === claims.jti;
  const stored = loaded.snapshot?.stored;
  const snapshotDue =
    options.forceSnapshot ||
    options.trigger === 'cold-start' ||
    !stored ||
    stored.licenseId !== claims.sub ||
    now.getTime() - Date.parse(stored.fetchedAt) >= SNAPSHOT_MAX_AGE_MS;
  if (!refused && report.vendorReachable && snapshotDue) {
    report.snapshot = await refreshSnapshot(deps, credential, stored, at, record, (m) =>
      unreachable('snapshot', m),
    );
    if (report.snapshot !== 'failed') answered();
  }
  await deps.state.writeLicense(state);
  return report;
}

async function refreshSnapshot(
  deps: ClientDeps,
  credential: string,
  stored: StoredSnapshot | undefined,
  at: string,
  record: (e: Omit<ValidationEntry, 'id' | 'at' | 'keyId' | 'trigger'>) => Promise<void>,
  unreachable: (message: string) => Promise<void>,
): Promise<SyncReport['snapshot']> {
  const r = await deps.vendor.snapshot(credential, stored?.etag);
  if (!r.ok) {
    if (r.kind === 'unreachable') await unreachable(r.message);
    else await record({ kind: 'snapshot', outcome: 'failed', message: `${r.code}: ${r.message}` });
    return 'failed';
  }
  if (!r.value.changed) {
    if (stored) await deps.state.writeSnapshot({ ...stored, fetchedAt: at });
    return 'not-modified';
  }
  const jws = r.value.jws as string;
  const check = deps.snapshots.verify(jws, { tenantId: deps.tenantId, deploymentId: deps.deploymentId });
  if (!check.ok) {
    // Never stored: the last good snapshot stays in force.
    await record({ kind: 'snapshot', outcome: 'failed', message: `snapshot refused: ${check.problem}` });
    return 'failed';
  }
  await deps.state.writeSnapshot({
    jws,
    ...(r.value.etag ? { etag: r.value.etag } : {}),
    fetchedAt: at,
    catalogVersion: check.snapshot.catalogVersion,
    licenseId: check.snapshot.licenseId,
  });
  await record({
    kind: 'snapshot',
    outcome: 'ok',
    message: `catalog ${check.snapshot.catalogVersion}, ${check.snapshot.kpis.size} KPIs`,
  });
  return 'fetched';
}

/**
 * A key refused offline goes into the validation history (the Client UI shows why the deployment is locked),
 * once per key and code: the timer finds the same refusal every few minutes and must not flood the history.
 */
async function recordOfflineRefusal(
  deps: ClientDeps,
  loaded: LoadedLicense,
  refusal: { reasonCode: string; message: string },
  trigger: string,
): Promise<void> {
  const keyDigest = createHash('sha256')
    .update(loaded.key ?? '')
    .digest('base64url');
  const seen = loaded.state.offlineRefusal;
  if (seen?.keyDigest === keyDigest && seen.code === refusal.reasonCode) return;
  await deps.history.append({
    id: deps.newId(),
    at: deps.clock().toISOString(),
    kind: 'offline',
    outcome: 'refused',
    reasonCode: licenseCode(refusal.reasonCode),
    message: refusal.message,
    trigger,
    ...(loaded.claims ? { keyId: loaded.claims.jti } : {}),
  });
  await deps.state.writeLicense({
    ...structuredClone(loaded.state),
    offlineRefusal: { keyDigest, code: refusal.reasonCode },
  });
}

/** Refusals that are not licence codes (a bad credential answers AUTH.*) are reported under LICENSE.*. */
function licenseCode(code: string): string {
  if (/^LICENSE\.[A-Z_]+$/.test(code)) return code;
  return code.startsWith('AUTH.') ? 'LICENSE.CREDENTIAL_INVALID' : 'LICENSE.REFUSED_ONLINE';
}
