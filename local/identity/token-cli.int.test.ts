import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../net';
import { type RunningIssuer, startIssuer } from './issuer';
import { seededUsers } from './users';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '..', '..');
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const cli = join(repoRoot, 'local', 'identity', 'token-cli.ts');

describe('npm run token (token-cli.ts)', () => {
  let dataDir: string;
  let port: number;
  const env = () => ({ ...process.env, LOCAL_DATA_DIR: dataDir, LOCAL_IDENTITY_PORT: String(port) });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kpi-token-cli-'));
    port = await freePort();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints a token without the issuer running, which the issuer started later accepts', async () => {
    // No key yet: the CLI creates it where the issuer will look for it.
    const { stdout } = await run(tsx, [cli, 'olivia@contoso.example'], { env: env() });
    const token = stdout.trim();
    let issuer: RunningIssuer | undefined;
    try {
      issuer = await startIssuer({ port, dataDir: join(dataDir, 'identity'), users: seededUsers });
      const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(issuer.jwksUri)), {
        issuer: `http://127.0.0.1:${port}`,
        audience: 'api://kpi-platform',
      });
      expect(payload).toMatchObject({ email: 'olivia@contoso.example', tid: 'contoso', roles: ['owner'] });
    } finally {
      await issuer?.stop();
    }
  });

  it('exits 2 for an unknown user and lists the seeded users', async () => {
    const failed = await run(tsx, [cli, 'mallory@example.com'], { env: env() }).catch((err) => err);
    expect(failed.code).toBe(2);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toContain('IDENTITY.UNKNOWN_USER');
    for (const u of seededUsers) expect(failed.stderr).toContain(u.email);
  });
});
