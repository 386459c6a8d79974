import { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { createLogger, invocationLogger } from './log';

describe('log', () => {
  it('writes one JSON line per entry through the invocation context, with bound fields', () => {
    const lines: { level: string; line: string }[] = [];
    const context = new InvocationContext({
      invocationId: 'inv-9',
      functionName: 'tree-get',
      logHandler: (level, ...args) => lines.push({ level, line: String(args[0]) }),
    });
    const log = invocationLogger(context, 'metadata', { requestId: 'r1' }).child({ tenantId: 'contoso' });
    log.info('hello', { n: 1 });
    log.error('failed', { error: new Error('bad') });
    expect(lines.map((l) => l.level)).toEqual(['information', 'error']);
    const first = JSON.parse(lines[0]?.line ?? '');
    expect(first).toMatchObject({
      level: 'info',
      msg: 'hello',
      app: 'metadata',
      function: 'tree-get',
      invocationId: 'inv-9',
      requestId: 'r1',
      tenantId: 'contoso',
      n: 1,
    });
    expect(Date.parse(first.time)).not.toBeNaN();
    expect(JSON.parse(lines[1]?.line ?? '').error).toMatchObject({ name: 'Error', message: 'bad' });
  });

  it('survives circular fields', () => {
    const out: string[] = [];
    const a: Record<string, unknown> = {};
    a.self = a;
    createLogger({ app: 'x' }, (_l, line) => out.push(line)).warn('loop', { a });
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ msg: 'loop', level: 'warn' });
  });
});
