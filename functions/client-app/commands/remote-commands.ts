/**
 * The remote commands this deployment runs (from the heartbeat answer; allow-list in
 * shared/contracts/monitoring-command.ts). Each command id runs once, even across instances and restarts:
 * its outcome is stored under its id, and a command delivered again is answered with the stored outcome.
 */
import type { CommandKind, PendingCommand } from '@kpi/shared/contracts/monitoring-command';
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import type { CommandHandler, CommandOutcome } from '@kpi/shared/telemetry/heartbeat-sender';
import type { ClientDeps } from '../license/client-deps';
import type { LicenseRuntime } from '../license/license-runtime';
import { statusView } from '../license/loaded-license';
import { STATE_CONTAINER } from '../state/blob-state';

export interface CommandContext {
  deps: ClientDeps;
  runtime: LicenseRuntime;
  blobs: BlobStore;
  appVersion: string;
  setLogLevel: (level: 'debug' | 'info' | 'warn' | 'error') => void;
}

/** Runs `handler` once per command id. */
function once(blobs: BlobStore, kind: string, handler: CommandHandler): CommandHandler {
  return async (command) => {
    const name = `commands/${command.id.replace(/[^A-Za-z0-9_.:-]/g, '_')}.json`;
    const done = (await blobs.getJson(STATE_CONTAINER, name)) as { outcome?: CommandOutcome } | undefined;
    if (done?.outcome) return done.outcome;
    let outcome: CommandOutcome;
    try {
      outcome = await handler(command);
    } catch (err) {
      outcome = { ok: false, message: `${kind} failed: ${(err as Error).message}` };
    }
    await blobs.putJson(STATE_CONTAINER, name, { kind, at: new Date().toISOString(), outcome });
    return outcome;
  };
}

export function commandHandlers(c: CommandContext): Partial<Record<CommandKind, CommandHandler>> {
  const handlers: Record<CommandKind, CommandHandler> = {
    ping: async () => ({ ok: true, message: 'pong' }),
    'refresh-catalog': async () => {
      const r = await c.runtime.sync({ trigger: 'command:refresh-catalog', forceSnapshot: true });
      return {
        ok: r.snapshot === 'fetched' || r.snapshot === 'not-modified',
        message: `snapshot ${r.snapshot}${r.vendorReachable ? '' : ' (vendor unreachable)'}`,
      };
    },
    'set-log-level': async (command: PendingCommand) => {
      if (command.command.kind !== 'set-log-level') return { ok: false, message: 'no level' };
      c.setLogLevel(command.command.level);
      return { ok: true, message: `log level ${command.command.level}` };
    },
    'collect-diagnostics': async () => {
      const loaded = await c.runtime.current();
      const view = statusView(loaded, c.deps.clock(), c.deps);
      const history = await c.deps.history.page(20);
      return {
        ok: true,
        message: 'diagnostics collected',
        diagnostics: {
          appVersion: c.appVersion,
          node: process.version,
          license: view,
          history: history.items,
          memory: process.memoryUsage(),
          uptimeSeconds: Math.round(process.uptime()),
        },
      };
    },
    // The licence service issues a credential once, at activation, and has no route to issue another to an
    // activated deployment yet; saying so is the honest answer until it does.
    'rotate-credential': async () => ({
      ok: false,
      message: 'credential rotation needs a licence service route that does not exist yet',
    }),
  };
  return Object.fromEntries(
    Object.entries(handlers).map(([kind, h]) => [kind, once(c.blobs, kind, h)]),
  ) as Record<CommandKind, CommandHandler>;
}
