/**
 * A PostgreSQL server for benchmarks in its own process, as a client's database server would be: PGlite
 * over TCP (local/demo-sources/pglite-server). Usage: `node --import tsx bench/servers/pglite-server.ts <port>`;
 * prints `ready <port>` once listening.
 */
import { startPglite } from '../../local/demo-sources/pglite-server';

const port = Number(process.argv[2]);
void startPglite({ port }).then(() => console.log(`ready ${port}`));
