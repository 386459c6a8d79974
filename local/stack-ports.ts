import { assertPortFree, freePort } from './net';
import { defaultPorts, type PortName } from './ports';

export type StackPorts = Record<PortName, number>;

/**
 * `default`: the documented ports, each overridable by its setting, and each checked free so that a
 * taken port fails with a message naming it. `free`: ports the OS hands out, for tests that run
 * beside a running `npm start`.
 */
export async function resolvePorts(
  mode: 'default' | 'free',
  env: Readonly<Record<string, string | undefined>>,
): Promise<StackPorts> {
  const names = Object.keys(defaultPorts) as PortName[];
  const ports = {} as StackPorts;
  if (mode === 'free') {
    for (const name of names) ports[name] = await freePort();
    return ports;
  }
  const problems: string[] = [];
  for (const name of names) {
    const { port, setting } = defaultPorts[name];
    const raw = env[setting];
    const value = raw === undefined || raw === '' ? port : Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > 65535)
      problems.push(`${setting}=${raw} is not a port`);
    ports[name] = value;
  }
  if (problems.length) throw new Error(problems.join('\n'));
  const taken = await Promise.allSettled(
    names.map((name) => assertPortFree(ports[name], `${name}, setting ${defaultPorts[name].setting}`)),
  );
  const messages = taken.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
  if (messages.length) throw new Error(messages.join('\n'));
  return ports;
}
