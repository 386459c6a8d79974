// Tests of shared/platform/cosmos/container-names.ts and shared/platform/servicebus/entity-names.ts: the
// run-time side of the declarations this folder cross-checks.
import { containerName, createContainerNames } from '@kpi/shared/platform/cosmos/container-names';
import {
  createEntityNames,
  EntityErrorCodes,
  subscriptionName,
  topicName,
} from '@kpi/shared/platform/servicebus/entity-names';
import { describe, expect, it } from 'vitest';

describe('containerName', () => {
  it('returns a name declared in bicep/cosmos-containers.json', () => {
    expect(containerName('catalog')).toBe('catalog');
  });

  it('throws COSMOS.CONTAINER_UNDECLARED for anything else', () => {
    expect(() => containerName('not-declared')).toThrow(
      expect.objectContaining({ code: 'COSMOS.CONTAINER_UNDECLARED' }),
    );
  });

  it('rejects a malformed declaration', () => {
    expect(() => createContainerNames({ database: 'kpi', containers: [] })).toThrow(
      expect.objectContaining({ code: 'COSMOS.DECLARATION_INVALID' }),
    );
  });
});

describe('topicName / queueName / subscriptionName', () => {
  const names = createEntityNames({
    queues: [{ name: 'jobs' }],
    topics: [{ name: 'events', subscriptions: [{ name: 'audit' }] }],
  });

  it('return declared names', () => {
    expect(names.topicName('events')).toBe('events');
    expect(names.queueName('jobs')).toBe('jobs');
    expect(names.subscriptionName('events', 'audit')).toBe('audit');
    expect(topicName('catalog-events')).toBe('catalog-events');
    expect(subscriptionName('catalog-events', 'monitoring')).toBe('monitoring');
  });

  it('throw a stable code for undeclared names, including a subscription under the wrong topic', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return 'no error';
    };
    expect(code(() => names.topicName('jobs'))).toBe(EntityErrorCodes.topicUndeclared);
    expect(code(() => names.queueName('events'))).toBe(EntityErrorCodes.queueUndeclared);
    expect(code(() => names.subscriptionName('events', 'other'))).toBe(
      EntityErrorCodes.subscriptionUndeclared,
    );
    expect(code(() => names.subscriptionName('nope', 'audit'))).toBe(EntityErrorCodes.topicUndeclared);
  });

  it('rejects a malformed declaration', () => {
    expect(() => createEntityNames({ topics: [] })).toThrow(
      expect.objectContaining({ code: 'SERVICEBUS.DECLARATION_INVALID' }),
    );
  });
});
