import { describe, expect, it } from 'vitest';
import { ClaimsMother, NOW } from '../domain/license/license-mother';
import type { BlobBytes, BlobInfo, BlobStore } from '../platform/blob/ports';
import { BlobLastSeenStore } from './blob-last-seen-store';
import { newKeyRing, publicJwks } from './key-ring';
import { LicenseSigner } from './license-signer';
import { OfflineLicenseVerifier } from './offline-verifier';

/** Keeps JSON blobs in a map. */
class MemoryJsonBlobs implements BlobStore {
  readonly json = new Map<string, unknown>();
  async putJson(container: string, name: string, value: unknown) {
    this.json.set(`${container}/${name}`, structuredClone(value));
  }
  async getJson(container: string, name: string) {
    return this.json.get(`${container}/${name}`);
  }
  async putBytes(): Promise<void> {
    throw new Error('not used');
  }
  async getBytes(): Promise<BlobBytes | undefined> {
    throw new Error('not used');
  }
  async list(): Promise<BlobInfo[]> {
    return [];
  }
  async delete(container: string, name: string) {
    return this.json.delete(`${container}/${name}`);
  }
}

describe('BlobLastSeenStore', () => {
  it('round-trips the time; missing or garbled reads as unknown', async () => {
    const blobs = new MemoryJsonBlobs();
    const store = new BlobLastSeenStore(blobs, 'client-state');
    expect(await store.read()).toBeUndefined();
    await store.write(NOW);
    expect(await store.read()).toEqual(NOW);
    await blobs.putJson('client-state', 'license/last-seen.json', { lastSeen: 'yesterday-ish' });
    expect(await store.read()).toBeUndefined();
  });

  it('lets the verifier detect a clock turned back between two starts', async () => {
    const ring = newKeyRing(NOW);
    const key = new LicenseSigner(ring).sign(ClaimsMother.valid());
    const verifier = new OfflineLicenseVerifier(publicJwks(ring, NOW));
    const blobs = new MemoryJsonBlobs();
    const first = await verifier.check(key, { now: NOW, lastSeen: new BlobLastSeenStore(blobs, 'c') });
    expect(first.kind).toBe('full');
    const later = await verifier.check(key, {
      now: new Date(NOW.getTime() - 3_600_000),
      lastSeen: new BlobLastSeenStore(blobs, 'c'),
    });
    expect(later).toMatchObject({ kind: 'refuse', reason: 'LICENSE.CLOCK_ROLLBACK' });
  });
});
