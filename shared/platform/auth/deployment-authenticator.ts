/**
 * Authenticates client deployments (`roles: 'deployment'` routes) with their deployment credential
 * (shared/contracts/deployment-credential.ts): one point read of the credential record, a constant-time
 * hash comparison, revocation and expiry checks. Verified credentials are remembered for a short time so a
 * fleet's heartbeats do not each cost a read; a revocation takes effect within `CACHE_MS`.
 */
import type { HttpRequest } from '@azure/functions';
import {
  type DeploymentCredential,
  parseDeploymentAuthorization,
} from '../../contracts/deployment-credential';
import { checkDeploymentSecret, hashDeploymentSecret } from '../../domain/deployment-credential/credential';
import { whileAvailable } from '../availability';
import { ErrorCodes, unauthorized } from '../errors';
import type { DeploymentAuthenticator } from '../http/edge-config';
import type { Logger } from '../log';
import type { DeploymentCaller } from './caller';

export const CACHE_MS = 60_000;
const MAX_CACHED = 10_000;

/** Reads a credential record by id (a point read). */
export type CredentialLookup = (credentialId: string) => Promise<DeploymentCredential | undefined>;

/** A `DeploymentAuthenticator` over a credential lookup. */
export function createDeploymentAuthenticator(
  lookup: CredentialLookup,
  clock: () => number = Date.now,
): DeploymentAuthenticator {
  const cache = new Map<string, { at: number; secretHash: string; record: DeploymentCredential }>();
  return async (request: HttpRequest, log: Logger): Promise<DeploymentCaller> => {
    const header = request.headers.get('authorization');
    if (!header) throw unauthorized(ErrorCodes.tokenMissing, 'A deployment credential is required');
    const parsed = parseDeploymentAuthorization(header);
    if (!parsed)
      throw unauthorized(ErrorCodes.tokenInvalid, 'The Authorization header is not a deployment credential');
    const now = clock();
    let record: DeploymentCredential | undefined;
    const hit = cache.get(parsed.credentialId);
    if (hit && now - hit.at < CACHE_MS && hit.secretHash === hashDeploymentSecret(parsed.secret)) {
      record = hit.record;
    } else {
      record = await whileAvailable(() => lookup(parsed.credentialId));
    }
    const verdict = record ? checkDeploymentSecret(record, parsed.secret, new Date(now)) : 'mismatch';
    if (!record || verdict !== 'ok') {
      cache.delete(parsed.credentialId);
      log.warn('deployment credential refused', { credentialId: parsed.credentialId, verdict });
      throw unauthorized(ErrorCodes.tokenInvalid, 'The deployment credential is not valid');
    }
    if (!hit || hit.record !== record) {
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(parsed.credentialId, { at: now, secretHash: record.secretHash, record });
    }
    return { kind: 'deployment', deploymentId: record.deploymentId, tenantId: record.tenantId };
  };
}
