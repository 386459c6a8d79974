/**
 * Remote commands: support issues, the next heartbeat carries them, the deployment answers. Every step is
 * audited in the deployment's tenant.
 */
import { randomUUID } from 'node:crypto';
import type { issueCommandSchema } from '@kpi/shared/contracts/monitoring-command';
import {
  COMMAND_RESULT_LIMITS,
  type CommandResult,
  type PendingCommand,
  type RemoteCommand,
} from '@kpi/shared/contracts/monitoring-command';
import {
  CommandStateError,
  completeCommand,
  deliverable,
  expireIfDue,
  markDelivered,
} from '@kpi/shared/domain/monitoring/commands';
import type { Caller, DeploymentCaller } from '@kpi/shared/platform/auth/caller';
import { isPreconditionFailed } from '@kpi/shared/platform/cosmos/conditions';
import { scopeFor, type TenantScope } from '@kpi/shared/platform/cosmos/tenant-scope';
import { AppError, conflict, notFound, payloadTooLarge } from '@kpi/shared/platform/errors';
import type { z } from 'zod';
import { recordAudit } from '../audit/record-audit';
import type { AppDeps } from '../dependencies';

/** Blob container of diagnostics bundles: `<tenant>/<deployment>/<command>.json`. */
export const DIAGNOSTICS_CONTAINER = 'diagnostics';

/** Commands to deliver with a heartbeat; pending ones become delivered. */
export async function takePendingCommands(
  deps: Pick<AppDeps, 'commands'>,
  scope: TenantScope,
  deploymentId: string,
  now: Date,
): Promise<PendingCommand[]> {
  const page = await deps.commands.query(
    scope,
    {
      where: "c.deploymentId = @d AND (c.state = 'pending' OR c.state = 'delivered')",
      parameters: [{ name: '@d', value: deploymentId }],
    },
    { maxItemCount: 20 },
  );
  const out: PendingCommand[] = [];
  for (const cmd of deliverable(page.items, now)) {
    if (cmd.state === 'pending') await deps.commands.replace(scope, markDelivered(cmd, now));
    out.push({ id: cmd.id, command: cmd.command, expiresAt: cmd.expiresAt });
  }
  return out;
}

/** Support issues a command for a deployment of `tenantId`. */
export async function issueCommand(
  deps: Pick<AppDeps, 'commands' | 'deployments' | 'audit'>,
  caller: Caller,
  tenantId: string,
  deploymentId: string,
  input: z.infer<typeof issueCommandSchema>,
  now: Date = new Date(),
): Promise<RemoteCommand> {
  const scope = scopeFor(caller, tenantId);
  if (!(await deps.deployments.get(scope, deploymentId))) {
    throw notFound('DEPLOYMENT.NOT_FOUND', `Deployment ${deploymentId} does not exist in tenant ${tenantId}`);
  }
  const command: RemoteCommand = {
    id: randomUUID(),
    tenantId,
    deploymentId,
    command: input.command,
    reason: input.reason,
    issuedBy: caller.email,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.expiresInMinutes * 60_000).toISOString(),
    state: 'pending',
  };
  await deps.commands.create(scope, command);
  await flagCommandsPending(deps, scope, deploymentId);
  await recordAudit(deps, scope, {
    actor: caller.email,
    action: 'command.issued',
    target: command.id,
    deploymentId,
    details: { kind: command.command.kind, reason: input.reason, expiresAt: command.expiresAt },
    at: now,
  });
  return command;
}

/** Tells the deployment's heartbeats to look for commands (they skip the query otherwise). */
async function flagCommandsPending(
  deps: Pick<AppDeps, 'deployments'>,
  scope: TenantScope,
  deploymentId: string,
) {
  for (let attempt = 1; attempt <= 10; attempt++) {
    const found = await deps.deployments.getVersioned(scope, deploymentId);
    if (!found || found.item.commandsPending) return;
    try {
      await deps.deployments.replace(
        scope,
        { ...found.item, commandsPending: true },
        { ifMatch: found.etag },
      );
      return;
    } catch (err) {
      if (!isPreconditionFailed(err)) throw err;
    }
  }
  throw new AppError('COMMAND.FLAG_FAILED', 'The deployment kept changing; issue the command again', 503);
}

