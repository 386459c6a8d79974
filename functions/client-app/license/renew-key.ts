/**
 * A tenant admin pastes a renewed key: verified offline first (a refused key changes nothing and answers
 * 422 with its `LICENSE.*` code), stored as the Key Vault secret `license-key`, validated online at once,
 * and in force without a restart: this instance reloads now, the others within `RELOAD_AFTER_MS`.
 */
import { AppError } from '@kpi/shared/platform/errors';
import { type ClientDeps, SECRETS } from './client-deps';
import type { LicenseRuntime } from './license-runtime';

export async function installKey(
  deps: ClientDeps,
  runtime: LicenseRuntime,
  key: string,
  by: string,
): Promise<void> {
  const now = deps.clock();
  const verdict = deps.verifier.verify(key, {
    now,
    lastSeen: await deps.lastSeen.read(),
    expectedTenantId: deps.tenantId,
  });
  if (verdict.kind === 'refuse') {
    throw new AppError(verdict.reason, verdict.message, 422, {
      state: 'refused',
      daysLeft: 0,
      reasonCode: verdict.reason,
    });
  }
  await deps.secrets.set(SECRETS.licenseKey, key);
  await deps.history.append({
    id: deps.newId(),
    at: now.toISOString(),
    kind: 'key-installed',
    outcome: verdict.kind,
    keyId: verdict.claims.jti,
    message: `installed by ${by}`,
    trigger: 'key-pasted',
    daysLeft: verdict.kind === 'full' ? verdict.daysLeft : verdict.graceDaysLeft,
  });
  await runtime.sync({ trigger: 'key-pasted', forceValidation: true });
}
