/**
 * A `LastSeenStore` on the Blob port, for the client app: the latest time the deployment has seen, kept in
 * one small JSON blob. `OfflineLicenseVerifier.check` only ever moves it forward.
 */
import type { LastSeenStore } from '../domain/license/verdict';
import type { BlobStore } from '../platform/blob/ports';

export class BlobLastSeenStore implements LastSeenStore {
  constructor(
    private readonly blobs: BlobStore,
    private readonly container: string,
    private readonly name = 'license/last-seen.json',
  ) {}

  async read(): Promise<Date | undefined> {
    const stored = (await this.blobs.getJson(this.container, this.name)) as
      | { lastSeen?: unknown }
      | undefined;
    const time = typeof stored?.lastSeen === 'string' ? Date.parse(stored.lastSeen) : Number.NaN;
    // Unreadable means unknown: the key's own issue time still bounds a roll-back.
    return Number.isNaN(time) ? undefined : new Date(time);
  }

  async write(time: Date): Promise<void> {
    await this.blobs.putJson(this.container, this.name, { lastSeen: time.toISOString() });
  }
}
