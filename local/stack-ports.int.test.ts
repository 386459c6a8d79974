/** `npm start` on the documented ports: overridable by settings, and a taken port is named, not stumbled on. */
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './net';
import { resolvePorts } from './stack-ports';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** Free ports for every setting, so the test never depends on the documented defaults being free. */
async function freeEnv(): Promise<Record<string, string>> {
  const names = [
    'LOCAL_BLOB_PORT',
    'LOCAL_QUEUE_PORT',
    'LOCAL_TABLE_PORT',
    'LOCAL_COSMOS_PORT',
    'LOCAL_SERVICEBUS_PORT',
    'LOCAL_EMAIL_PORT',
    'LOCAL_IDENTITY_PORT',
    'LOCAL_FUNCTIONS_PORT',
    'LOCAL_WEB_CONFIG_PORT',
    'LOCAL_WEB_MONITOR_PORT',
    'LOCAL_WEB_CLIENT_PORT',
  ];
  const env: Record<string, string> = {};
  for (const name of names) env[name] = String(await freePort());
  return env;
}

describe('resolvePorts', () => {
  it('takes each port from its setting', async () => {
    const env = await freeEnv();
    const ports = await resolvePorts('default', env);
    expect(ports.functions).toBe(Number(env.LOCAL_FUNCTIONS_PORT));
    expect(ports.cosmos).toBe(Number(env.LOCAL_COSMOS_PORT));
  });

  it('fails with a message naming the taken port and its setting', async () => {
    const env = await freeEnv();
    const taken = Number(env.LOCAL_COSMOS_PORT);
    const server = createServer();
    servers.push(server);
    await new Promise<void>((r) => server.listen(taken, '127.0.0.1', r));
    await expect(resolvePorts('default', env)).rejects.toThrow(
      new RegExp(`Port ${taken} \\(cosmos, setting LOCAL_COSMOS_PORT\\) is already in use`),
    );
  });

  it('refuses a setting that is not a port', async () => {
    const env = { ...(await freeEnv()), LOCAL_EMAIL_PORT: 'seventy' };
    await expect(resolvePorts('default', env)).rejects.toThrow(/LOCAL_EMAIL_PORT=seventy is not a port/);
  });
});
