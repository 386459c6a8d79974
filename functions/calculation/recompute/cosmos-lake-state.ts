/** Which lake files results were computed from, per object, in `calculation-state` (id `lake:<Object>`). */
import type { Container } from '@azure/cosmos';
import type { LakeStateStore } from './calculation';
import type { ComputedLake } from './lake-diff';

export class CosmosLakeState implements LakeStateStore {
  constructor(private readonly container: Container) {}

  async get(object: string): Promise<ComputedLake | undefined> {
    const id = `lake:${object}`;
    const res = await this.container.item(id, id).read<ComputedLake & { id: string }>();
    if (res.statusCode === 404 || !res.resource) return undefined;
    const { object: o, version, files } = res.resource;
    return { object: o, version, files };
  }

  async put(state: ComputedLake): Promise<void> {
    await this.container.items.upsert({ id: `lake:${state.object}`, ...state });
  }
}
