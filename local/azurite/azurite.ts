import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import BlobConfiguration from 'azurite/dist/src/blob/BlobConfiguration';
import BlobServer from 'azurite/dist/src/blob/BlobServer';
import type { IAzuriteAccount } from 'azurite/dist/src/common/AccountDataStore';
import type ServerBase from 'azurite/dist/src/common/ServerBase';
import QueueConfiguration from 'azurite/dist/src/queue/QueueConfiguration';
import QueueServer from 'azurite/dist/src/queue/QueueServer';
import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';
import TableServer from 'azurite/dist/src/table/TableServer';

/** The well-known development account every Azurite serves. */
export const devAccountName = 'devstoreaccount1';
/** The well-known (public) key of the development account. */
export const devAccountKey =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const host = '127.0.0.1';
const keepAliveSeconds = 5;
const writeConcurrency = 50;

export interface AzuriteOptions {
  /** Folder for metadata databases and payload extents; survives restarts. */
  dataDir: string;
  blobPort: number;
  queuePort: number;
  tablePort: number;
  /** More storage accounts besides devstoreaccount1: name → base64 key. */
  extraAccounts?: Record<string, string>;
}

/** One storage account served by the running Azurite. */
export interface AzuriteAccount {
  accountName: string;
  accountKey: string;
  connectionString: string;
  /** `http://127.0.0.1:<blobPort>/<account>` */
  blobEndpoint: string;
}

export interface RunningAzurite {
  blobPort: number;
  queuePort: number;
  tablePort: number;
  /** Connection string of devstoreaccount1. */
  connectionString: string;
  accountName: string;
  accountKey: string;
  /** Every account served, devstoreaccount1 included, by name. */
  accounts: Record<string, AzuriteAccount>;
  stop(): Promise<void>;
}

/** Azurite connection string for `accountName` with path-style endpoints on 127.0.0.1. */
export function azuriteConnectionString(
  accountName: string,
  accountKey: string,
  ports: { blobPort: number; queuePort: number; tablePort: number },
): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${accountName}`,
    `AccountKey=${accountKey}`,
    `BlobEndpoint=http://${host}:${ports.blobPort}/${accountName}`,
    `QueueEndpoint=http://${host}:${ports.queuePort}/${accountName}`,
    `TableEndpoint=http://${host}:${ports.tablePort}/${accountName}`,
    '',
  ].join(';');
}

/**
 * Starts Azurite's blob, queue and table servers in this process (loose mode, no API version check,
 * no telemetry, silent), persisting under `dataDir`.
 *
 * Accounts: Azurite itself reads `AZURITE_ACCOUNTS` from process.env on start and every 60 s, and
 * when that variable is set it serves ONLY the accounts listed (devstoreaccount1 disappears unless
 * listed). Setting a process-wide variable would leak into everything else in this process, so each
 * server's account store is given our fixed list instead: devstoreaccount1 plus `extraAccounts`.
 */
export async function startAzurite(options: AzuriteOptions): Promise<RunningAzurite> {
  const { dataDir, blobPort, queuePort, tablePort } = options;
  await mkdir(dataDir, { recursive: true });
  const keys: Record<string, string> = { [devAccountName]: devAccountKey, ...options.extraAccounts };
  const accountTable: Record<string, IAzuriteAccount> = {};
  for (const [name, key] of Object.entries(keys)) {
    if (!/^[a-z0-9]{3,24}$/.test(name))
      throw new Error(`AZURITE.ACCOUNT_NAME: invalid account name "${name}"`);
    accountTable[name] = { name, key1: Buffer.from(key, 'base64') };
  }

  const extents = (folder: string) => [
    { locationId: 'Default', locationPath: join(dataDir, folder), maxConcurrency: writeConcurrency },
  ];
  // Positional arguments mirror azurite.js (the CLI entry): access log off (silent), debug log off.
  const blob = new BlobServer(
    new BlobConfiguration(
      host,
      blobPort,
      keepAliveSeconds,
      join(dataDir, '__azurite_db_blob__.json'),
      join(dataDir, '__azurite_db_blob_extent__.json'),
      extents('__blobstorage__'),
      false,
      undefined,
      false,
      undefined,
      true,
      true,
    ),
  );
  const queue = new QueueServer(
    new QueueConfiguration(
      host,
      queuePort,
      keepAliveSeconds,
      join(dataDir, '__azurite_db_queue__.json'),
      join(dataDir, '__azurite_db_queue_extent__.json'),
      extents('__queuestorage__'),
      false,
      undefined,
      false,
      undefined,
      true,
      true,
    ),
  );
  const table = new TableServer(
    new TableConfiguration(
      host,
      tablePort,
      keepAliveSeconds,
      join(dataDir, '__azurite_db_table__.json'),
      false,
      false,
      undefined,
      undefined,
      true,
      true,
    ),
  );

  const servers: ServerBase[] = [blob, queue, table];
  for (const server of servers) {
    const store = server.accountDataStore;
    if (!store) throw new Error('AZURITE.INTERNALS: server has no account store (Azurite version changed?)');
    store.refresh = () => {
      store.accounts = accountTable;
    };
  }

  const started: ServerBase[] = [];
  const stopAll = async () => {
    for (const server of started.splice(0)) {
      const closed = waitClosed(server.httpServer);
      await server.close();
      await closed;
    }
  };
  try {
    for (const server of servers) {
      await server.start();
      started.push(server);
    }
  } catch (err) {
    await stopAll();
    throw err;
  }

  // Port 0 means "any free port": report the ones actually bound.
  const ports = { blobPort: boundPort(blob), queuePort: boundPort(queue), tablePort: boundPort(table) };
  const blobEndpointBase = `http://${host}:${ports.blobPort}`;
  const accounts: Record<string, AzuriteAccount> = {};
  for (const [accountName, accountKey] of Object.entries(keys)) {
    accounts[accountName] = {
      accountName,
      accountKey,
      connectionString: azuriteConnectionString(accountName, accountKey, ports),
      blobEndpoint: `${blobEndpointBase}/${accountName}`,
    };
  }
  return {
    ...ports,
    connectionString: azuriteConnectionString(devAccountName, devAccountKey, ports),
    accountName: devAccountName,
    accountKey: devAccountKey,
    accounts,
    stop: stopAll,
  };
}

function boundPort(server: ServerBase): number {
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('AZURITE.NOT_LISTENING');
  return address.port;
}

/** Azurite's close() calls stoppable's stop() without waiting; wait for the port to be released. */
function waitClosed(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.once('close', () => resolve());
  });
}
