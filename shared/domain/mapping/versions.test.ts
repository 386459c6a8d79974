import { describe, expect, it } from 'vitest';
import { MappingMother, READING } from './mapping-mother';
import { diffMappings, publishMapping } from './versions';

describe('mapping versions', () => {
  const v1 = {
    ...MappingMother.draft({
      id: { column: 'no' },
      readAt: { column: 'ts' },
      units: { column: 'u' },
      status: { transform: { kind: 'enum', column: 's', values: { O: 'open' }, caseInsensitive: true } },
    }),
    status: 'published' as const,
  };

  it('diffs fields added, removed and changed (key order does not count)', () => {
    const v2 = {
      ...v1,
      version: 2,
      fields: {
        id: { column: 'no' },
        readAt: { transform: { kind: 'date' as const, column: 'ts', format: 'epoch-s' } },
        status: {
          transform: { kind: 'enum' as const, caseInsensitive: true, values: { O: 'open' }, column: 's' },
        },
        label: { column: 'l' },
      },
    };
    expect(diffMappings(v1, v2)).toEqual({
      fromVersion: 1,
      toVersion: 2,
      added: [{ field: 'label', to: { column: 'l' } }],
      removed: [{ field: 'units', from: { column: 'u' } }],
      changed: [
        {
          field: 'readAt',
          from: { column: 'ts' },
          to: { transform: { kind: 'date', column: 'ts', format: 'epoch-s' } },
        },
      ],
    });
  });

  it('publishes a valid draft as the next version with its diff, and refuses one with errors', () => {
    const draft = MappingMother.draft({ ...v1.fields, label: { column: 'l' } });
    const r = publishMapping(draft, v1, READING, {}, 'ada@client.example', '2026-12-07T22:00:00.000Z');
    expect(r.ok && r.published).toMatchObject({
      version: 2,
      status: 'published',
      publishedBy: 'ada@client.example',
    });
    expect(r.ok && r.diff?.added).toEqual([{ field: 'label', to: { column: 'l' } }]);
    const bad = publishMapping(
      MappingMother.draft({ units: { column: 'u' } }),
      v1,
      READING,
      {},
      'ada',
      '2026-12-07T22:00:00.000Z',
    );
    expect(bad.ok ? [] : bad.issues.map((i) => i.code)).toEqual([
      'MAPPING.KEY_UNMAPPED',
      'MAPPING.TIME_UNMAPPED',
    ]);
  });
});
