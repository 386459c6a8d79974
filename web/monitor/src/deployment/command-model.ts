/** The remote-command allow-list as the UI offers it (mirrors `COMMAND_KINDS` in the contract). */
import type { CommandArgs, CommandKind, CommandState } from '@kpi/shared/contracts/monitoring-command';

export const COMMAND_CHOICES: readonly { kind: CommandKind; label: string; help: string }[] = [
  { kind: 'ping', label: 'Ping', help: 'Answers at once: checks that commands reach the deployment.' },
  { kind: 'refresh-catalog', label: 'Refresh catalog', help: 'Fetches the KPI catalog snapshot again.' },
  { kind: 'collect-diagnostics', label: 'Collect diagnostics', help: 'Uploads a diagnostics bundle.' },
  { kind: 'set-log-level', label: 'Set log level', help: 'Changes how much the deployment logs.' },
  { kind: 'rotate-credential', label: 'Rotate credential', help: 'Issues a new deployment credential.' },
];

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Expiry choices in minutes (the API allows 1 minute to a week). */
export const EXPIRY_CHOICES = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 1440, label: '1 day' },
  { minutes: 10_080, label: '1 week' },
] as const;

/** The command body for a kind (only set-log-level takes an argument). */
export function commandArgs(kind: CommandKind, level: LogLevel): CommandArgs {
  return kind === 'set-log-level' ? { kind, level } : { kind };
}

/** "Set log level (debug)", "Ping". */
export function describeCommand(args: CommandArgs): string {
  const label = COMMAND_CHOICES.find((c) => c.kind === args.kind)?.label ?? args.kind;
  return args.kind === 'set-log-level' ? `${label} (${args.level})` : label;
}

/** Tone of a command state. */
export function commandTone(state: CommandState): 'ok' | 'warn' | 'danger' | 'info' {
  if (state === 'succeeded') return 'ok';
  if (state === 'failed') return 'danger';
  if (state === 'expired') return 'warn';
  return 'info';
}

/** A reason must say something (the API asks for 3 to 500 characters). */
export function reasonProblem(reason: string): string | undefined {
  const r = reason.trim();
  if (r.length < 3) return 'Give a reason of at least 3 characters: it is audited and shown to the tenant.';
  if (r.length > 500) return 'Keep the reason under 500 characters.';
  return undefined;
}
