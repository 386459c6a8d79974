/**
 * Files in the deployment's Blob storage (uploaded through the UI or dropped by the client's own jobs):
 * CSV, XLSX, JSON, NDJSON and Parquet under a container and prefix, one stream per file or per declared
 * glob (daily drops of one table read in name order). Read through the `BlobStore` port.
 */
import {
  type Batch,
  type BlobFilesDefinition,
  CONNECTOR_LIMITS,
  type DiscoveredSchema,
  type DiscoveredStream,
  type ReadRequest,
  readRequestSchema,
  SourceErrorCodes,
  type TestResult,
} from '../../contracts/connector';
import type { BlobInfo, BlobStore } from '../../platform/blob/ports';
import { batchUnsorted } from '../batching';
import type { ConnectorDeps, DiscoverOptions, SourceConnector } from '../ports';
import { cursorCandidatesFrom, inferColumns, keyCandidatesFrom, toRecord } from '../records';
import { failedTest, networkCode, SourceError, toSourceError } from '../source-error';
import { FORMAT_EXTENSIONS, filePages, type Row } from './file-formats';

/** Storage SDK errors (RestError with statusCode) and network errors → SOURCE.* codes. */
function classify(e: Error & { code?: unknown; statusCode?: unknown }) {
  if (e.statusCode === 401) return SourceErrorCodes.authFailed;
  if (e.statusCode === 403) return SourceErrorCodes.permission;
  if (e.statusCode === 404) return SourceErrorCodes.notFound;
  return networkCode(e) ?? SourceErrorCodes.unreachable;
}

/** `*` within a path segment, `**` across segments, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export interface FileStream {
  name: string;
  files: BlobInfo[];
}

export class BlobFilesSource implements SourceConnector<BlobFilesDefinition> {
  constructor(private readonly deps: ConnectorDeps & { blobs: BlobStore }) {}

  /** The definition's streams and their files (name order), from one listing. */
  async streams(def: BlobFilesDefinition): Promise<FileStream[]> {
    let listed: BlobInfo[];
    try {
      listed = await this.deps.blobs.list(def.container, def.prefix);
    } catch (err) {
      throw toSourceError(err, [], classify);
    }
    const exts = FORMAT_EXTENSIONS[def.format.format];
    const files = listed.filter((b) => exts.some((x) => b.name.toLowerCase().endsWith(x)));
    const relative = (b: BlobInfo) => b.name.slice(def.prefix.length).replace(/^\//, '');
    if (def.streams) {
      return def.streams.map((s) => {
        const re = globToRegExp(s.glob);
        return { name: s.name, files: files.filter((f) => re.test(relative(f))) };
      });
    }
    return files.map((f) => ({ name: relative(f).replace(/\.[^./]+$/, ''), files: [f] }));
  }

  private async *rows(def: BlobFilesDefinition, stream: FileStream, pageRows: number): AsyncGenerator<Row[]> {
    for (const file of stream.files) {
      let got: Awaited<ReturnType<BlobStore['getBytes']>>;
      try {
        got = await this.deps.blobs.getBytes(def.container, file.name);
      } catch (err) {
        throw toSourceError(err, [], classify);
      }
      // Gone since the listing (a client job moved it): the next run reads whatever is there then.
      if (!got) continue;
      yield* filePages(file.name, got.bytes, def.format, pageRows);
    }
  }

  async test(def: BlobFilesDefinition): Promise<TestResult> {
    const started = Date.now();
    try {
      const streams = await this.streams(def);
      const files = streams.reduce((n, s) => n + s.files.length, 0);
      if (files === 0) {
        throw new SourceError(
          SourceErrorCodes.notFound,
          `No ${def.format.format} files under ${def.container}/${def.prefix}`,
        );
      }
      return {
        ok: true,
        latencyMs: Date.now() - started,
        serverInfo: `${files} file(s), ${streams.length} stream(s)`,
      };
    } catch (err) {
      const e = toSourceError(err, [], classify);
      this.deps.log.info('blob files test failed', { code: e.code, container: def.container });
      return failedTest(e, started);
    }
  }

  async discover(def: BlobFilesDefinition, options: DiscoverOptions = {}): Promise<DiscoveredSchema> {
    const sampleRows = Math.min(options.sampleRows ?? 5, CONNECTOR_LIMITS.sampleRows);
    const out: DiscoveredStream[] = [];
    for (const stream of await this.streams(def)) {
      if (options.streams && !options.streams.includes(stream.name)) continue;
      // Typed from the first file's first 1,000 rows; a single file is counted exactly.
      let rows: Row[] = [];
      let count = 0;
      let exact = true;
      for await (const page of this.rows(def, { ...stream, files: stream.files.slice(0, 1) }, 1000)) {
        if (rows.length === 0) rows = page;
        count += page.length;
      }
      if (stream.files.length > 1) exact = false;
      const columns = inferColumns(rows, def.format.format);
      const keyCandidates = keyCandidatesFrom(rows, columns);
      out.push({
        name: stream.name,
        columns,
        keyCandidates,
        cursorCandidates: cursorCandidatesFrom(columns, keyCandidates),
        rowEstimate: exact ? count : count * stream.files.length,
        sampleRows: rows.slice(0, sampleRows).map(toRecord),
      });
    }
    return { streams: out, discoveredAt: new Date().toISOString() };
  }

  async *read(def: BlobFilesDefinition, request: ReadRequest): AsyncGenerator<Batch> {
    const req = readRequestSchema.parse(request);
    const stream = (await this.streams(def)).find((s) => s.name === req.stream);
    if (!stream) throw new SourceError(SourceErrorCodes.streamUnknown, `No file stream ${req.stream}`);
    yield* batchUnsorted(this.rows(def, stream, req.batchSize), req);
  }
}
