import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entitiesDeclarationSchema, loadEntities, receiveSettings } from './entities';

describe('entities declaration', () => {
  it('loads bicep/servicebus-entities.json by default and it is valid', () => {
    const declared = loadEntities();
    expect(entitiesDeclarationSchema.safeParse(declared).success).toBe(true);
    expect(Array.isArray(declared.queues)).toBe(true);
    expect(Array.isArray(declared.topics)).toBe(true);
  });

  it('applies Azure defaults: 10 deliveries, 60 s lock', () => {
    expect(receiveSettings({ name: 'q' })).toEqual({ maxDeliveryCount: 10, lockMs: 60_000 });
    expect(receiveSettings({ name: 'q', maxDeliveryCount: 3, lockDurationSeconds: 5 })).toEqual({
      maxDeliveryCount: 3,
      lockMs: 5_000,
    });
  });

  it('names the file and the property when the declaration is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-entities-'));
    try {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({ queues: [{ name: 'q', maxDeliveryCount: 0 }], topics: [] }));
      expect(() => loadEntities(file)).toThrow(
        /SERVICEBUS\.ENTITIES_INVALID: .*bad\.json: queues\.0\.maxDeliveryCount/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
