import { describe, expect, it } from 'vitest';
import {
  commandArgsSchema,
  issueCommandSchema,
  type RemoteCommand,
} from '../../contracts/monitoring-command';
import { CommandStateError, completeCommand, deliverable, expireIfDue, markDelivered } from './commands';

const now = new Date('2026-11-26T10:00:00.000Z');
const later = (min: number) => new Date(now.getTime() + min * 60_000);
const cmd = (over: Partial<RemoteCommand> = {}): RemoteCommand => ({
  id: 'c1',
  tenantId: 'contoso',
  deploymentId: 'd1',
  command: { kind: 'ping' },
  reason: 'check',
  issuedBy: 'sam@vendor.example',
  issuedAt: now.toISOString(),
  expiresAt: later(60).toISOString(),
  state: 'pending',
  ...over,
});

describe('allow-list', () => {
  it('accepts listed kinds with their arguments only', () => {
    expect(commandArgsSchema.safeParse({ kind: 'set-log-level', level: 'debug' }).success).toBe(true);
    expect(commandArgsSchema.safeParse({ kind: 'set-log-level', level: 'trace' }).success).toBe(false);
    expect(commandArgsSchema.safeParse({ kind: 'shell', cmd: 'rm -rf /' }).success).toBe(false);
    expect(issueCommandSchema.safeParse({ command: { kind: 'ping' }, reason: '' }).success).toBe(false);
  });
});

describe('command state', () => {
  it('delivers pending and unanswered delivered commands until they expire, oldest first', () => {
    const list = [
      cmd({ id: 'b', issuedAt: later(1).toISOString() }),
      cmd({ id: 'a', state: 'delivered' }),
      cmd({ id: 'done', state: 'succeeded' }),
      cmd({ id: 'old', expiresAt: now.toISOString() }),
    ];
    expect(deliverable(list, now).map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('pending → delivered (once) → succeeded; a repeated answer is accepted, a different one is not', () => {
    const d = markDelivered(cmd(), now);
    expect(d).toMatchObject({ state: 'delivered', deliveredAt: now.toISOString() });
    expect(markDelivered(d, later(1))).toBe(d);
    const done = completeCommand(d, { ok: true, message: 'pong' }, later(2));
    expect(done).toMatchObject({ state: 'succeeded', result: { ok: true, message: 'pong' } });
    expect(completeCommand(done, { ok: true, message: 'pong' }, later(3))).toBe(done);
    expect(() => completeCommand(done, { ok: false, message: 'x' }, later(3))).toThrow(CommandStateError);
  });

  it('refuses answers after expiry and expires unanswered commands', () => {
    expect(() => completeCommand(cmd(), { ok: true, message: '' }, later(60))).toThrow(/expired/);
    expect(expireIfDue(cmd(), later(59))).toBeUndefined();
    expect(expireIfDue(cmd({ state: 'delivered' }), later(60))?.state).toBe('expired');
  });
});
