/**
 * A real PostgreSQL (PGlite, WASM) served over TCP by pglite-socket: plain `pg` clients connect to it as
 * to any server (LOCAL-EMULATION.md). `dataDir` persists the database; without it, it lives in memory.
 * PGlite accepts any user and password and does not speak TLS: tests of those paths use real errors
 * from the driver elsewhere.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface RunningPglite {
  db: PGlite;
  host: string;
  port: number;
  stop(): Promise<void>;
}

export async function startPglite(options: {
  port: number;
  dataDir?: string;
  host?: string;
}): Promise<RunningPglite> {
  const host = options.host ?? '127.0.0.1';
  // PGlite makes its own folder but not the folders above it (a fresh .data has none).
  if (options.dataDir) await mkdir(dirname(options.dataDir), { recursive: true });
  const db = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
  const server = new PGLiteSocketServer({ db, port: options.port, host, maxConnections: 8 });
  await server.start();
  return {
    db,
    host,
    port: options.port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
