/**
 * The connector's contract: how a client's data source is defined (per type that really connects), what
 * `test`, `discover` and `read` answer, and the stable `SOURCE.*` error codes. Ingestion consumes `read`
 * as an async iterator of batches, each followed by the state that is safe to store once its records
 * are written (Airbyte's rule: state only after the records it covers).
 *
 * Secrets (database passwords, API keys, bearer tokens) are never part of a definition: it names them
 * (`secretRef`) and the connector resolves them through the secret store (Key Vault) when it connects.
 */
import { z } from 'zod';
import { type SourceType, sourceTypeSchema } from './demo-config';

export const CONNECTOR_LIMITS = {
  batchSize: 10_000,
  defaultBatchSize: 1_000,
  sampleRows: 20,
  endpointsPerSource: 100,
  streamsPerSource: 500,
  /** One file read from Blob storage (CSV/JSON/NDJSON/Parquet). */
  fileBytes: 256 * 1024 * 1024,
  /** An XLSX workbook (zip): its unpacked sheets are many times larger. */
  xlsxBytes: 20 * 1024 * 1024,
  xlsxRows: 200_000,
  /** One REST response body. */
  responseBytes: 32 * 1024 * 1024,
  timeoutMs: 120_000,
} as const;

export const SourceErrorCodes = {
  unreachable: 'SOURCE.UNREACHABLE',
  timeout: 'SOURCE.TIMEOUT',
  authFailed: 'SOURCE.AUTH_FAILED',
  tls: 'SOURCE.TLS',
  notFound: 'SOURCE.NOT_FOUND',
  permission: 'SOURCE.PERMISSION',
  typeUnavailable: 'SOURCE.TYPE_UNAVAILABLE',
  /** The secret the definition names is not in the secret store. */
  secretMissing: 'SOURCE.SECRET_MISSING',
  /** Still rate limited (429) after the allowed retries. */
  rateLimited: 'SOURCE.RATE_LIMITED',
  /** The source answered something the definition does not describe (not JSON, no records at the path…). */
  protocol: 'SOURCE.PROTOCOL',
  /** A file that cannot be parsed in its declared format. */
  formatInvalid: 'SOURCE.FORMAT_INVALID',
  tooLarge: 'SOURCE.TOO_LARGE',
  /** The read request names a stream or cursor field the source does not have. */
  streamUnknown: 'SOURCE.STREAM_UNKNOWN',
  cursorInvalid: 'SOURCE.CURSOR_INVALID',
} as const;
export type SourceErrorCode = (typeof SourceErrorCodes)[keyof typeof SourceErrorCodes];

/** Declared source types (Config app) that cannot be reached from here: listed, never pretended. */
export const UNAVAILABLE_SOURCE_TYPES = ['sqlserver', 'dynamics365', 'sap', 'salesforce'] as const;

/** Key Vault secret names: letters, digits and dashes. */
const secretRefSchema = z
  .string()
  .regex(/^[0-9A-Za-z-]{1,127}$/, 'a secret name is 1-127 letters, digits or -');
const identifier = z.string().min(1).max(128);

// ---------------------------------------------------------------- definitions

export const postgresDefinitionSchema = z
  .object({
    type: z.literal('postgresql'),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(5432),
    database: identifier,
    user: identifier,
    /** Key Vault secret holding the password (absent: no password, e.g. trust auth). */
    passwordSecretRef: secretRefSchema.optional(),
    /** `disable`: plain TCP; `require`: TLS without checking the certificate; `verify-full`: TLS, checked. */
    sslMode: z.enum(['disable', 'require', 'verify-full']).default('verify-full'),
    schema: identifier.default('public'),
    connectTimeoutMs: z.number().int().min(100).max(CONNECTOR_LIMITS.timeoutMs).default(10_000),
  })
  .strict();

export const restAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('api-key'),
      headerName: z.string().min(1).max(100),
      secretRef: secretRefSchema,
    })
    .strict(),
  z.object({ kind: z.literal('bearer'), secretRef: secretRefSchema }).strict(),
]);

const param = z.string().min(1).max(100);
/** A dotted path into a JSON response (`data.items`); empty: the body itself. */
const jsonPath = z.string().max(200);

