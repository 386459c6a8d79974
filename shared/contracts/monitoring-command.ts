/**
 * Remote commands: issued by vendor support for one deployment, delivered in the deployment's next
 * heartbeat response (pull-based), answered by the deployment, audited. Only the allow-listed kinds exist,
 * each with its own argument schema.
 */
import { z } from 'zod';

/** The allow-list. */
export const COMMAND_KINDS = [
  'refresh-catalog',
  'collect-diagnostics',
  'set-log-level',
  'rotate-credential',
  'ping',
] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

/** Arguments by kind: only `set-log-level` takes any. */
export const commandArgsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('refresh-catalog') }),
  z.object({ kind: z.literal('collect-diagnostics') }),
  z.object({ kind: z.literal('set-log-level'), level: z.enum(['debug', 'info', 'warn', 'error']) }),
  z.object({ kind: z.literal('rotate-credential') }),
  z.object({ kind: z.literal('ping') }),
]);
export type CommandArgs = z.infer<typeof commandArgsSchema>;

export const COMMAND_STATES = ['pending', 'delivered', 'succeeded', 'failed', 'expired'] as const;
export type CommandState = (typeof COMMAND_STATES)[number];

/** The body of `POST …/deployments/{deploymentId}/commands`. */
export const issueCommandSchema = z.object({
  command: commandArgsSchema,
  reason: z.string().trim().min(3).max(500),
  /** Default 60 minutes, at most a week. */
  expiresInMinutes: z.number().int().min(1).max(10_080).default(60),
});

/** A stored command. */
export const remoteCommandSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  deploymentId: z.string(),
  command: commandArgsSchema,
  reason: z.string(),
  issuedBy: z.string(),
  issuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  state: z.enum(COMMAND_STATES),
  deliveredAt: z.iso.datetime().optional(),
  completedAt: z.iso.datetime().optional(),
  result: z
    .object({
      ok: z.boolean(),
      message: z.string().max(2000),
      /** Blob name of a diagnostics bundle (collect-diagnostics). */
      diagnosticsBlob: z.string().optional(),
    })
    .optional(),
});
export type RemoteCommand = z.infer<typeof remoteCommandSchema>;

/** What a deployment receives in its heartbeat response. */
export const pendingCommandSchema = z.object({
  id: z.string(),
  command: commandArgsSchema,
  expiresAt: z.iso.datetime(),
});
export type PendingCommand = z.infer<typeof pendingCommandSchema>;

/** Limits of a command result. */
export const COMMAND_RESULT_LIMITS = {
  maxDiagnosticsBytes: 512 * 1024,
  /** Nesting of the diagnostics object: deeper data is refused before anything recursive (stringify, store) sees it. */
  maxDiagnosticsDepth: 32,
  /** Values (objects, arrays, scalars) in the diagnostics object. */
  maxDiagnosticsValues: 20_000,
} as const;

/**
 * The first limit the value breaks, or undefined. Walks with an explicit stack, never recursion, so data
 * nested 10,000 deep is measured without overflowing the call stack, and stops at the first excess.
 */
export function diagnosticsProblem(value: unknown): string | undefined {
  const { maxDiagnosticsDepth: maxDepth, maxDiagnosticsValues: maxValues } = COMMAND_RESULT_LIMITS;
  const stack: [unknown, number][] = [[value, 1]];
  let values = 1;
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [v, depth] = next;
    if (v === null || typeof v !== 'object') continue;
    if (depth > maxDepth) return `diagnostics nest deeper than ${maxDepth} levels`;
    const children = Array.isArray(v) ? v : Object.values(v);
    values += children.length;
    if (values > maxValues) return `diagnostics hold more than ${maxValues} values`;
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** The body of `POST /api/monitoring/commands/{commandId}/result` (deployment credential). */
export const commandResultSchema = z.object({
  ok: z.boolean(),
  message: z.string().max(2000).default(''),
  /** collect-diagnostics: a JSON object, stored in Blob; bounded in depth and size (`COMMAND_RESULT_LIMITS`). */
  diagnostics: z
    .record(z.string(), z.unknown())
    .superRefine((d, ctx) => {
      const problem = diagnosticsProblem(d);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
});
export type CommandResult = z.infer<typeof commandResultSchema>;

export const remoteCommandListSchema = z.object({
  items: z.array(remoteCommandSchema),
  continuationToken: z.string().optional(),
});
