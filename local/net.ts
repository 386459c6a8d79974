import { createServer, type Server as NetServer } from 'node:net';

/** A port on 127.0.0.1 that is free right now (the OS picks it). */
export function freePort(): Promise<number> {
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
