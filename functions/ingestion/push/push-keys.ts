/**
 * Push keys: one per source (or several, to rotate), shown once at creation and stored only as a SHA-256
 * hash. A pushing system sends `Authorization: PushKey pk_<id>.<secret>`; the id finds the stored hash, the
 * secret is compared in constant time. Revoked keys stop at once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PushKeyView } from '@kpi/shared/contracts/ingestion';
import { notFound, unauthorized, unprocessable } from '@kpi/shared/platform/errors';
import type { SourceReader } from '../runs/stores';

export interface StoredPushKey extends PushKeyView {
  /** SHA-256 of the secret, hex. */
  hash: string;
}

export interface PushKeyStore {
  get(id: string): Promise<StoredPushKey | undefined>;
  save(key: StoredPushKey): Promise<void>;
  list(): Promise<StoredPushKey[]>;
}

export interface PushKeyDeps {
  pushKeys: PushKeyStore;
  sources: SourceReader;
  clock: () => Date;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const view = ({ hash: _hash, ...v }: StoredPushKey): PushKeyView => v;

export async function createPushKey(
  deps: PushKeyDeps,
  input: { sourceId: string; name: string },
  createdBy: string,
): Promise<PushKeyView & { key: string }> {
  if (!(await deps.sources.get(input.sourceId))) {
    throw unprocessable('INGESTION.SOURCE_UNKNOWN', `Source ${input.sourceId} does not exist`);
  }
  const id = randomBytes(9).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  const stored: StoredPushKey = {
    id,
    sourceId: input.sourceId,
    name: input.name,
    createdAt: deps.clock().toISOString(),
    createdBy,
    hash: sha256(secret),
  };
  await deps.pushKeys.save(stored);
  return { ...view(stored), key: `pk_${id}.${secret}` };
}

export async function revokePushKey(deps: PushKeyDeps, id: string): Promise<PushKeyView> {
  const found = await deps.pushKeys.get(id);
  if (!found) throw notFound('INGESTION.PUSH_KEY_NOT_FOUND', `Push key ${id} does not exist`);
  if (found.revokedAt) return view(found);
  const revoked = { ...found, revokedAt: deps.clock().toISOString() };
  await deps.pushKeys.save(revoked);
  return view(revoked);
}

const invalid = () =>
  unauthorized('INGESTION.PUSH_KEY_INVALID', 'Send a valid push key: Authorization: PushKey <key>');

/** The source a push key stands for; `INGESTION.PUSH_KEY_INVALID` (401) for a missing, wrong or revoked key. */
export async function authenticatePush(deps: Pick<PushKeyDeps, 'pushKeys'>, header: string | null) {
  const m = /^PushKey pk_([A-Za-z0-9_-]{1,40})\.([A-Za-z0-9_-]{20,100})$/.exec(header?.trim() ?? '');
  if (!m) throw invalid();
  const stored = await deps.pushKeys.get(m[1] as string);
  if (!stored || stored.revokedAt) throw invalid();
  const a = Buffer.from(sha256(m[2] as string), 'hex');
  const b = Buffer.from(stored.hash, 'hex');
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw invalid();
  return { sourceId: stored.sourceId, keyId: stored.id };
}

/**
 * Push keys read at most every `ttlMs` per key (a push stream would otherwise read its key on every call). A
 * revocation through this instance takes effect at once; on other instances within `ttlMs`.
 */
export class CachedPushKeys implements PushKeyStore {
  private readonly cache = new Map<string, { at: number; key: StoredPushKey | undefined }>();

  constructor(
    private readonly store: PushKeyStore,
    private readonly ttlMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(id: string): Promise<StoredPushKey | undefined> {
    const hit = this.cache.get(id);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.key;
    const key = await this.store.get(id);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { at: this.now(), key });
    return key;
  }

  async save(key: StoredPushKey): Promise<void> {
    this.cache.delete(key.id);
    await this.store.save(key);
  }

  list(): Promise<StoredPushKey[]> {
    return this.store.list();
  }
}
