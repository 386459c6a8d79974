/**
 * Issue 12: etags came out bare (`1eb9…`) and a standard `If-Match: "…"` got 412. The stand-in now hands out
 * quoted etags as Azure Cosmos DB does, and the repositories accept the quoted and the old bare form.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Caller } from '@kpi/shared/platform/auth/caller';
import { cosmosClient } from '@kpi/shared/platform/cosmos/cosmos-client';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freePort } from '../net';
import { type RunningCosmos, startCosmos } from './cosmos';

const Note = z.object({ id: z.string(), tenantId: z.string(), text: z.string() });
const olivia: Caller = {
  kind: 'user',
  subject: 's',
  email: 'o@example',
  name: 'o',
  tenantId: 'contoso',
  roles: ['owner'],
  isPlatformStaff: false,
};

let dir: string;
let cosmos: RunningCosmos;
let notes: TenantRepository<z.infer<typeof Note>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kpi-etags-'));
  cosmos = await startCosmos({ port: await freePort(), dataDir: dir });
  const client = cosmosClient({ kind: 'connectionString', value: cosmos.connectionString });
  const { database } = await client.databases.createIfNotExists({ id: 'kpi' });
  const { container } = await database.containers.createIfNotExists({
    id: 'notes',
    partitionKey: { paths: ['/tenantId'] },
  });
  notes = new TenantRepository({ container, schema: Note, entity: 'NOTE' });
});

afterAll(async () => {
  await cosmos?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('Cosmos stand-in etags', () => {
  it('are quoted, on create, read and replace', async () => {
    const created = await notes.create(olivia, { id: 'n1', text: 'a' });
    expect(created.etag).toMatch(/^"[^"]+"$/);
    const read = await notes.getVersioned(olivia, 'n1');
    expect(read?.etag).toBe(created.etag);
  });

  it('If-Match in the quoted form matches; a stale one is 412', async () => {
    const read = await notes.getVersioned(olivia, 'n1');
    const next = await notes.replace(olivia, { id: 'n1', text: 'b' }, { ifMatch: read?.etag as string });
    expect(next.etag).toMatch(/^"[^"]+"$/);
    await expect(
      notes.replace(olivia, { id: 'n1', text: 'c' }, { ifMatch: read?.etag as string }),
    ).rejects.toMatchObject({ httpStatus: 412 });
  });

  it('If-Match in the old bare form still matches', async () => {
    const read = await notes.getVersioned(olivia, 'n1');
    const bare = String(read?.etag).slice(1, -1);
    const next = await notes.replace(olivia, { id: 'n1', text: 'd' }, { ifMatch: bare });
    expect(next.item.text).toBe('d');
  });
});
