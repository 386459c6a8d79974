/**
 * PostgreSQL source over plain `pg`: test (version, schema access), discover (information_schema, keys,
 * pg_class row estimates, sample rows) and read through a server-side cursor (DECLARE … FETCH n), so
 * memory holds one batch whatever the table size. Incremental reads take `cursor >= value` in
 * `cursor, key` order and advance the state with every batch (LESSONS.md: the boundary rows are read
 * again and ingestion upserts them by key; `>` would lose rows written at the same instant).
 */
import pg from 'pg';
import {
  type Batch,
  type DiscoveredSchema,
  type DiscoveredStream,
  type PostgresDefinition,
  type ReadRequest,
  readRequestSchema,
  SourceErrorCodes,
  type StreamState,
  type TestResult,
} from '../../contracts/connector';
import type { ConnectorDeps, DiscoverOptions, SourceConnector } from '../ports';
import { startValue, toRecord } from '../records';
import { failedTest, resolveSecret, SourceError, toSourceError } from '../source-error';
import { classifyPgError } from './pg-errors';
import { columnType, pgTypeParsers } from './pg-types';

interface Session {
  client: pg.Client;
  secrets: string[];
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
}

export class PostgresSource implements SourceConnector<PostgresDefinition> {
  constructor(private readonly deps: ConnectorDeps) {}