/** The deployment answers a command it received. */
export async function recordCommandResult(
  deps: Pick<AppDeps, 'commands' | 'audit' | 'blobStore'>,
  caller: DeploymentCaller,
  commandId: string,
  result: CommandResult,
  now: Date = new Date(),
): Promise<RemoteCommand> {
  const scope = scopeFor(caller);
  const found = await deps.commands.getVersioned(scope, commandId);
  if (!found || found.item.deploymentId !== caller.deploymentId) {
    throw notFound('COMMAND.NOT_FOUND', `Command ${commandId} does not exist for this deployment`);
  }
  let blob: string | undefined;
  if (result.diagnostics && found.item.command.kind === 'collect-diagnostics') {
    const bytes = Buffer.byteLength(JSON.stringify(result.diagnostics));
    if (bytes > COMMAND_RESULT_LIMITS.maxDiagnosticsBytes) {
      throw payloadTooLarge('COMMAND.DIAGNOSTICS_TOO_LARGE', 'The diagnostics bundle is too large');
    }
    blob = `${caller.tenantId}/${caller.deploymentId}/${commandId}.json`;
  }
  let completed: RemoteCommand;
  try {
    completed = completeCommand(found.item, result, now, blob);
  } catch (err) {
    if (err instanceof CommandStateError) throw conflict(err.code, err.message);
    throw err;
  }
  if (completed === found.item) return completed;
  if (blob) await deps.blobStore.putJson(DIAGNOSTICS_CONTAINER, blob, result.diagnostics);
  try {
    await deps.commands.replace(scope, completed, { ifMatch: found.etag });
  } catch (err) {
    if (isPreconditionFailed(err)) {
      throw conflict('COMMAND.CHANGED', `Command ${commandId} changed meanwhile; send the result again`);
    }
    throw err;
  }
  await recordAudit(deps, scope, {
    actor: `deployment:${caller.deploymentId}`,
    action: result.ok ? 'command.succeeded' : 'command.failed',
    target: commandId,
    deploymentId: caller.deploymentId,
    details: {
      kind: completed.command.kind,
      message: result.message,
      ...(blob ? { diagnosticsBlob: blob } : {}),
    },
    at: now,
  });
  return completed;
}

/** A tenant's commands, newest first; unanswered ones past their expiry show as expired. */
export async function listCommands(
  deps: Pick<AppDeps, 'commands'>,
  scope: TenantScope,
  filter: { deploymentId?: string; continuationToken?: string; limit: number },
  now: Date = new Date(),
) {
  const page = await deps.commands.query(
    scope,
    {
      ...(filter.deploymentId
        ? { where: 'c.deploymentId = @d', parameters: [{ name: '@d', value: filter.deploymentId }] }
        : {}),
      orderBy: 'c.issuedAt DESC',
    },
    {
      maxItemCount: filter.limit,
      ...(filter.continuationToken ? { continuationToken: filter.continuationToken } : {}),
    },
  );
  return { ...page, items: page.items.map((c) => expireIfDue(c, now) ?? c) };
}

/** The diagnostics bundle of a command of the scope's tenant. */
export async function readDiagnostics(
  deps: Pick<AppDeps, 'commands' | 'blobStore'>,
  scope: TenantScope,
  commandId: string,
): Promise<unknown> {
  const command = await deps.commands.get(scope, commandId);
  const blob = command?.result?.diagnosticsBlob;
  const bundle = blob ? await deps.blobStore.getJson(DIAGNOSTICS_CONTAINER, blob) : undefined;
  if (bundle === undefined)
    throw notFound('DIAGNOSTICS.NOT_FOUND', `Command ${commandId} has no diagnostics bundle`);
  return bundle;
}
