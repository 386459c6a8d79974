/**
 * The remote commands this deployment runs (from the heartbeat answer; allow-list in
 * shared/contracts/monitoring-command.ts). Each command id runs once, even across instances and restarts:
 * its outcome is stored under its id, and a command delivered again is answered with the stored outcome.
 */
import type { CommandKind, PendingCommand } from '@kpi/shared/contracts/monitoring-command';
import type { BlobStore } from '@kpi/shared/platform/blob/ports';
import type { CommandHandler, CommandOutcome } from '@kpi/shared/telemetry/heartbeat-sender';
import { type ClientDeps, SECRETS } from '../license/client-deps';
import type { LicenseRuntime } from '../license/license-runtime';
import { statusView } from '../license/loaded-license';
import { STATE_CONTAINER } from '../state/blob-state';

export interface CommandContext {
  deps: ClientDeps;
  runtime: LicenseRuntime;
  blobs: BlobStore;
  appVersion: string;
  setLogLevel: (level: 'debug' | 'info' | 'warn' | 'error') => void;
  /** Hands a rotated credential to the heartbeat at once (the previous one is revoked already). */
  useCredential: (token: string) => void;
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

/** Key Vault writes of a rotated credential are retried: the licence service revoked the old one already. */
const STORE_ATTEMPTS = 3;

/**
 * `rotate-credential`: the licence service issues a new credential (authenticated with the current one,
 * which it then revokes); it is handed to the heartbeat at once and stored as the Key Vault secret
 * `deployment-credential`, where every instance and the next cold start read it.
 */
async function rotateCredential(c: CommandContext): Promise<CommandOutcome> {
  const { deps } = c;
  const current = await deps.secrets.get(SECRETS.credential);
  if (!current) return { ok: false, message: 'CLIENT.NOT_ACTIVATED: no credential to rotate yet' };
  const r = await deps.vendor.rotateCredential(deps.deploymentId, current);
  if (!r.ok) {
    return {
      ok: false,
      message:
        r.kind === 'refused'
          ? `${r.code}: ${r.message}`
          : `vendor unreachable: ${r.message} (nothing changed)`,
    };
  }
  c.useCredential(r.value.credential);
  let stored: unknown;
  for (let attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
    try {
      await deps.secrets.set(SECRETS.credential, r.value.credential);
      stored = undefined;
      break;
    } catch (err) {
      stored = err;
    }
  }
  const at = deps.clock().toISOString();
  const rotated = `${r.value.previousCredentialId} → ${r.value.credentialId}`;
  if (stored) {
    // This instance keeps using the new credential; an operator must store it before the next cold start.
    deps.log.error('rotated credential not stored in Key Vault', { error: String(stored), rotated });
    await deps.history.append({
      id: deps.newId(),
      at,
      kind: 'credential-rotated',
      outcome: 'failed',
      trigger: 'command:rotate-credential',
      message: `rotated ${rotated}, but not stored in Key Vault: ${String(stored)}`,
    });
    return { ok: false, message: `CLIENT.CREDENTIAL_NOT_STORED: rotated ${rotated}, Key Vault write failed` };
  }
  await deps.history.append({
    id: deps.newId(),
    at,
    kind: 'credential-rotated',
    outcome: 'ok',
    trigger: 'command:rotate-credential',
    message: `credential ${rotated}`,
  });
  return { ok: true, message: `credential rotated: ${rotated}` };
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
    'rotate-credential': () => rotateCredential(c),
  };
  return Object.fromEntries(
    Object.entries(handlers).map(([kind, h]) => [kind, once(c.blobs, kind, h)]),
  ) as Record<CommandKind, CommandHandler>;
}
