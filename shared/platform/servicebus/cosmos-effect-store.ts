import type { Container } from '@azure/cosmos';
import { cosmosStatus } from '../cosmos/partitioned-store';
import type { EffectStore } from './ports';

/**
 * `EffectStore` on the Cosmos container `effects` (partition key `/id`, items expire by the container's
 * default TTL in Azure; the local stand-in keeps them). `record` is a create, so of two concurrent records
 * exactly one wins (409 for the other).
 */
export class CosmosEffectStore implements EffectStore {
  constructor(private readonly container: Container) {}

  async has(key: string): Promise<boolean> {
    const res = await this.container.item(key, key).read();
    return res.statusCode !== 404 && res.resource !== undefined;
  }

  async record(
    key: string,
    info?: Readonly<Record<string, unknown>>,
  ): Promise<'recorded' | 'already-recorded'> {
    try {
      await this.container.items.create({ ...info, id: key, recordedAt: new Date().toISOString() });
      return 'recorded';
    } catch (err) {
      if (cosmosStatus(err) === 409) return 'already-recorded';
      throw err;
    }
  }
}