  private async connect(def: PostgresDefinition): Promise<Session> {
    const password = def.passwordSecretRef
      ? await resolveSecret(this.deps.secrets, def.passwordSecretRef)
      : '';
    const secrets = password ? [password] : [];
    const ssl =
      def.sslMode === 'disable'
        ? false
        : def.sslMode === 'require'
          ? { rejectUnauthorized: false }
          : { rejectUnauthorized: true, servername: def.host };
    const client = new pg.Client({
      host: def.host,
      port: def.port,
      database: def.database,
      user: def.user,
      password,
      ssl,
      connectionTimeoutMillis: def.connectTimeoutMs,
      query_timeout: 10 * def.connectTimeoutMs,
      application_name: 'kpi-connector',
      types: pgTypeParsers,
    });
    // A dropped connection emits 'error' outside any query: without a listener it would crash the host.
    client.on('error', (err) =>
      this.deps.log.warn('postgres connection error', { code: classifyPgError(err) }),
    );
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw toSourceError(err, secrets, classifyPgError);
    }
    return { client, secrets };
  }

  private async withSession<T>(def: PostgresDefinition, work: (s: Session) => Promise<T>): Promise<T> {
    const session = await this.connect(def);
    try {
      return await work(session);
    } catch (err) {
      throw toSourceError(err, session.secrets, classifyPgError);
    } finally {
      await session.client.end().catch(() => undefined);
    }
  }

  async test(def: PostgresDefinition): Promise<TestResult> {
    const started = Date.now();
    try {
      const version = await this.withSession(def, async ({ client }) => {
        const { rows } = await client.query<{ version: string; exists: boolean; usage: boolean | null }>(
          `select version() as version,
                  exists(select 1 from pg_namespace where nspname = $1) as exists,
                  case when exists(select 1 from pg_namespace where nspname = $1)
                       then has_schema_privilege($1, 'USAGE') end as usage`,
          [def.schema],
        );
        const row = rows[0];
        if (!row?.exists)
          throw new SourceError(SourceErrorCodes.notFound, `The schema ${def.schema} does not exist`);
        if (!row.usage)
          throw new SourceError(SourceErrorCodes.permission, `No USAGE on schema ${def.schema}`);
        return row.version;
      });
      return { ok: true, latencyMs: Date.now() - started, serverInfo: version.split(' on ')[0] ?? version };
    } catch (err) {
      const e = toSourceError(err, [], classifyPgError);
      this.deps.log.info('postgres test failed', { code: e.code, host: def.host });
      return failedTest(e, started);
    }
  }

  async discover(def: PostgresDefinition, options: DiscoverOptions = {}): Promise<DiscoveredSchema> {
    const sampleRows = Math.min(options.sampleRows ?? 5, 20);
    return this.withSession(def, async ({ client }) => {
      const cols = await client.query<ColumnRow>(
        `select c.table_name, c.column_name, c.data_type, c.is_nullable
           from information_schema.columns c
           join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = $1 and t.table_type in ('BASE TABLE', 'VIEW')
          order by c.table_name, c.ordinal_position`,
        [def.schema],
      );
      const keys = await client.query<{ table_name: string; kind: string; name: string; columns: string[] }>(
        `select cl.relname as table_name, case when i.indisprimary then 'p' else 'u' end as kind,
                ic.relname as name,
                array_agg(a.attname::text order by array_position(i.indkey::int2[], a.attnum)) as columns
           from pg_index i
           join pg_class cl on cl.oid = i.indrelid
           join pg_namespace n on n.oid = cl.relnamespace
           join pg_class ic on ic.oid = i.indexrelid
           join pg_attribute a on a.attrelid = cl.oid and a.attnum = any(i.indkey::int2[])
          where n.nspname = $1 and i.indisunique and i.indpred is null
          group by cl.relname, i.indisprimary, ic.relname
          order by cl.relname, i.indisprimary desc, ic.relname`,
        [def.schema],
      );
      const estimates = await client.query<{ table_name: string; reltuples: number }>(
        `select c.relname as table_name, c.reltuples::float8 as reltuples
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = $1 and c.relkind in ('r', 'p')`,
        [def.schema],
      );
      const byTable = new Map<string, ColumnRow[]>();
      for (const c of cols.rows) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c]);
      const wanted = options.streams ? new Set(options.streams) : undefined;

      const streams: DiscoveredStream[] = [];
      for (const [table, columnRows] of byTable) {
        if (wanted && !wanted.has(table)) continue;
        const columns = columnRows.map((c) => ({
          name: c.column_name,
          type: columnType(c.data_type),
          sourceType: c.data_type,
          nullable: c.is_nullable === 'YES',
        }));
        const keyCandidates = keys.rows.filter((k) => k.table_name === table).map((k) => k.columns);
        const pk = keys.rows.find((k) => k.table_name === table && k.kind === 'p')?.columns ?? [];
        const intKey =
          pk.length === 1 && columns.find((c) => c.name === pk[0])?.type === 'integer'
            ? [pk[0] as string]
            : [];
        const cursorCandidates = [
          ...columns.filter((c) => c.type === 'datetime' || c.type === 'date').map((c) => c.name),
          ...intKey,
        ];
        const relation = `${client.escapeIdentifier(def.schema)}.${client.escapeIdentifier(table)}`;
        let rowEstimate: number | null = null;
        const reltuples = estimates.rows.find((e) => e.table_name === table)?.reltuples;
        // -1: never analysed (a fresh table); counting is then exact and cheap enough for discovery.
        if (reltuples !== undefined && reltuples >= 0) rowEstimate = Math.round(reltuples);
        else if (reltuples !== undefined) {
          const { rows } = await client.query<{ n: number }>(`select count(*)::float8 as n from ${relation}`);
          rowEstimate = rows[0]?.n ?? null;
        }
        const sample = await client.query(`select * from ${relation} limit ${sampleRows}`);
        streams.push({
          name: table,
          columns,
          keyCandidates,
          cursorCandidates,
          rowEstimate,
          sampleRows: sample.rows.map(toRecord),
        });
      }
      return { streams, discoveredAt: new Date().toISOString() };
    });
  }

  async *read(def: PostgresDefinition, request: ReadRequest, signal?: AbortSignal): AsyncGenerator<Batch> {
    const req = readRequestSchema.parse(request);
    const session = await this.connect(def);
    const { client, secrets } = session;
    let open = false;
    try {
      const { rows: columns } = await client.query<{ column_name: string }>(
        `select column_name from information_schema.columns where table_schema = $1 and table_name = $2`,
        [def.schema, req.stream],
      );
      if (columns.length === 0) {
        throw new SourceError(SourceErrorCodes.streamUnknown, `No table ${def.schema}.${req.stream}`);
      }
      const names = new Set(columns.map((c) => c.column_name));
      const field = req.cursorField;
      if (field !== undefined && !names.has(field)) {
        throw new SourceError(
          SourceErrorCodes.cursorInvalid,
          `The table ${req.stream} has no column ${field}`,
        );
      }
      const { rows: pkRows } = await client.query<{ attname: string }>(
        `select a.attname from pg_index i
           join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
          where i.indrelid = ($1::text)::regclass and i.indisprimary
          order by array_position(i.indkey::int2[], a.attnum)`,
        [`${client.escapeIdentifier(def.schema)}.${client.escapeIdentifier(req.stream)}`],
      );
      const id = (n: string) => client.escapeIdentifier(n);
      const order = [...(field ? [field] : []), ...pkRows.map((r) => r.attname).filter((k) => k !== field)];
      const params: unknown[] = [];
      let where = '';
      if (field !== undefined && req.cursorValue !== undefined) {
        params.push(startValue(req.cursorValue, req.lookBack));
        // Rows without a cursor value are read every time (ingestion upserts by key): never lost.
        where = `where ${id(field)} >= $1 or ${id(field)} is null`;
      }
      const sql = `select * from ${id(def.schema)}.${id(req.stream)} ${where} ${
        order.length ? `order by ${order.map((o) => `${id(o)} asc nulls last`).join(', ')}` : ''
      }`;
      await client.query('begin transaction isolation level repeatable read read only');
      open = true;
      await client.query(`declare kpi_read no scroll cursor for ${sql}`, params);

      let cursorValue = req.cursorValue;
      let read = 0;
      const limit = req.limit ?? Number.POSITIVE_INFINITY;
      for (;;) {
        if (signal?.aborted) throw new SourceError(SourceErrorCodes.timeout, 'The read was cancelled');
        const size = Math.min(req.batchSize, limit - read);
        const { rows } = await client.query(`fetch forward ${size} from kpi_read`);
        const records = rows.map(toRecord);
        read += records.length;
        if (field !== undefined) {
          for (let i = records.length - 1; i >= 0; i--) {
            const v = records[i]?.[field];
            if (v !== null && v !== undefined && typeof v !== 'boolean') {
              cursorValue = v;
              break;
            }
          }
        }
        const done = records.length < size || read >= limit;
        const state: StreamState = {
          stream: req.stream,
          ...(field !== undefined ? { cursorField: field } : {}),
          ...(cursorValue !== undefined ? { cursorValue } : {}),
          recordsRead: read,
        };
        yield { records, state, done };
        if (done) break;
      }
      await client.query('commit');
      open = false;
    } catch (err) {
      throw toSourceError(err, secrets, classifyPgError);
    } finally {
      if (open) await client.query('rollback').catch(() => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
