import type { Socket } from 'node:net';

/**
 * Length-prefixed frames between the host's front and a worker (what gRPC messages are to the real host):
 * `[u32 rest length][u32 JSON length][JSON][body bytes]`. Bodies travel as raw bytes, never inside JSON.
 */
export interface Frame<T = Record<string, unknown>> {
  head: T;
  body: Buffer;
}

const EMPTY = Buffer.alloc(0);

/** Encodes one frame into a single buffer (one write per frame). */
export function encodeFrame(head: unknown, body?: Uint8Array): Buffer {
  const json = JSON.stringify(head);
  const jsonLen = Buffer.byteLength(json);
  const bodyLen = body?.byteLength ?? 0;
  const out = Buffer.allocUnsafe(8 + jsonLen + bodyLen);
  out.writeUInt32BE(4 + jsonLen + bodyLen, 0);
  out.writeUInt32BE(jsonLen, 4);
  out.write(json, 8, 'utf8');
  if (body && bodyLen > 0) out.set(body, 8 + jsonLen);
  return out;
}

/** Reassembles frames from a byte stream. */
export class FrameReader {
  #buf: Buffer = EMPTY;

  constructor(private readonly onFrame: (frame: Frame) => void) {}

  push(chunk: Buffer): void {
    let buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    let offset = 0;
    while (buf.length - offset >= 4) {
      const rest = buf.readUInt32BE(offset);
      if (buf.length - offset - 4 < rest) break;
      const jsonLen = buf.readUInt32BE(offset + 4);
      const jsonStart = offset + 8;
      const head = JSON.parse(buf.toString('utf8', jsonStart, jsonStart + jsonLen)) as Record<
        string,
        unknown
      >;
      const end = offset + 4 + rest;
      // Copy the body out so the (possibly large) chunk is not retained by a long-lived frame.
      const body = end > jsonStart + jsonLen ? Buffer.from(buf.subarray(jsonStart + jsonLen, end)) : EMPTY;
      offset = end;
      this.onFrame({ head, body });
    }
    buf = offset === buf.length ? EMPTY : buf.subarray(offset);
    this.#buf = buf.length > 0 ? Buffer.from(buf) : EMPTY;
  }
}

/** Wires a socket to a FrameReader; returns a send function. */
export function frameSocket(
  socket: Socket,
  onFrame: (frame: Frame) => void,
): (head: unknown, body?: Uint8Array) => void {
  const reader = new FrameReader(onFrame);
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => reader.push(chunk));
  return (head, body) => {
    socket.write(encodeFrame(head, body));
  };
}
