/** The state, history and command documents on the deployment's Blob storage (container `client-app`). */
import type { ValidationEntry } from '@kpi/shared/contracts/client-app';
import { STORED_SNAPSHOT } from '@kpi/shared/license/catalog-snapshot';
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import type { HistoryStore, LicenseState, StateStore, StoredSnapshot } from './client-state';

export const STATE_CONTAINER = STORED_SNAPSHOT.container;

export class BlobStateStore implements StateStore {
  constructor(private readonly blobs: BlobStore) {}

  async readLicense(): Promise<LicenseState | undefined> {
    return (await this.blobs.getJson(STATE_CONTAINER, 'license/state.json')) as LicenseState | undefined;
  }

  writeLicense(state: LicenseState): Promise<void> {
    return this.blobs.putJson(STATE_CONTAINER, 'license/state.json', state);
  }

  async readSnapshot(): Promise<StoredSnapshot | undefined> {
    return (await this.blobs.getJson(STORED_SNAPSHOT.container, STORED_SNAPSHOT.blob)) as
      | StoredSnapshot
      | undefined;
  }

  writeSnapshot(snapshot: StoredSnapshot): Promise<void> {
    // Mapping, ingestion and calculation read it from here (shared/license/catalog-snapshot.ts).
    return this.blobs.putJson(STORED_SNAPSHOT.container, STORED_SNAPSHOT.blob, snapshot);
  }
}

/**
 * History entries as one blob each, named so that name order is newest first (inverted time), which is the
 * order Blob listing gives. The continuation token is the last name of the previous page.
 */
export class BlobHistoryStore implements HistoryStore {
  constructor(private readonly blobs: BlobStore) {}

  async append(entry: ValidationEntry): Promise<void> {
    const inverted = String(9_999_999_999_999 - Date.parse(entry.at)).padStart(13, '0');
    await this.blobs.putJson(STATE_CONTAINER, `history/${inverted}-${entry.id}.json`, entry);
  }

  async page(limit: number, continuationToken?: string) {
    const names = (await this.blobs.list(STATE_CONTAINER, 'history/'))
      .map((b) => b.name)
      .filter((n) => continuationToken === undefined || n > continuationToken);
    const chosen = names.slice(0, limit);
    const items = (
      await Promise.all(chosen.map((n) => this.blobs.getJson(STATE_CONTAINER, n) as Promise<ValidationEntry>))
    ).filter((e): e is ValidationEntry => e !== undefined);
    const last = chosen.at(-1);
    return { items, ...(names.length > limit && last ? { continuationToken: last } : {}) };
  }
}
