/** Cosmos adapters of the push ports: `push-keys` (/id) and the batch outcomes in `ingestion-effects` (/id). */
import type { Container } from '@azure/cosmos';
import type { PushResult } from '@kpi/shared/contracts/ingestion';
import { CosmosEffectStore } from '@kpi/shared/platform/servicebus/cosmos-effect-store';
import type { PushKeyStore, StoredPushKey } from './push-keys';

export class CosmosPushKeyStore implements PushKeyStore {
  constructor(private readonly container: Container) {}

  async get(id: string): Promise<StoredPushKey | undefined> {
    const res = await this.container.item(id, id).read<StoredPushKey>();
    if (res.statusCode === 404 || !res.resource) return undefined;
    const { id: i, sourceId, name, createdAt, createdBy, hash, revokedAt } = res.resource;
    return { id: i, sourceId, name, createdAt, createdBy, hash, ...(revokedAt ? { revokedAt } : {}) };
  }

  async save(key: StoredPushKey): Promise<void> {
    await this.container.items.upsert(key);
  }

  async list(): Promise<StoredPushKey[]> {
    const { resources } = await this.container.items
      .query<StoredPushKey>('SELECT * FROM c ORDER BY c.createdAt DESC')
      .fetchAll();
    return resources;
  }
}

/** Effects with the outcome kept, so a duplicate push is answered as the first one was. */
export class CosmosPushOutcomes extends CosmosEffectStore {
  constructor(private readonly items: Container) {
    super(items);
  }

  async outcome(key: string): Promise<PushResult | undefined> {
    const res = await this.items.item(key, key).read<{ outcome?: PushResult }>();
    return res.statusCode === 404 ? undefined : res.resource?.outcome;
  }
}
