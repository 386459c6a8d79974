import { describe, expect, it } from 'vitest';
import { scanCode } from './code-scan';

const scan = (text: string) => scanCode([{ path: 'functions/x/index.ts', text }]);

describe('scanCode', () => {
  it('finds containerName() calls with literals', () => {
    const code = scan(
      'const c = db.container(containerName(\'catalog\'));\nconst d = containerName("effects");',
    );
    expect(code.containers).toEqual([
      { name: 'catalog', at: 'functions/x/index.ts:1' },
      { name: 'effects', at: 'functions/x/index.ts:2' },
    ]);
    expect(code.problems).toEqual([]);
  });

  it('finds publisher calls and pairs a trigger subscription with its topic', () => {
    const text = [
      "await publisher.publish(topicName('catalog-events'), event);",
      "app.serviceBusTopic('on-catalog', {",
      "  connection: 'SERVICEBUS',",
      "  topicName: 'catalog-events',",
      "  subscriptionName: 'monitoring',",
      '  handler: h({ a: 1 }),',
      '});',
      "app.serviceBusQueue('on-job', { connection: 'SERVICEBUS', queueName: queueName('jobs'), handler });",
    ].join('\n');
    const code = scan(text);
    expect(code.topics.map((t) => t.name)).toEqual(['catalog-events', 'catalog-events']);
    expect(code.queues.map((q) => q.name)).toEqual(['jobs']);
    expect(code.subscriptions).toEqual([{ name: 'catalog-events/monitoring', at: 'functions/x/index.ts:5' }]);
    expect(code.triggers).toEqual([
      { at: 'functions/x/index.ts:2', connection: 'SERVICEBUS' },
      { at: 'functions/x/index.ts:8', connection: 'SERVICEBUS' },
    ]);
    expect(code.problems).toEqual([]);
  });

  it('reads subscriptionName(topic, sub) calls, as values too, and the topicName(...) value form', () => {
    const text =
      "app.serviceBusTopic('t', { topicName: topicName('a'), subscriptionName: subscriptionName('a', 'b') });";
    const code = scan(text);
    expect(code.subscriptions.map((s) => s.name)).toEqual(['a/b']);
    expect(code.topics.map((t) => t.name)).toEqual(['a']);
    expect(code.triggers).toEqual([{ at: 'functions/x/index.ts:1', connection: undefined }]);
  });

  it('ignores type annotations', () => {
    expect(scan('interface R { topicName: string; queueName: string }').problems).toEqual([]);
  });

  it('reports names the check cannot see', () => {
    const text = [
      'const c = containerName(name);',
      "const d = db.container('raw');",
      "const s = client.createSender('topic');",
      "await publisher.publish('topic', e);",
      "app.serviceBusTopic('t', { topicName: someTopic, subscriptionName: 's' });",
    ].join('\n');
    expect(scan(text).problems).toEqual([
      'functions/x/index.ts:5: topicName is not a literal or a topicName(...) call: someTopic',
      "functions/x/index.ts:5: subscriptionName 's' without a topicName",
      'functions/x/index.ts:2: names a Cosmos container directly; use containerName()',
      'functions/x/index.ts:3: names a Service Bus entity directly; use topicName()/queueName()',
      'functions/x/index.ts:4: publishes to a literal topic; use topicName()',
      'functions/x/index.ts:1: calls containerName() with a non-literal; the cross-check cannot see it',
    ]);
  });
});
