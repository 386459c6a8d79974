import { HttpRequest } from '@azure/functions';
import { deploymentAuthorization } from '@kpi/shared/contracts/deployment-credential';
import { issueDeploymentCredential } from '@kpi/shared/domain/deployment-credential/credential';
import { createLogger } from '@kpi/shared/platform/log';
import { describe, expect, it } from 'vitest';
import { createDeploymentAuthenticator } from './deployment-authenticator';

const now = new Date('2026-11-26T10:00:00Z');
const log = createLogger({}, () => {});
const request = (authorization?: string) =>
  new HttpRequest({
    url: 'http://localhost/api/monitoring/heartbeats',
    method: 'POST',
    headers: authorization ? { authorization } : {},
  });

function setup() {
  const issued = issueDeploymentCredential({ deploymentId: 'contoso-prod', tenantId: 'contoso', now });
  const store = new Map([[issued.record.id, issued.record]]);
  let reads = 0;
  let clock = now.getTime();
  const auth = createDeploymentAuthenticator(
    async (id) => {
      reads++;
      return store.get(id);
    },
    () => clock,
  );
  return { issued, store, auth, reads: () => reads, advance: (ms: number) => (clock += ms) };
}

describe('deployment authenticator', () => {
  it('accepts a valid credential and names the deployment and tenant', async () => {
    const { issued, auth } = setup();
    const caller = await auth(request(deploymentAuthorization(issued.token)), log);
    expect(caller).toEqual({ kind: 'deployment', deploymentId: 'contoso-prod', tenantId: 'contoso' });
  });

  it('refuses a missing header, another scheme, an unknown id and a wrong secret with 401', async () => {
    const { issued, auth } = setup();
    await expect(auth(request(), log)).rejects.toMatchObject({ httpStatus: 401, code: 'AUTH.TOKEN_MISSING' });
    await expect(auth(request('Bearer x'), log)).rejects.toMatchObject({ httpStatus: 401 });
    const other = issueDeploymentCredential({ deploymentId: 'x', tenantId: 'y', now }).token;
    await expect(auth(request(deploymentAuthorization(other)), log)).rejects.toMatchObject({
      httpStatus: 401,
    });
    const wrongSecret = `${issued.record.id}.${other.split('.')[1]}`;
    await expect(auth(request(deploymentAuthorization(wrongSecret)), log)).rejects.toMatchObject({
      code: 'AUTH.TOKEN_INVALID',
    });
  });

  it('caches a verified credential for a minute, then sees a revocation', async () => {
    const { issued, store, auth, reads, advance } = setup();
    const header = deploymentAuthorization(issued.token);
    await auth(request(header), log);
    await auth(request(header), log);
    expect(reads()).toBe(1);
    store.set(issued.record.id, { ...issued.record, revokedAt: now.toISOString() });
    advance(61_000);
    await expect(auth(request(header), log)).rejects.toMatchObject({ httpStatus: 401 });
  });

  it('a lookup that cannot reach the store is 503 with Retry-After', async () => {
    const auth = createDeploymentAuthenticator(async () => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    const { token } = issueDeploymentCredential({ deploymentId: 'd', tenantId: 't', now });
    await expect(auth(request(deploymentAuthorization(token)), log)).rejects.toMatchObject({
      httpStatus: 503,
      headers: { 'retry-after': '15' },
    });
  });
});
