import type { Server, Socket } from 'node:net';
import rhea, { type Connection } from 'rhea';
import { type EntitiesDeclaration, loadEntities } from './entities';
import { EntityRegistry } from './entity-registry';
import { Journal } from './journal';
import { LinkRouter } from './link-router';

export type { EntitiesDeclaration } from './entities';
export { loadEntities };

/** Options of the local Service Bus broker. */
export interface BrokerOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  host?: '127.0.0.1';
  /** Folder for the message journal; without it, messages live in memory only. */
  dataDir?: string;
  entities: EntitiesDeclaration;
  /** Largest message (or batch) accepted; Azure Standard tier allows 256 KB. */
  maxMessageSizeBytes?: number;
}

/** A running broker. */
export interface RunningBroker {
  port: number;
  /** What the `SERVICEBUS` setting holds locally. */
  connectionString: string;
  stop(): Promise<void>;
}

const standardTierMaxMessageSize = 256 * 1024;
// Time given to clients to answer the AMQP close before their sockets are cut.
const closeGraceMs = 200;

/** Connection string for the broker at `port`, in the form the SDK uses for the Service Bus emulator. */
export function brokerConnectionString(port: number): string {
  return `Endpoint=sb://127.0.0.1:${port};SharedAccessKeyName=x;SharedAccessKey=y;UseDevelopmentEmulator=true`;
}

/**
 * Starts an AMQP 1.0 broker that `@azure/service-bus` talks to unchanged (plain TCP, emulator
 * connection string): queues, topics with subscriptions, dead-letter queues, peek-lock and
 * receive-and-delete, scheduled messages, and the `$cbs` / `$management` operations the SDK uses.
 * Messages survive restarts when `dataDir` is given.
 */
export async function startBroker(o: BrokerOptions): Promise<RunningBroker> {
  const host = o.host ?? '127.0.0.1';
  const { journal, state } = Journal.open(o.dataDir);
  const registry = new EntityRegistry(o.entities, journal);
  registry.restore(state);
  journal.compact(); // start from a snapshot: replay cost stays proportional to live data

  const container = rhea.create_container({
    id: 'kpi-local-servicebus',
    autoaccept: false,
    treat_modified_as_released: false,
  });
  new LinkRouter(registry, o.maxMessageSizeBytes ?? standardTierMaxMessageSize).attach(container);

  const connections = new Set<Connection>();
  container.on('connection_open', (ctx) => connections.add(ctx.connection));
  container.on('disconnected', (ctx) => connections.delete(ctx.connection));

  const server = container.listen({ port: o.port, host }) as unknown as Server;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `SERVICEBUS.PORT_IN_USE: port ${o.port} is already in use`
            : `SERVICEBUS.LISTEN_FAILED: ${err.message}`,
        ),
      ),
    );
  }).catch((err) => {
    registry.close();
    journal.close();
    throw err;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;

  let stopped: Promise<void> | undefined;
  const stop = async () => {
    for (const c of connections) {
      try {
        c.close({ condition: 'amqp:connection:forced', description: 'The local broker is stopping.' });
      } catch {
        // already closing
      }
    }
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const deadline = Date.now() + closeGraceMs;
    while (sockets.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const s of sockets) s.destroy();
    await closed;
    registry.close();
    journal.close();
  };
  return {
    port,
    connectionString: brokerConnectionString(port),
    stop: () => {
      stopped ??= stop();
      return stopped;
    },
  };
}
