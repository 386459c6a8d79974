/**
 * Operator commands for the licence signing key ring (a JSON file; in Azure, upload it as the Key Vault
 * secret `license-signing-keys`):
 *   npx tsx functions/license/keys/key-ring-cli.ts new <file>     create a ring (fails if the file exists)
 *   npx tsx functions/license/keys/key-ring-cli.ts rotate <file>  a new key signs; the old one stays published
 *   npx tsx functions/license/keys/key-ring-cli.ts jwks <file>    print the public JWKS (to embed in client builds)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { newKeyRing, parseKeyRing, publicJwks, signingKey } from '@kpi/shared/license/key-ring';
import { RETAIN_RETIRED_KEY_DAYS, rotateKeyRingFile } from './key-ring-source';

/** Runs one command; returns the exit code. */
export async function run(
  args: readonly string[],
  out: (line: string) => void,
  now = new Date(),
): Promise<number> {
  const [command, file] = args;
  if (!file || !['new', 'rotate', 'jwks'].includes(command ?? '')) {
    out('usage: key-ring-cli.ts new|rotate|jwks <file>');
    return 2;
  }
  if (command === 'new') {
    const ring = newKeyRing(now);
    await writeFile(file, JSON.stringify(ring, null, 2), { flag: 'wx', mode: 0o600 });
    out(`created ${file}; signing key ${signingKey(ring).kid}`);
  } else if (command === 'rotate') {
    const ring = await rotateKeyRingFile(file, now);
    out(
      `rotated ${file}; signing key ${signingKey(ring).kid}; retired keys stay published ${RETAIN_RETIRED_KEY_DAYS} days`,
    );
  } else {
    out(JSON.stringify(publicJwks(parseKeyRing(await readFile(file, 'utf8')), now), null, 2));
  }
  return 0;
}

if (require.main === module) {
  run(process.argv.slice(2), (line) => console.log(line)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
