/**
 * Issuing and checking deployment credentials (contract: shared/contracts/deployment-credential.ts).
 * Pure apart from randomness and hashing from `node:crypto`; storage is the caller's concern.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DeploymentCredential } from '../../contracts/deployment-credential';

/** `sha256:<hex>` of a secret. */
export function hashDeploymentSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('hex')}`;
}

/**
 * A new credential: the record to store and the token to hand to the client once (`<id>.<secret>`).
 * `random` is injectable for deterministic tests.
 */
export function issueDeploymentCredential(
  input: { deploymentId: string; tenantId: string; now: Date; expiresAt?: Date; licenseId?: string },
  random: (bytes: number) => Buffer = randomBytes,
): { record: DeploymentCredential; token: string } {
  const id = `dc_${random(16).toString('base64url').slice(0, 22)}`;
  const secret = random(32).toString('base64url');
  const record: DeploymentCredential = {
    id,
    deploymentId: input.deploymentId,
    tenantId: input.tenantId,
    secretHash: hashDeploymentSecret(secret),
    createdAt: input.now.toISOString(),
    ...(input.expiresAt ? { expiresAt: input.expiresAt.toISOString() } : {}),
    ...(input.licenseId ? { licenseId: input.licenseId } : {}),
  };
  return { record, token: `${id}.${secret}` };
}

/** Why a presented secret was refused, or `ok`. */
export type CredentialCheck = 'ok' | 'mismatch' | 'revoked' | 'expired';

/** Compares in constant time, then checks revocation and expiry at `now`. */
export function checkDeploymentSecret(
  record: DeploymentCredential,
  secret: string,
  now: Date,
): CredentialCheck {
  const expected = Buffer.from(record.secretHash, 'utf8');
  const actual = Buffer.from(hashDeploymentSecret(secret), 'utf8');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'mismatch';
  if (record.revokedAt && Date.parse(record.revokedAt) <= now.getTime()) return 'revoked';
  if (record.expiresAt && Date.parse(record.expiresAt) <= now.getTime()) return 'expired';
  return 'ok';
}
