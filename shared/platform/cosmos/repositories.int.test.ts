import type { Server } from 'node:http';
import type { Container } from '@azure/cosmos';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { quoteStandInEtags } from '../../../local/cosmos/quoted-etags';
import { freePort } from '../../../local/net';
import type { Caller } from '../auth/caller';
import { AppError } from '../errors';
import { CosmosEffectStore } from '../servicebus/cosmos-effect-store';
import { cosmosClient } from './cosmos-client';
import { GlobalRepository } from './global-repository';
import { TenantRepository } from './tenant-repository';
import { scopeFor, systemScope, type TenantScope } from './tenant-scope';

const Kpi = z.object({
  id: z.string(),
  tenantId: z.string(),
  name: z.string(),
  score: z.number(),
});
type Kpi = z.infer<typeof Kpi>;

const user = (tenantId: string | undefined, roles: Caller['roles']): Caller => ({
  kind: 'user',
  subject: `s-${tenantId}`,
  email: 'x@example',
  name: 'x',
  ...(tenantId ? { tenantId } : {}),
  roles,
  isPlatformStaff: !tenantId,
});
const olivia = user('contoso', ['owner']);
const alex = user('fabrikam', ['admin']);
const ada = user(undefined, ['platform-admin']);

let server: Server;
let kpis: TenantRepository<Kpi>;
let containers: { kpis: Container; effects: Container; events: Container };

