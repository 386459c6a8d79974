import { describe, expect, it } from 'vitest';
import { COMMAND_RESULT_LIMITS, commandResultSchema, diagnosticsProblem } from './monitoring-command';

const nested = (depth: number) => {
  let v: unknown = {};
  for (let i = 1; i < depth; i++) v = { d: v };
  return v as Record<string, unknown>;
};

describe('command result diagnostics are bounded before anything stores them', () => {
  it('refuses diagnostics nested 10,000 deep (JSON.stringify of them overflowed the stack: a 500)', () => {
    const parsed = commandResultSchema.safeParse({ ok: true, diagnostics: nested(10_000) });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/deeper than 32 levels/);
  });

  it('takes diagnostics up to the depth limit', () => {
    expect(diagnosticsProblem(nested(COMMAND_RESULT_LIMITS.maxDiagnosticsDepth))).toBeUndefined();
    expect(diagnosticsProblem(nested(COMMAND_RESULT_LIMITS.maxDiagnosticsDepth + 1))).toMatch(/deeper/);
    expect(
      commandResultSchema.parse({ ok: true, diagnostics: { heapMb: 120, slowQueries: ['q1'] } }).diagnostics,
    ).toEqual({ heapMb: 120, slowQueries: ['q1'] });
  });

  it('refuses more values than the limit, however flat', () => {
    const many = { items: Array.from({ length: COMMAND_RESULT_LIMITS.maxDiagnosticsValues }, (_, i) => i) };
    expect(diagnosticsProblem(many)).toMatch(/more than 20000 values/);
    expect(diagnosticsProblem({ items: many.items.slice(0, 1000) })).toBeUndefined();
  });
});
