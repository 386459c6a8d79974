import { describe, expect, it } from 'vitest';
import { loadCosmosContainers, parseCosmosContainers } from './ensure-containers';

describe('cosmos-containers.json schema', () => {
  it('accepts the declaration in bicep/', () => {
    const declaration = loadCosmosContainers();
    expect(declaration.database).toBe('kpi');
    expect(declaration.containers.length).toBeGreaterThan(0);
  });

  it.each([
    ['missing database', { containers: [{ name: 'a', partitionKey: '/id' }] }],
    ['no containers', { database: 'kpi', containers: [] }],
    ['partition key without slash', { database: 'kpi', containers: [{ name: 'a', partitionKey: 'id' }] }],
    ['upper-case name', { database: 'kpi', containers: [{ name: 'Catalog', partitionKey: '/id' }] }],
    ['zero ttl', { database: 'kpi', containers: [{ name: 'a', partitionKey: '/id', defaultTtl: 0 }] }],
    [
      'duplicate names',
      {
        database: 'kpi',
        containers: [
          { name: 'a', partitionKey: '/id' },
          { name: 'a', partitionKey: '/x' },
        ],
      },
    ],
  ])('rejects %s', (_label, json) => {
    expect(() => parseCosmosContainers(json)).toThrow(/COSMOS.DECLARATION_INVALID/);
  });
});
