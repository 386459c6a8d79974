import rhea, {
  type Connection,
  type Container,
  type EventContext,
  type Message,
  type Receiver,
  type Sender,
} from 'rhea';
import { batchMessageFormat, parseIncoming, unpackBatch } from './amqp-codec';
import type { EntityRegistry, SendTarget } from './entity-registry';
import { LinkConsumer } from './link-consumer';
import { cbsResponse, managementResponse, runManagementOperation } from './management';

/** rhea fields for the attach frame we answer with; its typings do not declare them. */
interface LinkInternals {
  local: { attach: Record<string, unknown> };
}

const managementSuffix = '/$management';

function isRequestResponse(address: string): boolean {
  return address === '$cbs' || address.toLowerCase().endsWith(managementSuffix);
}

/**
 * Decides what every link attached by a client is: a sender to a queue/topic, a receiver from a
 * queue/subscription/dead-letter queue, or one half of the `$cbs` / `$management` request-response
 * pairs. Unknown entities are refused with `amqp:not-found`, which the SDK reports as
 * MessagingEntityNotFound.
 */
export class LinkRouter {
  /** Per connection: the client's reply links by link name and by target address. */
  private readonly replyLinks = new WeakMap<Connection, Map<string, Sender>>();
  private readonly consumers = new Map<Connection, Set<LinkConsumer>>();

  constructor(
    private readonly registry: EntityRegistry,
    private readonly maxMessageSize: number,
  ) {}

  attach(container: Container): void {
    container.on('sender_open', (ctx: EventContext) => this.onClientReceiver(ctx.sender as Sender));
    container.on('receiver_open', (ctx: EventContext) => this.onClientSender(ctx.receiver as Receiver));
    container.on('connection_close', (ctx: EventContext) => this.dropConnection(ctx.connection));
    container.on('disconnected', (ctx: EventContext) => this.dropConnection(ctx.connection));
    // Errors a client reports on its own links or connection need no action from the broker; without
    // a listener rhea would throw them.
    container.on('error', () => {});
  }

  private echoTerminus(link: Sender | Receiver): void {
    if (link.source) link.set_source(link.source);
    if (link.target) link.set_target(link.target);
  }

  private refuse(link: Sender | Receiver, address: string): void {
    link.close({
      condition: 'amqp:not-found',
      description: `The messaging entity '${address}' could not be found.`,
    });
  }

  /** The client attached a receiver: we send on this link. */
  private onClientReceiver(sender: Sender): void {
    const address = String(sender.source?.address ?? '');
    if (isRequestResponse(address)) {
      this.echoTerminus(sender);
      const links = this.replyLinks.get(sender.connection) ?? new Map<string, Sender>();
      this.replyLinks.set(sender.connection, links);
      const keys = [sender.name, sender.target?.address].filter((k) => k !== undefined).map(String);
      for (const k of keys) links.set(k, sender);
      sender.on('sender_close', () => {
        for (const k of keys) if (links.get(k) === sender) links.delete(k);
      });
      return;
    }
    const queue = this.registry.receiveSource(address);
    if (!queue) {
      this.refuse(sender, address);
      return;
    }
    const filter = (sender.source as { filter?: Record<string, unknown> } | undefined)?.filter;
    if (filter && 'com.microsoft:session-filter' in filter) {
      sender.close({
        condition: 'amqp:not-implemented',
        description: 'The local broker does not support message sessions.',
      });
      return;
    }
    this.echoTerminus(sender);
    const attach = (sender as unknown as LinkInternals).local.attach;
    attach.snd_settle_mode = sender.snd_settle_mode;
    attach.rcv_settle_mode = sender.rcv_settle_mode;
    attach.max_message_size = this.maxMessageSize;
    const consumer = new LinkConsumer(sender, queue);
    const set = this.consumers.get(sender.connection) ?? new Set<LinkConsumer>();
    this.consumers.set(sender.connection, set);
    set.add(consumer);
    const detach = () => {
      queue.removeConsumer(consumer);
      set.delete(consumer);
    };
    sender.on('sender_close', detach);
    sender.on('sender_error', detach);
    queue.addConsumer(consumer);
  }

  /** The client attached a sender: we receive on this link. */
  private onClientSender(receiver: Receiver): void {
    const address = String(receiver.target?.address ?? '');
    (receiver as unknown as LinkInternals).local.attach.max_message_size = this.maxMessageSize;
    if (isRequestResponse(address)) {
      this.echoTerminus(receiver);
      const path = address === '$cbs' ? undefined : address.slice(0, -managementSuffix.length);
      receiver.on('message', (ctx: EventContext) => this.onRequest(ctx, path));
      return;
    }
    const target = this.registry.sendTarget(address);
    if (!target) {
      this.refuse(receiver, address);
      return;
    }
    this.echoTerminus(receiver);
    receiver.on('message', (ctx: EventContext) => this.onEntityMessage(ctx, target));
  }

  private onEntityMessage(ctx: EventContext, target: SendTarget): void {
    const delivery = ctx.delivery;
    if (!delivery) return;
    const format = (ctx as { format?: number }).format ?? 0;
    try {
      let payloads: Buffer[];
      if (format === batchMessageFormat) payloads = unpackBatch(ctx.message as unknown as Buffer);
      else if (format === 0) payloads = [rhea.message.encode(ctx.message as Message)];
      else throw new Error(`unsupported message format ${format}`);
      const size = payloads.reduce((n, p) => n + p.length, 0);
      if (size > this.maxMessageSize) {
        delivery.reject({
          condition: 'amqp:link:message-size-exceeded',
          description: `The message (${size} bytes) exceeds the limit of ${this.maxMessageSize} bytes.`,
        });
        return;
      }
      // Parse everything first so a bad message in a batch accepts none of it.
      const parsed = payloads.map(parseIncoming);
      for (const p of parsed) target.accept(p);
      delivery.accept();
    } catch (err) {
      delivery.reject({ condition: 'amqp:decode-error', description: (err as Error).message });
    }
  }

  private onRequest(ctx: EventContext, managementPath: string | undefined): void {
    const request = ctx.message as Message;
    ctx.delivery?.accept();
    let response: Message;
    if (managementPath === undefined) response = cbsResponse(request);
    else {
      try {
        response = managementResponse(
          request,
          runManagementOperation(this.registry, managementPath, request),
        );
      } catch (err) {
        response = managementResponse(request, {
          status: 500,
          condition: 'amqp:internal-error',
          description: (err as Error).message,
        });
      }
    }
    const replyTo = request.reply_to === undefined ? undefined : String(request.reply_to);
    const reply = replyTo ? this.replyLinks.get(ctx.connection)?.get(replyTo) : undefined;
    if (reply?.is_open()) reply.send(response);
  }

  private dropConnection(connection: Connection): void {
    const set = this.consumers.get(connection);
    if (!set) return;
    for (const c of set) c.queue.removeConsumer(c);
    this.consumers.delete(connection);
  }
}
