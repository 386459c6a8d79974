/**
 * Checks an uploaded XLSX (a ZIP archive) before any parser inflates it, so that a decompression bomb is
 * refused in milliseconds instead of stalling the worker that serves every tenant. The 2 MiB upload limit
 * counts compressed bytes only; here the archive's entry count and the sizes its central directory declares
 * are checked first, then every part the XLSX reader would inflate (`.xml`, `.rels`) is inflated by
 * node:zlib off the main thread in 64 KB pieces, counting the real bytes (declared sizes can lie) and
 * scanning the XML for rows, cells and shared strings as it goes. Nothing inflated is kept.
 */
import { createInflateRaw } from 'node:zlib';

/** What an XLSX may unpack to. */
export interface XlsxLimits {
  /** Entries in the archive (a workbook written by Excel has a few dozen). */
  maxEntries: number;
  /** Bytes of all the XML parts together, once inflated. */
  maxInflatedBytes: number;
  /** Shared strings (`<si>` in the shared strings part). */
  maxSharedStrings: number;
  /** Highest row number of a sheet (the header counts). */
  maxRows: number;
  /** Highest column number of a sheet. */
  maxColumns: number;
}

/** Why an archive was refused: `unpacked` (413), `rows`/`columns` (413), or `invalid` (422, not a ZIP). */
export class XlsxRefused extends Error {
  override readonly name = 'XlsxRefused';
  constructor(
    readonly reason: 'unpacked' | 'rows' | 'columns' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Inflated bytes handed to the scan at a time (one callback each, so other work runs in between). */
const PIECE_BYTES = 64 * 1024;
/** Longest XML tag the scan accepts (real tags are a few dozen characters). */
const MAX_TAG_CHARS = 64 * 1024;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

/** Entries the XLSX reader inflates (read-excel-file skips images and the like). */
const isXmlPart = (name: string) => name.endsWith('.xml') || name.endsWith('.rels');

function centralDirectory(bytes: Uint8Array, limits: XlsxLimits): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxRefused('invalid', 'no ZIP end of central directory');
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count > limits.maxEntries) {
    throw new XlsxRefused('unpacked', `the archive has ${count} entries; at most ${limits.maxEntries}`);
  }
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) {
      throw new XlsxRefused('invalid', 'broken ZIP central directory');
    }
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength > bytes.length) throw new XlsxRefused('invalid', 'broken ZIP central directory');
    entries.push({
      name: Buffer.from(bytes.subarray(p + 46, p + 46 + nameLength)).toString('utf8'),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      declaredSize: view.getUint32(p + 24, true),
      localOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of one entry, found through its local header. */
function entryData(bytes: Uint8Array, entry: Entry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const p = entry.localOffset;
  if (p + 30 > bytes.length || view.getUint32(p, true) !== LOCAL) {
    throw new XlsxRefused('invalid', `broken ZIP local header of ${entry.name}`);
  }
  const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new XlsxRefused('invalid', `truncated ZIP entry ${entry.name}`);
  return bytes.subarray(start, end);
}

const R_ATTR = /(?:^|\s)r\s*=\s*["']([A-Za-z]*)(\d*)["']/;
const COUNT_ATTR = /(?:^|\s)(?:uniqueCount|count)\s*=\s*["'](\d+)["']/g;

/** True for the characters that may follow a tag name (`<c>`, `<c r=…>`, `<c/>`). */
const endsName = (code: number) =>
  code === 62 || code === 47 || code === 32 || code === 9 || code === 10 || code === 13;

/** The tag name at `start` if it is one the scan counts (`row`, `c`, `si`, `sst`), compared by char code. */
function tagName(text: string, start: number, length: number): 'row' | 'c' | 'si' | 'sst' | undefined {
  const a = text.charCodeAt(start);
  if (length === 1) return a === 99 ? 'c' : undefined;
  const b = text.charCodeAt(start + 1);
  if (length === 2) return a === 115 && b === 105 ? 'si' : undefined;
  if (length !== 3) return undefined;
  const c = text.charCodeAt(start + 2);
  if (a === 114 && b === 111 && c === 119) return 'row';
  if (a === 115 && b === 115 && c === 116) return 'sst';
  return undefined;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Counts rows, cells and shared strings of one XML part, fed in pieces of any size. */
class PartScanner {
  private carry = '';
  private row = 0;
  private column = 0;
  private sharedStrings = 0;
  constructor(
    private readonly name: string,
    private readonly limits: XlsxLimits,
  ) {}

  feed(piece: string): void {
    let text = this.carry + piece;
    const lt = text.lastIndexOf('<');
    this.carry = '';
    if (lt >= 0 && text.indexOf('>', lt) < 0) {
      this.carry = text.slice(lt);
      text = text.slice(0, lt);
      if (this.carry.length > MAX_TAG_CHARS)
        throw new XlsxRefused('invalid', `an oversized tag in ${this.name}`);
    }
    // A plain loop over '<' with char codes (no regex, no string per tag): a 20 MB part has millions of tags.
    for (let lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
      const first = text.charCodeAt(lt + 1);
      // Closing tags, declarations, comments, processing instructions.
      if (first === 47 || first === 33 || first === 63) continue;
      let start = lt + 1;
      let end = start;
      while (end < text.length && !endsName(text.charCodeAt(end))) {
        // A namespace prefix (`<x:row>`) is not part of the name.
        if (text.charCodeAt(end) === 58) start = end + 1;
        end++;
      }
      const name = tagName(text, start, end - start);
      if (name === undefined) continue;
      const gt = text.indexOf('>', end);
      this.tag(name, text.slice(end, gt < 0 ? text.length : gt));
    }
  }

  private tag(name: string, attributes: string): void {
    const { limits } = this;
    if (name === 'row') {
      const r = R_ATTR.exec(attributes);
      this.row = r?.[2] ? Number(r[2]) : this.row + 1;
      this.column = 0;
    } else if (name === 'c') {
      const r = R_ATTR.exec(attributes);
      this.column = r?.[1] ? columnNumber(r[1]) : this.column + 1;
      if (r?.[2]) this.row = Math.max(this.row, Number(r[2]));
      if (this.column > limits.maxColumns) {
        throw new XlsxRefused('columns', `${this.name} has a cell past column ${limits.maxColumns}`);
      }
    } else if (name === 'si') {
      this.sharedStrings++;
    } else {
      // <sst count="…" uniqueCount="…">: what the part declares, checked before any string is counted.
      for (const m of attributes.matchAll(COUNT_ATTR)) this.sharedStringsAtMost(Number(m[1]));
    }
    if (this.row > limits.maxRows) {
      throw new XlsxRefused('rows', `${this.name} has a row past row ${limits.maxRows}`);
    }
    this.sharedStringsAtMost(this.sharedStrings);
  }

  private sharedStringsAtMost(n: number): void {
    if (n > this.limits.maxSharedStrings) {
      throw new XlsxRefused(
        'unpacked',
        `the workbook holds more than ${this.limits.maxSharedStrings} shared strings`,
      );
    }
  }
}

/**
 * Refuses an archive that would unpack to more than `limits` allow; resolves when it is safe to hand to the
 * XLSX reader. Throws `XlsxRefused`.
 */
export async function checkXlsxArchive(bytes: Uint8Array, limits: XlsxLimits): Promise<void> {
  const entries = centralDirectory(bytes, limits).filter((e) => isXmlPart(e.name));
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  const tooMuch = () =>
    new XlsxRefused('unpacked', `the workbook unpacks to more than ${limits.maxInflatedBytes} bytes`);
  if (declared > limits.maxInflatedBytes) throw tooMuch();

  let inflated = 0;
  for (const entry of entries) {
    const scanner = new PartScanner(entry.name, limits);
    const data = entryData(bytes, entry);
    await inflateEntry(entry, data, (chunk) => {
      inflated += chunk.length;
      if (inflated > limits.maxInflatedBytes) throw tooMuch();
      // latin1 keeps every ASCII tag intact whatever the multi-byte text around it, and cannot split a character.
      scanner.feed(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1'));
    });
  }
}

/**
 * Hands the entry's bytes to `take` as they inflate, in pieces of `PIECE_BYTES`; a throw from `take` stops
 * the inflation. Inflating runs in node:zlib on the libuv thread pool, and each piece arrives in a callback
 * of its own, so other requests are served between pieces.
 */
function inflateEntry(entry: Entry, data: Uint8Array, take: (chunk: Uint8Array) => void): Promise<void> {
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += PIECE_BYTES) take(data.subarray(at, at + PIECE_BYTES));
    return Promise.resolve();
  }
  if (entry.method !== 8) {
    return Promise.reject(new XlsxRefused('invalid', `unsupported ZIP compression method ${entry.method}`));
  }
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: PIECE_BYTES });
    inflater.on('data', (chunk: Buffer) => {
      try {
        take(chunk);
      } catch (err) {
        inflater.destroy();
        reject(err);
      }
    });
    inflater.on('error', (err) => reject(new XlsxRefused('invalid', `${entry.name}: ${err.message}`)));
    inflater.on('end', () => resolve());
    inflater.end(data);
  });
}
