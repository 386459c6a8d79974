import { describe, expect, it } from 'vitest';
import { loadClientCosmosContainers, loadCosmosContainers, parseCosmosContainers } from './ensure-containers';

describe('cosmos-containers.json schema', () => {
  it('accepts the declaration in bicep/', () => {
    const declaration = loadCosmosContainers();
    expect(declaration.database).toBe('kpi');
    expect(declaration.containers.length).toBeGreaterThan(0);
  });

  it("accepts a client deployment's declaration, a database of its own", () => {
    expect(loadClientCosmosContainers().database).toBe('kpi-client');
  });

  it.each([
    ['missing database', { containers: [{ name: 'a', partitionKey: '/id' }] }],
    ['no container list', { database: 'kpi' }],
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
