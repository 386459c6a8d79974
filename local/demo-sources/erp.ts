/**
 * The demo PostgreSQL "ERP": one table per object (schema `erp`), columns typed from the catalog, the
 * object's primary key, bulk-loaded with COPY (LOCAL-EMULATION.md: row inserts are far slower) and
 * analysed so discovery's row estimates are real statistics. A fingerprint row makes a persisted
 * database skip the fill on the next start.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { FieldType } from '@kpi/shared/domain/catalog/types';
import type { DemoObject } from './demo-data';

export const ERP_SCHEMA = 'erp';

const SQL_TYPE: Record<FieldType, string> = {
  string: 'text',
  enum: 'text',
  integer: 'bigint',
  decimal: 'double precision',
  money: 'numeric(18,2)',
  boolean: 'boolean',
  date: 'date',
  datetime: 'timestamptz',
};

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A CSV field as COPY reads it: empty unquoted is NULL, text quoted. */
function csvValue(v: string | number | boolean | null): string {
  if (v === null) return '';
  if (typeof v === 'string') return `"${v.replace(/"/g, '""')}"`;
  return String(v);
}

/** True when the database already holds this fill (same fingerprint). */
export async function erpIsFilled(db: PGlite, fingerprint: string): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>(
    `select exists(select 1 from information_schema.tables where table_schema = '${ERP_SCHEMA}' and table_name = '_demo_fill') as ok`,
  );
  if (!rows[0]?.ok) return false;
  const fill = await db.query<{ fingerprint: string }>(`select fingerprint from ${ERP_SCHEMA}._demo_fill`);
  return fill.rows[0]?.fingerprint === fingerprint;
}

/** Drops and refills the ERP schema with the given objects; returns rows loaded per table. */
export async function fillErp(db: PGlite, objects: readonly DemoObject[], fingerprint: string) {
  await db.exec(`drop schema if exists ${ERP_SCHEMA} cascade; create schema ${ERP_SCHEMA};`);
  const counts: Record<string, number> = {};
  for (const { object, rows } of objects) {
    const columns = object.fields.map((f) => `${q(f.name)} ${SQL_TYPE[f.type]}`);
    const table = `${ERP_SCHEMA}.${q(object.name)}`;
    await db.exec(
      `create table ${table} (${columns.join(', ')}, primary key (${object.primaryKey.map(q).join(', ')}))`,
    );
    const csv = rows.map((r) => object.fields.map((f) => csvValue(r[f.name] ?? null)).join(',')).join('\n');
    await db.query(
      `copy ${table} (${object.fields.map((f) => q(f.name)).join(', ')}) from '/dev/blob' with (format csv)`,
      [],
      {
        blob: new Blob([csv]),
      },
    );
    counts[object.name] = rows.length;
  }
  await db.exec(
    `create table ${ERP_SCHEMA}._demo_fill (fingerprint text not null, filled_at timestamptz not null default now()); analyze;`,
  );
  await db.query(`insert into ${ERP_SCHEMA}._demo_fill (fingerprint) values ($1)`, [fingerprint]);
  return counts;
}
