/**
 * `npm run package`: builds the client deployment (the declared client apps that exist, and the Client
 * UI) into one signed, versioned artefact under `.data/package/` and prints what it holds.
 *
 *   npm run package                     sign with RELEASE_SIGNING_KEYS / RELEASE_SIGNING_KEY_FILE /
 *                                       .data/release/signing-keys.json (created on first use)
 *   npm run package -- --out <dir>      somewhere else
 *   npm run package -- --rotate-key     first rotate the key ring file (a new key signs from now on)
 *   npm run package -- --license-jwks <file|url>
 *                                       the vendor's licence keys to sign into the manifest (default: the
 *                                       local vendor's, from .data/license/signing-keys.json, when present)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { publicJwks, rotate } from '@kpi/shared/license/key-ring';
import { loadKeyRing } from '@kpi/shared/license/key-ring-source';
import type { TrustedKey } from '@kpi/shared/platform/package/release-manifest';
import { verifyArtefact } from '@kpi/shared/platform/package/verify-package';
import { clientAppsOnDisk } from './client-apps';
import { clientTarget, packageClient } from './package-client';
import { releaseKeySource } from './release-keys';

const repoRoot = resolve(__dirname, '..', '..');

/** The root package.json's version, with the commit when there is one (`0.1.0+59400c3`). */
function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  try {
    const git = (args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
    const sha = git(['rev-parse', '--short', 'HEAD']);
    const dirty = git(['status', '--porcelain']) !== '';
    return `${version}+${sha}${dirty ? '.dirty' : ''}`;
  } catch {
    return version;
  }
}

/**
 * The vendor's published licence keys for the manifest: from `--license-jwks` (a JWKS file, or the licence
 * service's `/api/license/jwks` URL), else the local vendor's key ring when `npm start` made one.
 */
async function licenseJwks(from: string | undefined, now: Date): Promise<{ keys: TrustedKey[] } | undefined> {
  if (from && /^https?:\/\//.test(from)) {
    const res = await fetch(from);
    if (!res.ok) throw new Error(`--license-jwks ${from}: HTTP ${res.status}`);
    return (await res.json()) as { keys: TrustedKey[] };
  }
  if (from) return JSON.parse(readFileSync(resolve(from), 'utf8')) as { keys: TrustedKey[] };
  const local = join(repoRoot, '.data', 'license', 'signing-keys.json');
  if (!existsSync(local)) return undefined;
  return publicJwks(await loadKeyRing({ kind: 'file', path: local }, now, 'licence key ring'), now);
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`.padStart(9);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'rotate-key': { type: 'boolean' },
      'license-jwks': { type: 'string' },
    },
  });
  const source = releaseKeySource(process.env, repoRoot);
  const now = new Date();
  let ring = await loadKeyRing(source, now, 'release key ring');
  if (values['rotate-key']) {
    if (source.kind !== 'file')
      throw new Error('--rotate-key rotates a key ring file (RELEASE_SIGNING_KEY_FILE)');
    // A package trusts the keys it was built with, so a retired release key is not kept for old packages.
    ring = rotate(ring, now, 0);
    writeFileSync(source.path, JSON.stringify(ring, null, 2), { mode: 0o600 });
    console.log(`rotated the release key ring in ${source.label}`);
  }
  const { present, absent } = clientAppsOnDisk(repoRoot);
  const vendorJwks = await licenseJwks(values['license-jwks'], now);
  const result = await packageClient({
    apps: present,
    uis: ['client'],
    version: packageVersion(),
    ring,
    hostJson: join(repoRoot, 'host.json'),
    ...(vendorJwks ? { licenseJwks: vendorJwks } : {}),
    outRoot: resolve(values.out ?? join(repoRoot, '.data', 'package')),
    now,
  });
  const { manifest } = result;
  // What was written is what was signed: the artefact verifies against the keys its guards embed.
  // The build machine need not be the target, so the target is checked against itself here.
  const { platform, arch } = clientTarget;
  verifyArtefact(result.dir, { trusted: publicJwks(ring, now).keys, platform, arch });
  console.log(`${manifest.name} ${manifest.version}  ${relative(process.cwd(), result.dir)}`);
  console.log(`  target   ${manifest.target.platform}-${manifest.target.arch}, Node ${manifest.target.node}`);
  for (const part of result.parts)
    console.log(`  ${part.path.padEnd(20)} ${String(part.files).padStart(4)} files ${kib(part.bytes)}`);
  if (absent.length) console.log(`  not yet in functions/ (declared, skipped): ${absent.join(', ')}`);
  console.log(
    manifest.licenseJwks
      ? `  licence  ${manifest.licenseJwks.keys.length} vendor key(s) signed in (client-app trusts these)`
      : '  licence  no vendor keys in the manifest: client-app reads LICENSE_TRUSTED_JWKS (--license-jwks)',
  );
  console.log(`  manifest ${manifest.files.length} files, sha256 ${result.manifestSha256}`);
  console.log(`  signed   by release key ${result.kid} (${source.label})`);
  console.log(`  archive  ${relative(process.cwd(), result.archive)} ${kib(result.archiveBytes)}`);
  for (const [app, zip] of Object.entries(result.appArchives))
    console.log(`  run-from-package ${app}: ${relative(process.cwd(), zip)}`);
}

main().catch((err: Error) => {
  console.error(`package failed: ${err.message}`);
  process.exit(1);
});