beforeAll(async () => {
  const port = await freePort();
  // The stand-in as the stack runs it: quoted etags, as Azure Cosmos DB hands them out.
  quoteStandInEtags();
  server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const client = cosmosClient({
    kind: 'connectionString',
    value: `AccountEndpoint=http://127.0.0.1:${port}/;AccountKey=${Buffer.from('k').toString('base64')};`,
  });
  const { database } = await client.databases.createIfNotExists({ id: 'kpi' });
  const make = async (id: string, path: string) =>
    (await database.containers.createIfNotExists({ id, partitionKey: { paths: [path] } })).container;
  containers = {
    kpis: await make('catalog', '/tenantId'),
    effects: await make('effects', '/id'),
    events: await make('platform-events', '/source'),
  };
  kpis = new TenantRepository({ container: containers.kpis, schema: Kpi, entity: 'KPI' });
  for (let i = 0; i < 7; i++) {
    await kpis.create(olivia, { id: `k${i}`, name: `contoso ${i}`, score: i });
  }
  await kpis.create(alex, { id: 'k0', name: 'fabrikam 0', score: 100 });
  await kpis.create(alex, { id: 'f1', name: 'fabrikam 1', score: 101 });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('TenantRepository isolation', () => {
  it('stamps the caller tenant, ignoring a tenantId in the input', async () => {
    const sneaky = { id: 'sneak', name: 'x', score: 1, tenantId: 'contoso' };
    const { item } = await kpis.create(alex, sneaky);
    expect(item.tenantId).toBe('fabrikam');
    expect(await kpis.get(olivia, 'sneak')).toBeUndefined();
    await kpis.delete(alex, 'sneak');
  });

  it('get: same id in two tenants, each sees only its own', async () => {
    expect((await kpis.get(olivia, 'k0'))?.name).toBe('contoso 0');
    expect((await kpis.get(alex, 'k0'))?.name).toBe('fabrikam 0');
    expect(await kpis.get(olivia, 'f1')).toBeUndefined();
  });

  it('list and query return only the tenant items', async () => {
    const all = await kpis.list(alex, { maxItemCount: 100 });
    expect(all.items.map((k) => k.id)).toEqual(['f1', 'k0']);
    const q = await kpis.query(olivia, {
      where: 'c.score >= @min OR c.tenantId = @other',
      parameters: [
        { name: '@min', value: 5 },
        { name: '@other', value: 'fabrikam' },
      ],
    });
    expect(q.items.map((k) => k.id).sort()).toEqual(['k5', 'k6']);
    expect(await kpis.count(alex)).toBe(2);
    expect(await kpis.count(olivia, { where: 'c.score < 3' })).toBe(3);
  });

  it('replace, upsert and delete cannot reach another tenant', async () => {
    await expect(kpis.replace(alex, { id: 'k3', name: 'hijack', score: 0 })).rejects.toMatchObject({
      code: 'KPI.NOT_FOUND',
      httpStatus: 404,
    });
    expect(await kpis.delete(alex, 'k3')).toBe(false);
    await kpis.upsert(alex, { id: 'k3', name: 'fabrikam own k3', score: 3 });
    expect((await kpis.get(olivia, 'k3'))?.name).toBe('contoso 3');
    expect(await kpis.delete(alex, 'k3')).toBe(true);
    expect((await kpis.get(olivia, 'k3'))?.name).toBe('contoso 3');
  });

  it('platform staff need an explicit scope; tenant users cannot scope to another tenant', async () => {
    await expect(kpis.get(ada, 'k0')).rejects.toMatchObject({ code: 'AUTH.TENANT_REQUIRED' });
    expect((await kpis.get(scopeFor(ada, 'fabrikam'), 'k0'))?.name).toBe('fabrikam 0');
    expect(() => scopeFor(olivia, 'fabrikam')).toThrow(AppError);
    expect((await kpis.get(systemScope('contoso', 'test'), 'k1'))?.name).toBe('contoso 1');
  });

  it('refuses a hand-made scope object', async () => {
    const forged = { tenantId: 'contoso', via: 'system' } as unknown as TenantScope;
    await expect(kpis.get(forged, 'k0')).rejects.toThrow(/not issued/);
  });

  it('@tenantId cannot be overridden by a query parameter', async () => {
    await expect(
      kpis.query(olivia, { where: 'true', parameters: [{ name: '@tenantId', value: 'fabrikam' }] }),
    ).rejects.toThrow(/reserved/);
  });
});

describe('TenantRepository paging and concurrency', () => {
  it('pages with maxItemCount and continuation tokens', async () => {
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await kpis.list(olivia, {
        maxItemCount: 3,
        ...(token ? { continuationToken: token } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      ids.push(...page.items.map((k) => k.id));
      token = page.continuationToken;
      pages++;
    } while (token && pages < 10);
    expect(ids).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('409 KPI.CONFLICT on a duplicate id in the same tenant', async () => {
    await expect(kpis.create(olivia, { id: 'k1', name: 'dup', score: 0 })).rejects.toMatchObject({
      code: 'KPI.CONFLICT',
      httpStatus: 409,
    });
  });

  it('replace with a stale etag → 412 CONCURRENCY.CONFLICT', async () => {
    const read = await kpis.getVersioned(olivia, 'k2');
    expect(read?.etag).toBeTruthy();
    const first = await kpis.replace(olivia, { ...(read?.item as Kpi), score: 20 }, { ifMatch: read?.etag });
    expect(first.item.score).toBe(20);
    expect(first.etag).not.toBe(read?.etag);
    await expect(
      kpis.replace(olivia, { ...(read?.item as Kpi), score: 21 }, { ifMatch: read?.etag }),
    ).rejects.toMatchObject({ code: 'CONCURRENCY.CONFLICT', httpStatus: 412 });
    expect((await kpis.get(olivia, 'k2'))?.score).toBe(20);
  });

  it('rejects writes that do not fit the schema (422)', async () => {
    await expect(
      kpis.create(olivia, { id: 'bad', name: 'x', score: 'NaN' as unknown as number }),
    ).rejects.toMatchObject({
      code: 'KPI.INVALID',
      httpStatus: 422,
    });
  });
});

describe('GlobalRepository and CosmosEffectStore', () => {
  const Event = z.object({ id: z.string(), source: z.string(), n: z.number() });

  it('CRUD with explicit partition keys and cross-partition queries', async () => {
    const events = new GlobalRepository({
      container: containers.events,
      schema: Event,
      entity: 'EVENT',
      partitionKeyPath: '/source',
    });
    await events.create({ id: 'e1', source: 'metadata', n: 1 });
    await events.create({ id: 'e2', source: 'license', n: 2 });
    expect(await events.get('e1', 'metadata')).toEqual({ id: 'e1', source: 'metadata', n: 1 });
    expect(await events.get('e1', 'license')).toBeUndefined();
    const all = await events.query({
      where: 'c.n > @n',
      parameters: [{ name: '@n', value: 0 }],
      orderBy: 'c.n',
    });
    expect(all.items.map((e) => e.id)).toEqual(['e1', 'e2']);
    // The stand-in ignores the partitionKey option of queries: the repository must filter by the key path itself.
    const one = await events.list({ partitionKey: 'license' });
    expect(one.items.map((e) => e.id)).toEqual(['e2']);
    await expect(events.query({ orderBy: 'c.n; DROP' })).rejects.toThrow(/orderBy/);
    expect(await events.delete('e2', 'license')).toBe(true);
  });

  it('queryFields reads some fields of every item, across partitions, in pages of up to 1,000', async () => {
    const wide = z.object({ id: z.string(), source: z.string(), n: z.number(), body: z.string() });
    const rows = new GlobalRepository({
      container: containers.events,
      schema: wide,
      entity: 'ROW',
      partitionKeyPath: '/source',
    });
    for (let i = 0; i < 1200; i += 100)
      await Promise.all(
        Array.from({ length: 100 }, (_, j) =>
          rows.create({ id: `row${i + j}`, source: `s${(i + j) % 3}`, n: i + j, body: 'x'.repeat(500) }),
        ),
      );
    const first = await rows.queryFields(
      ['source', 'n'],
      { where: 'STARTSWITH(c.id, "row")' },
      {
        maxItemCount: 5000,
      },
    );
    expect(first.items).toHaveLength(1000);
    expect(Object.keys(first.items[0] ?? {}).sort()).toEqual(['n', 'source']);
    const rest = await rows.queryFields(
      ['source', 'n'],
      { where: 'STARTSWITH(c.id, "row")' },
      {
        maxItemCount: 5000,
        continuationToken: first.continuationToken,
      },
    );
    expect(rest.continuationToken).toBeUndefined();
    const ns = [...first.items, ...rest.items].map((r) => r.n).sort((a, b) => a - b);
    expect(ns).toEqual(Array.from({ length: 1200 }, (_, i) => i));
    await expect(rows.queryFields(['n, c.body' as 'n'], {})).rejects.toThrow(/Not a field name/);
  });

  it('records an effect once, even when two records race', async () => {
    const store = new CosmosEffectStore(containers.effects);
    expect(await store.has('mail:a1')).toBe(false);
    const outcomes = await Promise.all([store.record('mail:a1'), store.record('mail:a1')]);
    expect(outcomes.sort()).toEqual(['already-recorded', 'recorded']);
    expect(await store.has('mail:a1')).toBe(true);
  });
});
