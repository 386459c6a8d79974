/**
 * The deployment credential: how a client deployment authenticates to `monitoring` (and `license`,
 * `metadata`). Issued by the licence service together with a licence; only a hash of the secret is stored.
 *
 * Wire format: `Authorization: Deployment <credentialId>.<secret>` where `credentialId` is `dc_` + 22
 * base64url characters and `secret` is 43 base64url characters (32 random bytes). The token shown once to
 * the client is `<credentialId>.<secret>`.
 *
 * Storage: Cosmos container `deployment-credentials`, partition key `/id` (the credential id, so the edge
 * authenticates with one point read). A deployment may hold several credentials at once (rotation: the new
 * one is issued, the old one revoked after the client confirmed). Create records with
 * `issueDeploymentCredential` (shared/domain/deployment-credential/credential.ts) and verify with
 * `checkDeploymentSecret`; never store or log the secret.
 */
import { z } from 'zod';

/** The `Authorization` scheme of deployment credentials. */
export const DEPLOYMENT_AUTH_SCHEME = 'Deployment';

const credentialIdPattern = /^dc_[A-Za-z0-9_-]{22}$/;
const secretPattern = /^[A-Za-z0-9_-]{43}$/;

/** A stored deployment credential (the secret itself is never stored). */
export const deploymentCredentialSchema = z.object({
  /** `dc_…`, also the partition key. */
  id: z.string().regex(credentialIdPattern),
  deploymentId: z.string().min(1).max(100),
  tenantId: z.string().min(1).max(100),
  /** `sha256:<hex>` of the secret (a 256-bit random secret needs no slow hash). */
  secretHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().optional(),
  revokedAt: z.iso.datetime().optional(),
  /** The licence the credential was issued with, when there is one. */
  licenseId: z.string().max(200).optional(),
});
export type DeploymentCredential = z.infer<typeof deploymentCredentialSchema>;

/** The parts of an `Authorization: Deployment <id>.<secret>` header, or undefined when it is not one. */
export function parseDeploymentAuthorization(
  header: string | null | undefined,
): { credentialId: string; secret: string } | undefined {
  if (!header) return undefined;
  const m = /^Deployment[ ]+(dc_[A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(header.trim());
  if (!m?.[1] || !m[2]) return undefined;
  return { credentialId: m[1], secret: m[2] };
}

/** The `Authorization` header value for a credential token (`<credentialId>.<secret>`). */
export function deploymentAuthorization(token: string): string {
  const [id, secret] = token.split('.');
  if (!id || !secret || !credentialIdPattern.test(id) || !secretPattern.test(secret)) {
    throw new Error('Not a deployment credential token');
  }
  return `${DEPLOYMENT_AUTH_SCHEME} ${token}`;
}
