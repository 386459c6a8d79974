/**
 * The JSON declarations under bicep/ and their schemas. Cosmos containers and Service Bus entities use the
 * schemas the local stack already validates them with, so Bicep, the local stack and this check agree on one
 * shape; function-apps.json is only read by Bicep and this check, so its schema lives here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { cosmosContainersSchema } from '../../local/cosmos/ensure-containers';
import { entitiesDeclarationSchema } from '../../local/servicebus/entities';

export { cosmosContainersSchema, entitiesDeclarationSchema };

/** Data-plane roles an app may hold (modules/app-access.bicep grants each). */
export const roleNames = [
  'cosmos-data-contributor',
  'servicebus-sender',
  'servicebus-receiver',
  'storage-blob-data-contributor',
  'email-sender',
  'keyvault-secrets-user',
  // Reads AND writes secrets: a client deployment stores its deployment credential and pasted licence keys.
  'keyvault-secrets-officer',
] as const;

/** One of `roleNames`. */
export type RoleName = (typeof roleNames)[number];

const appSchema = z
  .object({
    /** The folder under functions/ (also the azd service name). */
    name: z.string().regex(/^[a-z][a-z0-9-]{1,29}$/, 'a lower-case folder name'),
    /** Azure app setting name -> key of main.bicep's settingValues. */
    settings: z.record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an app setting name'),
      z.string().min(1),
    ),
    roles: z.array(z.enum(roleNames)),
  })
  .strict();

/** Schema of bicep/function-apps.json. */
export const functionAppsSchema = z
  .object({
    $comment: z.string().optional(),
    apps: z
      .array(appSchema)
      .min(1)
      .refine((apps) => new Set(apps.map((a) => a.name)).size === apps.length, 'app names must be unique'),
  })
  .strict();

/** A parsed bicep/function-apps.json. */
export type FunctionAppsDeclaration = z.infer<typeof functionAppsSchema>;
/** One app of it. */
export type FunctionAppDeclaration = FunctionAppsDeclaration['apps'][number];

/** Parses `text` as JSON and validates it; returns the value or the problems. */
export function parseDeclaration<T>(
  label: string,
  text: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`${label}: not JSON (${(error as Error).message})`] };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `${label}: ${i.path.join('.') || '(root)'}: ${i.message}`),
  };
}

/** Reads and validates one declaration under `root`/bicep; throws with every problem. */
export function loadDeclaration<T>(root: string, file: string, schema: z.ZodType<T>): T {
  const parsed = parseDeclaration(`bicep/${file}`, readFileSync(join(root, 'bicep', file), 'utf8'), schema);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.value;
}
