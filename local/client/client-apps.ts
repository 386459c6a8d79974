/** The Function apps of a client deployment (bicep/client-function-apps.json): never loaded on the vendor's host. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(__dirname, '..', '..', 'bicep', 'client-function-apps.json');

export const clientAppNames: readonly string[] = (
  JSON.parse(readFileSync(file, 'utf8')) as { apps: { name: string }[] }
).apps.map((a) => a.name);

export const isClientApp = (name: string) => clientAppNames.includes(name);
