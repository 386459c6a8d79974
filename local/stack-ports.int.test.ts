import { readFileSync } from 'node:fs';
/** `npm start` on the documented ports: overridable by settings, and a taken port is named, not stumbled on. */
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, isPortInUse } from './net';
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

describe('freePort', () => {
  it('hands out distinct ports below the kernel ephemeral range, which outgoing connections cannot take', async () => {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    const picked: number[] = [];
    for (let i = 0; i < 40; i++) picked.push(await freePort());
    expect(new Set(picked).size).toBe(picked.length);
    for (const port of picked) {
      expect(port).toBeGreaterThanOrEqual(20000);
      expect(port).toBeLessThan(low ?? 32768);
    }
  });

  it('resolvePorts in free mode gives every part its own port', async () => {
    const ports = Object.values(await resolvePorts('free', {}));
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('recognises a taken port from any part of the stack', () => {
    expect(isPortInUse(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }))).toBe(true);
    expect(isPortInUse(new Error('SERVICEBUS.PORT_IN_USE: port 5672 is already in use'))).toBe(true);
    expect(
      isPortInUse(new Error('Port 7071 (Functions host) is already in use. Stop whatever holds it')),
    ).toBe(true);
    expect(isPortInUse(new Error('COSMOS.CONTAINER_MISSING'))).toBe(false);
  });
});
