import { describe, expect, it } from 'vitest';
import { COMMAND_CHOICES, commandArgs, commandTone, describeCommand, reasonProblem } from './command-model';

describe('command model', () => {
  it('offers exactly the allow-list of the contract', () => {
    expect(COMMAND_CHOICES.map((c) => c.kind).sort()).toEqual(
      ['collect-diagnostics', 'ping', 'refresh-catalog', 'rotate-credential', 'set-log-level'].sort(),
    );
  });
  it('adds the level only to set-log-level', () => {
    expect(commandArgs('set-log-level', 'debug')).toEqual({ kind: 'set-log-level', level: 'debug' });
    expect(commandArgs('ping', 'debug')).toEqual({ kind: 'ping' });
    expect(describeCommand({ kind: 'set-log-level', level: 'warn' })).toBe('Set log level (warn)');
    expect(describeCommand({ kind: 'rotate-credential' })).toBe('Rotate credential');
  });
  it('asks for a reason of 3 to 500 characters', () => {
    expect(reasonProblem('  ok ')).toMatch(/at least 3/);
    expect(reasonProblem('x'.repeat(501))).toMatch(/under 500/);
    expect(reasonProblem('Ping after network change')).toBeUndefined();
  });
  it('gives each state a tone', () => {
    expect(commandTone('succeeded')).toBe('ok');
    expect(commandTone('failed')).toBe('danger');
    expect(commandTone('expired')).toBe('warn');
    expect(commandTone('pending')).toBe('info');
  });
});
