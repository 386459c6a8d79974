import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';

/** Azure's defaults for a queue or subscription that does not say otherwise. */
export const defaultMaxDeliveryCount = 10;
export const defaultLockDurationSeconds = 60;

const receivableSchema = z.object({
  name: z.string().min(1),
  maxDeliveryCount: z.number().int().min(1).optional(),
  lockDurationSeconds: z.number().positive().max(300).optional(),
});

/** Shape of `bicep/servicebus-entities.json` (shared with Bicep through loadJsonContent). */
export const entitiesDeclarationSchema = z.object({
  queues: z.array(receivableSchema),
  topics: z.array(z.object({ name: z.string().min(1), subscriptions: z.array(receivableSchema) })),
});

/** Queues and topics (with their subscriptions) the broker serves. */
export type EntitiesDeclaration = z.infer<typeof entitiesDeclarationSchema>;

/** Settings of one receivable entity (queue, subscription or dead-letter queue), defaults applied. */
export interface ReceiveSettings {
  maxDeliveryCount: number;
  lockMs: number;
}

/** Applies Azure's defaults to a declared queue or subscription. */
export function receiveSettings(entity: z.infer<typeof receivableSchema>): ReceiveSettings {
  return {
    maxDeliveryCount: entity.maxDeliveryCount ?? defaultMaxDeliveryCount,
    lockMs: (entity.lockDurationSeconds ?? defaultLockDurationSeconds) * 1000,
  };
}

/** The repository root: the nearest folder above this file holding `bicep/` and `package.json`. */
export function repoRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bicep')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir)
      throw new Error(`SERVICEBUS.REPO_ROOT_NOT_FOUND: no repository root above ${from}`);
  }
}

/**
 * Reads and validates an entities declaration; relative paths are resolved against the repository
 * root. Throws an error naming the file and the first invalid property.
 */
export function loadEntities(file = 'bicep/servicebus-entities.json'): EntitiesDeclaration {
  const path = isAbsolute(file) ? file : join(repoRoot(), file);
  const parsed = entitiesDeclarationSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `SERVICEBUS.ENTITIES_INVALID: ${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  return parsed.data;
}
