import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningIssuer, startIssuer } from '../../../local/identity/issuer';
import { seededUsers } from '../../../local/identity/users';
import { freePort } from '../../../local/net';
import { createBearerVerifier } from './verify-bearer';

let issuer: RunningIssuer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kpi-issuer-'));
  issuer = await startIssuer({
    port: await freePort(),
    dataDir,
    users: seededUsers,
    audience: 'api://kpi-platform',
  });
});

afterAll(async () => {
  await issuer?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('verifyBearer against the local issuer (discovery + remote JWKS)', () => {
  it('verifies seeded users and maps tenant and roles', async () => {
    const verifier = createBearerVerifier({ issuer: issuer.issuer, audience: 'api://kpi-platform' });
    const eddie = await verifier.verifyBearer(await issuer.signToken('eddie@contoso.example'));
    expect(eddie).toMatchObject({ tenantId: 'contoso', roles: ['editor'], isPlatformStaff: false });
    const ada = await verifier.verifyBearer(await issuer.signToken('ada@vendor.example'));
    expect(ada).toMatchObject({ roles: ['platform-admin'], isPlatformStaff: true });
    expect(ada.tenantId).toBeUndefined();
  });

  it('rejects a token for another audience', async () => {
    const verifier = createBearerVerifier({ issuer: issuer.issuer, audience: 'api://kpi-platform' });
    const token = await issuer.signToken('eddie@contoso.example', { audience: 'api://other' });
    await expect(verifier.verifyBearer(token)).rejects.toMatchObject({
      code: 'AUTH.TOKEN_INVALID',
      httpStatus: 401,
    });
  });

  it('answers 503 when the issuer cannot be reached, and recovers later', async () => {
    const port = await freePort();
    const verifier = createBearerVerifier({
      issuer: `http://127.0.0.1:${port}`,
      audience: 'api://kpi-platform',
    });
    await expect(verifier.verifyBearer('a.b.c')).rejects.toMatchObject({ httpStatus: 503 });
    // Discovery is retried on the next request once the issuer is up (the failure is not cached).
    const late = await startIssuer({ port, dataDir: join(dataDir, 'late'), users: seededUsers });
    try {
      const caller = await verifier.verifyBearer(await late.signToken('vera@contoso.example'));
      expect(caller.roles).toEqual(['viewer']);
    } finally {
      await late.stop();
    }
  });
});
