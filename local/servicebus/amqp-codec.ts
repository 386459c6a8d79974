import rhea, { type Typed } from 'rhea';
import type { StoredMessage } from './stored-message';

/**
 * Byte-level handling of AMQP messages. The broker keeps what a client sent (properties,
 * application properties, body) as the exact bytes it received, and only rewrites the parts Service
 * Bus itself owns (header, message annotations), so nothing is lost to a decode/encode round trip.
 */

interface ReaderLike {
  position: number;
  read(): Typed & { descriptor?: Typed };
  remaining(): number;
}
interface WriterLike {
  write(o: unknown): void;
  toBuffer(): Buffer;
}
interface AmqpTypes {
  Reader: new (buffer: Buffer) => ReaderLike;
  Writer: new () => WriterLike;
  wrap_ulong(n: number): Typed;
  wrap_long(n: number): Typed;
  wrap_int(n: number): Typed;
  wrap_string(s: string): Typed;
  wrap_symbol(s: string): Typed;
  wrap_timestamp(n: number): Typed;
  List32(items: Typed[]): Typed;
  Map32(items: Typed[]): Typed;
  wrap(o: unknown): Typed;
  described(descriptor: Typed, value: Typed): Typed;
  unwrap(o: unknown): unknown;
}
interface MessageModule {
  header(fields: object): { described(): Typed };
  decode(buffer: Buffer): Record<string, unknown>;
}

const types = rhea.types as unknown as AmqpTypes;
const messageModule = rhea.message as unknown as MessageModule;

/** The Service Bus batch format: a message whose data sections are each one encoded message. */
export const batchMessageFormat = 0x80013700;

const sectionCodes: Record<string, number> = {
  'amqp:header:list': 0x70,
  'amqp:delivery-annotations:map': 0x71,
  'amqp:message-annotations:map': 0x72,
  'amqp:properties:list': 0x73,
  'amqp:application-properties:map': 0x74,
  'amqp:data:binary': 0x75,
  'amqp:amqp-sequence:list': 0x76,
  'amqp:value:*': 0x77,
  'amqp:footer:map': 0x78,
};

interface Section {
  code: number;
  raw: Buffer;
  typed: Typed & { descriptor?: Typed };
}

function readSections(buffer: Buffer): Section[] {
  const reader = new types.Reader(buffer);
  const sections: Section[] = [];
  while (reader.remaining()) {
    const start = reader.position;
    const typed = reader.read();
    const descriptor = typed.descriptor?.value as unknown;
    const code = typeof descriptor === 'string' ? (sectionCodes[descriptor] ?? -1) : Number(descriptor);
    if (!(code >= 0x70 && code <= 0x78))
      throw new Error(`SERVICEBUS.BAD_MESSAGE: unknown section ${descriptor}`);
    sections.push({ code, raw: buffer.subarray(start, reader.position), typed });
  }
  return sections;
}

function encode(...values: Typed[]): Buffer {
  const writer = new types.Writer();
  for (const v of values) writer.write(v);
  return writer.toBuffer();
}

/** Header fields a sender may set; delivery-count is the broker's. */
export interface HeaderFields {
  durable?: boolean;
  priority?: number;
  ttl?: number;
}

/** A message as a sender sent it, split into the parts the broker keeps. */
export interface IncomingMessage {
  header: HeaderFields;
  /** Raw message-annotations section, if any. */
  annotations?: Buffer;
  /** Raw properties, application-properties, body and footer sections. */
  bare: Buffer;
  messageId: string;
  /** `x-opt-scheduled-enqueue-time`, ms since epoch. */
  scheduledAt?: number;
}

/** Splits an encoded message; gives it a message id when it has none (as Service Bus does). */
export function parseIncoming(buffer: Buffer): IncomingMessage {
  const sections = readSections(buffer);
  const out: IncomingMessage = { header: {}, bare: Buffer.alloc(0), messageId: '' };
  const bare: Buffer[] = [];
  let hasProperties = false;
  for (const s of sections) {
    if (s.code === 0x70) {
      const h = messageModule.decode(s.raw);
      out.header = { durable: h.durable as boolean, priority: h.priority as number, ttl: h.ttl as number };
    } else if (s.code === 0x72) {
      out.annotations = Buffer.from(s.raw);
      const ann = types.unwrap(s.typed) as Record<string, unknown>;
      const when = ann['x-opt-scheduled-enqueue-time'];
      if (when instanceof Date || typeof when === 'number') out.scheduledAt = Number(when);
    } else if (s.code === 0x73) {
      hasProperties = true;
      const fields = s.typed.value as Typed[];
      const id = fields[0] ? types.unwrap(fields[0]) : undefined;
      if (id === undefined || id === null) {
        // The properties list keeps every other field exactly as sent; only message-id is filled in.
        out.messageId = rhea.generate_uuid().replace(/-/g, '');
        const copy = fields.length ? [...fields] : [types.wrap(null)];
        copy[0] = types.wrap_string(out.messageId);
        bare.push(encode(described(0x73, types.List32(copy))));
      } else {
        out.messageId = Buffer.isBuffer(id) ? id.toString('hex') : String(id);
        bare.push(Buffer.from(s.raw));
      }
    } else if (s.code >= 0x74) {
      if (!hasProperties) {
        hasProperties = true;
        out.messageId = rhea.generate_uuid().replace(/-/g, '');
        bare.push(encode(described(0x73, types.List32([types.wrap_string(out.messageId)]))));
      }
      bare.push(Buffer.from(s.raw));
    }
  }
  out.bare = Buffer.concat(bare);
  return out;
}

