import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server as NetServer } from 'node:net';

/**
 * The kernel's ephemeral range: where it picks local ports for outgoing connections and for
 * `listen(0)`. Linux publishes it; elsewhere the Linux default is a safe guess (macOS starts higher).
 */
function ephemeralLow(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const value = Number(low);
    if (Number.isInteger(value) && value > 1024) return value;
  } catch {
    // not Linux
  }
  return 32768;
}

/** Lowest port freePort hands out: above every documented default of `npm start` (ports.ts). */
const pickFloor = 20000;
/** Ports this process already handed out, so two parts of one stack never get the same one. */
const handedOut = new Set<number>();

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function osPickedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A port on 127.0.0.1 that is free right now, for a server that binds it a moment later.
 * It is drawn at random from *below* the kernel's ephemeral range. Between this check and the real
 * bind a stack makes hundreds of outgoing connections, and each takes a local port from that range;
 * an OS-picked port (`listen(0)`) could be taken by one of them, and in CI it once was.
 * Below the range only another caller of this function can collide, and startStack retries then.
 */
export async function freePort(): Promise<number> {
  const ceiling = ephemeralLow() - 1;
  if (ceiling - pickFloor < 1000) return osPickedPort();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = randomInt(pickFloor, ceiling + 1);
    if (handedOut.has(port)) continue;
    if (await canBind(port)) {
      handedOut.add(port);
      return port;
    }
  }
  return osPickedPort();
}

/** True for a bind failure because the port is taken, whichever part reported it. */
export function isPortInUse(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  if (e?.code === 'EADDRINUSE') return true;
  return typeof e?.message === 'string' && /EADDRINUSE|already in use|PORT_IN_USE/.test(e.message);
}

/** Resolves when `port` can be bound on 127.0.0.1; rejects with a message naming who asked for it otherwise. */
export function assertPortFree(port: number, purpose: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `Port ${port} (${purpose}) is already in use. Stop whatever holds it or choose another port with its setting.`
            : `Port ${port} (${purpose}) cannot be bound: ${err.message}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Something the local stack started and must stop on shutdown. */
export interface Stoppable {
  stop(): Promise<void>;
}

/**
 * Listens on 127.0.0.1:`port` (0 lets the OS pick) and resolves with the bound port; a bind error
 * (EADDRINUSE) rejects instead of being thrown later as an unhandled 'error' event.
 */
export function listenLocal(
  server: Pick<NetServer, 'once' | 'off' | 'listen' | 'address'>,
  port: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
