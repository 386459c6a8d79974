import { describe, expect, it } from 'vitest';
import { erpSource } from '../testing/fakes';
import {
  authenticatePush,
  CachedPushKeys,
  createPushKey,
  type PushKeyStore,
  revokePushKey,
  type StoredPushKey,
} from './push-keys';

function store(): PushKeyStore & { items: Map<string, StoredPushKey> } {
  const items = new Map<string, StoredPushKey>();
  return {
    items,
    get: async (id) => items.get(id),
    save: async (k) => void items.set(k.id, k),
    list: async () => [...items.values()],
  };
}
const deps = (pushKeys: PushKeyStore) => ({
  pushKeys,
  sources: { get: async (id: string) => (id === 'erp' ? erpSource : undefined), scheduled: async () => [] },
  clock: () => new Date('2026-06-01T00:00:00Z'),
});

describe('push keys', () => {
  it('shows the key once, stores only its hash, authenticates it and stops at revocation', async () => {
    const s = store();
    const keys = new CachedPushKeys(s);
    const created = await createPushKey(deps(keys), { sourceId: 'erp', name: 'shop' }, 'olivia');
    const secret = created.key.split('.')[1] as string;
    expect(JSON.stringify([...s.items.values()])).not.toContain(secret);
    expect(await authenticatePush({ pushKeys: keys }, `PushKey ${created.key}`)).toEqual({
      sourceId: 'erp',
      keyId: created.id,
    });
    const wrong = `PushKey ${created.key.slice(0, -2)}xx`;
    await expect(authenticatePush({ pushKeys: keys }, wrong)).rejects.toMatchObject({
      code: 'INGESTION.PUSH_KEY_INVALID',
    });
    await expect(authenticatePush({ pushKeys: keys }, null)).rejects.toMatchObject({ httpStatus: 401 });
    await revokePushKey(deps(keys), created.id);
    // Revoked through this instance: refused at once, cache or not.
    await expect(authenticatePush({ pushKeys: keys }, `PushKey ${created.key}`)).rejects.toMatchObject({
      code: 'INGESTION.PUSH_KEY_INVALID',
    });
  });

  it('refuses a key for a source that does not exist', async () => {
    await expect(createPushKey(deps(store()), { sourceId: 'nope', name: 'x' }, 'o')).rejects.toMatchObject({
      code: 'INGESTION.SOURCE_UNKNOWN',
    });
  });
});