export const restPagingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z
    .object({
      kind: z.literal('offset'),
      offsetParam: param.default('offset'),
      limitParam: param.default('limit'),
      pageSize: z.number().int().min(1).max(CONNECTOR_LIMITS.batchSize).default(100),
    })
    .strict(),
  z
    .object({
      kind: z.literal('page'),
      pageParam: param.default('page'),
      sizeParam: param.default('pageSize'),
      pageSize: z.number().int().min(1).max(CONNECTOR_LIMITS.batchSize).default(100),
      firstPage: z.number().int().min(0).max(1).default(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('cursor'),
      cursorParam: param.default('cursor'),
      /** Where the next page's cursor is in the body; missing, null or empty ends the stream. */
      nextCursorPath: jsonPath.default('next'),
      limitParam: param.optional(),
      pageSize: z.number().int().min(1).max(CONNECTOR_LIMITS.batchSize).default(100),
    })
    .strict(),
  /** RFC 8288 `Link: <…>; rel="next"` (GitHub style); the next URL must stay on the base URL's origin. */
  z.object({ kind: z.literal('link-header') }).strict(),
]);

export const restEndpointSchema = z
  .object({
    /** The stream name (`customers`). */
    name: identifier,
    /** Path under the base URL (`/v1/customers`). */
    path: z.string().min(1).max(500).startsWith('/'),
    recordsPath: jsonPath.default(''),
    paging: restPagingSchema.default({ kind: 'none' }),
    /** Query parameter that receives the cursor value of an incremental read (`updated_since`). */
    sinceParam: param.optional(),
    primaryKey: z.array(identifier).max(10).optional(),
  })
  .strict();

export const restDefinitionSchema = z
  .object({
    type: z.literal('rest'),
    baseUrl: z.url({ protocol: /^https?$/ }),
    auth: restAuthSchema.default({ kind: 'none' }),
    endpoints: z.array(restEndpointSchema).min(1).max(CONNECTOR_LIMITS.endpointsPerSource),
    timeoutMs: z.number().int().min(100).max(CONNECTOR_LIMITS.timeoutMs).default(30_000),
    /** Retries of a 429 or 503 (honouring `Retry-After`), then `SOURCE.RATE_LIMITED`. */
    maxRetries: z.number().int().min(0).max(10).default(4),
    /** The longest `Retry-After` waited; a longer one fails the read at once. */
    maxRetryAfterMs: z.number().int().min(0).max(600_000).default(60_000),
  })
  .strict();

export const csvOptionsSchema = z
  .object({
    format: z.literal('csv'),
    /** `auto`: the most frequent of , ; tab | in the header line. */
    delimiter: z.enum(['auto', ',', ';', '\t', '|']).default('auto'),
    /** `auto`: UTF-8 (BOM or valid), UTF-16 (BOM), else Windows-1252. */
    encoding: z.enum(['auto', 'utf-8', 'utf-16le', 'windows-1252']).default('auto'),
    /** `auto`: the first row is a header unless it is typed like the rows under it. */
    header: z.enum(['auto', 'present', 'absent']).default('auto'),
  })
  .strict();

export const fileFormatSchema = z.discriminatedUnion('format', [
  csvOptionsSchema,
  z.object({ format: z.literal('xlsx'), sheet: z.string().max(100).optional() }).strict(),
  z.object({ format: z.literal('json'), recordsPath: jsonPath.default('') }).strict(),
  z.object({ format: z.literal('ndjson') }).strict(),
  z.object({ format: z.literal('parquet') }).strict(),
]);
export type FileFormat = z.infer<typeof fileFormatSchema>;

export const blobFilesDefinitionSchema = z
  .object({
    type: z.literal('blob-files'),
    /** A container of the deployment's own storage account. */
    container: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/, 'an Azure container name: 3-63 a-z, 0-9, -'),
    prefix: z.string().max(500).default(''),
    /**
     * Groups files into streams: `orders/*.csv` makes every daily drop one `orders` stream (names sorted).
     * Without streams, every file under the prefix is its own stream, named by its path without extension.
     */
    streams: z
      .array(z.object({ name: identifier, glob: z.string().min(1).max(500) }).strict())
      .max(CONNECTOR_LIMITS.streamsPerSource)
      .optional(),
    format: fileFormatSchema,
  })
  .strict();

export const sourceDefinitionSchema = z.discriminatedUnion('type', [
  postgresDefinitionSchema,
  restDefinitionSchema,
  blobFilesDefinitionSchema,
]);
export type SourceDefinition = z.infer<typeof sourceDefinitionSchema>;
export type PostgresDefinition = z.infer<typeof postgresDefinitionSchema>;
export type RestDefinition = z.infer<typeof restDefinitionSchema>;
export type RestEndpoint = z.infer<typeof restEndpointSchema>;
export type RestPaging = z.infer<typeof restPagingSchema>;
export type BlobFilesDefinition = z.infer<typeof blobFilesDefinitionSchema>;
export type ConnectorType = SourceDefinition['type'];

