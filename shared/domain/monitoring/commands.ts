/**
 * Remote command state: pending → delivered (sent in a heartbeat response; re-sent until answered, the
 * client runs each id once) → succeeded | failed; expired when its time passed unanswered.
 */
import type { CommandResult, RemoteCommand } from '../../contracts/monitoring-command';

/** A result that cannot be accepted (mapped to 409 at the edge). */
export class CommandStateError extends Error {
  override readonly name = 'CommandStateError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const expired = (c: RemoteCommand, now: Date) => c.expiresAt <= now.toISOString();

/** Commands to hand out with a heartbeat at `now`, oldest first. */
export function deliverable(commands: readonly RemoteCommand[], now: Date): RemoteCommand[] {
  return commands
    .filter((c) => (c.state === 'pending' || c.state === 'delivered') && !expired(c, now))
    .sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
}

/** Marks a command delivered (the first time only). */
export function markDelivered(command: RemoteCommand, now: Date): RemoteCommand {
  if (command.state !== 'pending') return command;
  return { ...command, state: 'delivered', deliveredAt: now.toISOString() };
}

/** Pending or delivered commands whose time passed become expired. */
export function expireIfDue(command: RemoteCommand, now: Date): RemoteCommand | undefined {
  if ((command.state === 'pending' || command.state === 'delivered') && expired(command, now)) {
    return { ...command, state: 'expired', completedAt: now.toISOString() };
  }
  return undefined;
}

/** Records the deployment's answer. A repeated identical answer is accepted as is (retries). */
export function completeCommand(
  command: RemoteCommand,
  result: CommandResult,
  now: Date,
  diagnosticsBlob?: string,
): RemoteCommand {
  if (command.state === 'succeeded' || command.state === 'failed') {
    if (command.result?.ok === result.ok) return command;
    throw new CommandStateError(
      'COMMAND.ALREADY_COMPLETED',
      `Command ${command.id} is already ${command.state}`,
    );
  }
  if (command.state === 'expired' || expired(command, now)) {
    throw new CommandStateError('COMMAND.EXPIRED', `Command ${command.id} expired at ${command.expiresAt}`);
  }
  return {
    ...command,
    state: result.ok ? 'succeeded' : 'failed',
    completedAt: now.toISOString(),
    result: { ok: result.ok, message: result.message, ...(diagnosticsBlob ? { diagnosticsBlob } : {}) },
  };
}
