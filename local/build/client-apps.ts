/**
 * Which Function apps make up a client deployment: the one declaration, `bicep/client-function-apps.json`
 * (read by client.bicep and by `npm run package`). An app is packaged once its folder exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const declarationSchema = z.object({
  $comment: z.string().optional(),
  apps: z
    .array(z.looseObject({ name: z.string().regex(/^[a-z][a-z0-9-]{1,29}$/, 'a lower-case folder name') }))
    .refine((apps) => new Set(apps.map((a) => a.name)).size === apps.length, 'app names must be unique'),
});

/** The app names `bicep/client-function-apps.json` under `repoRoot` declares, in order. */
export function declaredClientApps(repoRoot: string): string[] {
  const file = join(repoRoot, 'bicep', 'client-function-apps.json');
  const parsed = declarationSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`bicep/client-function-apps.json: ${problems.join('; ')}`);
  }
  return parsed.data.apps.map((a) => a.name);
}

/** The declared apps split into those with a `functions/<app>/index.ts` (with their folder) and the rest. */
export function clientAppsOnDisk(
  repoRoot: string,
  names: readonly string[] = declaredClientApps(repoRoot),
): { present: { name: string; dir: string }[]; absent: string[] } {
  const present: { name: string; dir: string }[] = [];
  const absent: string[] = [];
  for (const name of names) {
    const dir = resolve(repoRoot, 'functions', name);
    if (existsSync(join(dir, 'index.ts'))) present.push({ name, dir });
    else absent.push(name);
  }
  return { present, absent };
}