function described(code: number, value: Typed): Typed {
  return types.described(types.wrap_ulong(code), value);
}

/** Unpacks the Service Bus batch format into the encoded messages it carries. */
export function unpackBatch(buffer: Buffer): Buffer[] {
  const body = messageModule.decode(buffer).body as { content?: unknown; multiple?: boolean } | undefined;
  if (!body || body.content === undefined) return [];
  const items = body.multiple ? (body.content as unknown[]) : [body.content];
  return items.filter((x): x is Buffer => Buffer.isBuffer(x));
}

/** What the broker adds when it hands a message out. */
export interface OutgoingExtras {
  lockedUntil?: number;
  /** 0 active, 1 deferred, 2 scheduled (Service Bus `x-opt-message-state`). */
  state?: number;
}

/** Encodes a stored message for a transfer or a management response. */
export function encodeStored(m: StoredMessage, extras: OutgoingExtras = {}): Buffer {
  const header = messageModule
    .header({
      durable: m.header.durable ?? false,
      priority: m.header.priority ?? 4,
      ttl: m.header.ttl,
      delivery_count: m.deliveryCount,
    })
    .described();
  const ours: Record<string, Typed> = {
    'x-opt-sequence-number': types.wrap_long(m.seq),
    'x-opt-enqueued-time': types.wrap_timestamp(m.enqueuedAt),
  };
  if (extras.lockedUntil !== undefined) ours['x-opt-locked-until'] = types.wrap_timestamp(extras.lockedUntil);
  if (extras.state !== undefined) ours['x-opt-message-state'] = types.wrap_int(extras.state);
  const entries: Typed[] = [];
  if (m.annotations) {
    const [section] = readSections(m.annotations);
    const kv = (section?.typed.value as Typed[] | undefined) ?? [];
    for (let i = 0; i + 1 < kv.length; i += 2) {
      const key = String(types.unwrap(kv[i]));
      if (!(key in ours)) entries.push(kv[i] as Typed, kv[i + 1] as Typed);
    }
  }
  for (const [k, v] of Object.entries(ours)) entries.push(types.wrap_symbol(k), v);
  return Buffer.concat([encode(header, described(0x72, types.Map32(entries))), m.bare]);
}

/**
 * Returns `bare` with application properties set (added or replaced); other sections unchanged.
 * Undefined values are skipped.
 */
export function withApplicationProperties(bare: Buffer, props: Record<string, unknown>): Buffer {
  const wanted = Object.entries(props).filter(([, v]) => v !== undefined && v !== null);
  if (!wanted.length) return bare;
  const sections = readSections(bare);
  const out: Buffer[] = [];
  const appSection = (existing: Typed[]): Buffer => {
    const kv: Typed[] = [];
    for (let i = 0; i + 1 < existing.length; i += 2) {
      const key = String(types.unwrap(existing[i]));
      if (!wanted.some(([k]) => k === key)) kv.push(existing[i] as Typed, existing[i + 1] as Typed);
    }
    for (const [k, v] of wanted) kv.push(types.wrap_string(k), types.wrap(v));
    return encode(described(0x74, types.Map32(kv)));
  };
  let done = false;
  for (const s of sections) {
    if (s.code === 0x74) {
      out.push(appSection((s.typed.value as Typed[]) ?? []));
      done = true;
      continue;
    }
    if (!done && s.code > 0x74) {
      out.push(appSection([]));
      done = true;
    }
    out.push(s.raw);
  }
  if (!done) out.push(appSection([]));
  return Buffer.concat(out);
}

/** Service Bus shows lock tokens as GUIDs in .NET byte order; the SDK reorders delivery tags. */
function reorderGuidBytes(b: Buffer): Buffer {
  return Buffer.from([b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], ...b.subarray(8)] as number[]);
}

/** A fresh lock token (the string the SDK will show as `message.lockToken`). */
export function newLockToken(): string {
  return rhea.generate_uuid();
}

/** The delivery tag for a lock token, so that the SDK derives exactly that token from it. */
export function deliveryTagFor(lockToken: string): Buffer {
  return reorderGuidBytes(rhea.string_to_uuid(lockToken) as Buffer);
}

/** The 16 bytes of a lock token as sent in management requests / responses (uuid type). */
export function lockTokenBytes(lockToken: string): Buffer {
  return rhea.string_to_uuid(lockToken) as Buffer;
}

/** A lock token from a uuid received in a management request. */
export function lockTokenFromBytes(b: unknown): string {
  return Buffer.isBuffer(b) ? rhea.uuid_to_string(b) : String(b);
}

/** A sequence number from a long received as number or 8 big-endian bytes. */
export function toSequenceNumber(v: unknown): number {
  if (Buffer.isBuffer(v)) return Number(v.readBigInt64BE(0));
  if (typeof v === 'bigint') return Number(v);
  return Number(v);
}