/** Which connector serves a type the Config app declares; `null`: declared but not reachable here. */
export function connectorTypeFor(type: SourceType): ConnectorType | null {
  switch (type) {
    case 'postgresql':
      return 'postgresql';
    case 'rest':
      return 'rest';
    case 'csv':
    case 'excel':
      return 'blob-files';
    default:
      return null;
  }
}
export { sourceTypeSchema };

// ---------------------------------------------------------------- results

/** A JSON value a record field may hold (dates and times as ISO text). */
export type FieldValue = string | number | boolean | null;
export type SourceRecord = Record<string, FieldValue>;

export const COLUMN_TYPES = ['integer', 'decimal', 'boolean', 'date', 'datetime', 'string', 'json'] as const;
export const columnTypeSchema = z.enum(COLUMN_TYPES);
export type ColumnType = z.infer<typeof columnTypeSchema>;

export const sourceErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

export const testResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), latencyMs: z.number(), serverInfo: z.string().optional() }),
  z.object({ ok: z.literal(false), latencyMs: z.number(), error: sourceErrorSchema }),
]);
export type TestResult = z.infer<typeof testResultSchema>;

const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const discoveredColumnSchema = z.object({
  name: z.string(),
  type: columnTypeSchema,
  /** The source's own type name (`timestamp with time zone`, `int8`, `csv`…), for the mapping UI. */
  sourceType: z.string(),
  nullable: z.boolean(),
});

export const discoveredStreamSchema = z.object({
  name: z.string(),
  columns: z.array(discoveredColumnSchema),
  /** Column sets that identify a row: the primary key first, then unique-looking columns. */
  keyCandidates: z.array(z.array(z.string())),
  /** Columns an incremental read can follow: timestamps/dates and increasing integer keys. */
  cursorCandidates: z.array(z.string()),
  /** Estimated rows (PostgreSQL statistics; exact for files read whole); null when unknown. */
  rowEstimate: z.number().int().nullable(),
  sampleRows: z.array(z.record(z.string(), fieldValueSchema)),
});
export type DiscoveredColumn = z.infer<typeof discoveredColumnSchema>;
export type DiscoveredStream = z.infer<typeof discoveredStreamSchema>;

export const discoveredSchemaSchema = z.object({
  streams: z.array(discoveredStreamSchema),
  discoveredAt: z.iso.datetime(),
});
export type DiscoveredSchema = z.infer<typeof discoveredSchemaSchema>;

export const readRequestSchema = z
  .object({
    stream: z.string().min(1).max(500),
    /** Absent: a full read. */
    cursorField: z.string().min(1).max(128).optional(),
    /** Rows with cursor >= this value are read (the boundary is read again; ingestion upserts by key). */
    cursorValue: z.union([z.string().max(100), z.number()]).optional(),
    /** Moves the start back: seconds for time cursors, units for numeric ones (late-arriving rows). */
    lookBack: z
      .number()
      .min(0)
      .max(366 * 86_400)
      .default(0),
    batchSize: z
      .number()
      .int()
      .min(1)
      .max(CONNECTOR_LIMITS.batchSize)
      .default(CONNECTOR_LIMITS.defaultBatchSize),
    /** Stop after this many records (previews); absent: everything. */
    limit: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((r) => r.cursorValue === undefined || r.cursorField !== undefined, {
    message: 'cursorValue needs a cursorField',
    path: ['cursorValue'],
  });
export type ReadRequest = z.input<typeof readRequestSchema>;
export type ParsedReadRequest = z.output<typeof readRequestSchema>;

/**
 * What to store after a batch's records are written. Sources that return rows in cursor order (PostgreSQL)
 * advance `cursorValue` with every batch; sources that do not (REST, files) keep the request's value until
 * their last batch, so a run stopped half-way repeats itself instead of skipping rows.
 */
export interface StreamState {
  stream: string;
  cursorField?: string;
  cursorValue?: string | number;
  /** Records read so far in this run. */
  recordsRead: number;
}

export interface Batch {
  records: SourceRecord[];
  state: StreamState;
  /** True on the last batch of the read. */
  done: boolean;
}
