/**
 * Start-up verification of a packaged client deployment: a packaged app refuses to start unless the
 * release manifest beside it is signed by a trusted release key and every file of the app is exactly as
 * the manifest lists it (no file changed, missing or added). Synchronous on purpose: the start-up guard
 * runs it before it requires the app's own code, and a throw there makes the host fail to load the app.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors';
import {
  checkManifestSignature,
  MANIFEST_FILE,
  type ManifestFile,
  type ReleaseManifest,
  SIGNATURE_FILE,
  sha256Hex,
  type TrustedKey,
} from './release-manifest';

/** Stable codes of a package that does not verify. */
export const PackageErrorCodes = {
  manifestInvalid: 'PACKAGE.MANIFEST_INVALID',
  fileModified: 'PACKAGE.FILE_MODIFIED',
  fileMissing: 'PACKAGE.FILE_MISSING',
  fileUnexpected: 'PACKAGE.FILE_UNEXPECTED',
  targetMismatch: 'PACKAGE.TARGET_MISMATCH',
} as const;

/** A package that does not verify; the message starts with the code so a host's load error shows it. */
export class PackageError extends AppError {
  override readonly name = 'PackageError';
  constructor(code: string, message: string, details?: unknown) {
    super(code, `${code}: ${message}`, 500, details);
  }
}

export interface VerifiedPackage {
  version: string;
  /** The release key that signed the manifest. */
  kid: string;
  /** How many files were checked. */
  files: number;
  /** The vendor's licence keys the manifest carries (signed with it), when it carries them. */
  licenseJwks?: { keys: TrustedKey[] };
}

/** Where a verification runs: the process's own platform unless a test says otherwise. */
export interface VerifyOptions {
  trusted: readonly TrustedKey[];
  platform?: string;
  arch?: string;
}

/**
 * Verifies one packaged Function app in `dir` (its run-from-package folder, holding a copy of the
 * artefact's manifest and signature): the signature, the target, and every file under `apps/<app>/`.
 */
export function verifyPackagedApp(dir: string, app: string, options: VerifyOptions): VerifiedPackage {
  const { manifest, kid } = readSignedManifest(dir, options);
  if (!manifest.apps.includes(app)) {
    throw new PackageError(PackageErrorCodes.manifestInvalid, `the manifest does not list the app ${app}`);
  }
  const checked = verifyFiles(dir, `apps/${app}/`, manifest.files);
  return {
    version: manifest.version,
    kid,
    files: checked,
    ...(manifest.licenseJwks ? { licenseJwks: manifest.licenseJwks } : {}),
  };
}

/** Verifies a whole artefact folder (`apps/…`, `web/…`, the manifest at its root), e.g. before a release. */
export function verifyArtefact(dir: string, options: VerifyOptions): VerifiedPackage {
  const { manifest, kid } = readSignedManifest(dir, options);
  const appCopies = manifest.apps.flatMap((a) => [
    `apps/${a}/${MANIFEST_FILE}`,
    `apps/${a}/${SIGNATURE_FILE}`,
  ]);
  const checked = verifyFiles(dir, '', manifest.files, new Set(appCopies));
  return { version: manifest.version, kid, files: checked };
}

function readSignedManifest(dir: string, options: VerifyOptions): { manifest: ReleaseManifest; kid: string } {
  let bytes: Buffer;
  let signature: string;
  try {
    bytes = readFileSync(join(dir, MANIFEST_FILE));
    signature = readFileSync(join(dir, SIGNATURE_FILE), 'utf8');
  } catch (err) {
    throw new PackageError(
      PackageErrorCodes.manifestInvalid,
      `no release manifest and signature in the package (${(err as NodeJS.ErrnoException).code ?? err})`,
    );
  }
  const checked = checkManifestSignature(bytes, signature, options.trusted);
  if (!checked.ok) throw new PackageError(PackageErrorCodes.manifestInvalid, checked.reason);
  const manifest = parseManifest(bytes);
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  if (manifest.target.platform !== platform || manifest.target.arch !== arch) {
    throw new PackageError(
      PackageErrorCodes.targetMismatch,
      `the package was built for ${manifest.target.platform}-${manifest.target.arch}, this is ${platform}-${arch}`,
    );
  }
  return { manifest, kid: checked.kid };
}

/** The signed bytes are trusted, but a shape the verifier cannot read is still refused, not guessed at. */
function parseManifest(bytes: Buffer): ReleaseManifest {
  let m: Partial<ReleaseManifest>;
  try {
    m = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new PackageError(PackageErrorCodes.manifestInvalid, 'the manifest is not JSON');
  }
  const fileOk = (f: Partial<ManifestFile>) =>
    typeof f?.path === 'string' &&
    typeof f.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(f.sha256) &&
    Number.isInteger(f.bytes);
  const jwksOk =
    m.licenseJwks === undefined ||
    (Array.isArray(m.licenseJwks?.keys) && m.licenseJwks.keys.every((k) => typeof k?.kid === 'string'));
  if (
    !jwksOk ||
    typeof m.version !== 'string' ||
    !Array.isArray(m.apps) ||
    !Array.isArray(m.files) ||
    !m.files.every(fileOk) ||
    typeof m.target?.platform !== 'string' ||
    typeof m.target.arch !== 'string'
  ) {
    throw new PackageError(
      PackageErrorCodes.manifestInvalid,
      'the manifest lacks version, apps, target or files, or its licence keys are not a JWKS',
    );
  }
  return m as ReleaseManifest;
}

/**
 * Checks every manifest file under `prefix` against the folder `dir` (which holds that prefix's files
 * at its root), and that the folder holds no file the manifest does not list (besides the manifest,
 * its signature and `ignored`). Returns the number of files checked.
 */
function verifyFiles(
  dir: string,
  prefix: string,
  files: readonly ManifestFile[],
  ignored: ReadonlySet<string> = new Set(),
): number {
  const listed = new Map(files.filter((f) => f.path.startsWith(prefix)).map((f) => [f.path, f]));
  for (const file of listed.values()) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, file.path.slice(prefix.length)));
    } catch {
      throw new PackageError(PackageErrorCodes.fileMissing, `${file.path} is missing`, { path: file.path });
    }
    const sha256 = sha256Hex(bytes);
    if (bytes.length !== file.bytes || sha256 !== file.sha256) {
      throw new PackageError(PackageErrorCodes.fileModified, `${file.path} differs from the manifest`, {
        path: file.path,
        expected: { sha256: file.sha256, bytes: file.bytes },
        actual: { sha256, bytes: bytes.length },
      });
    }
  }
  for (const rel of listFiles(dir)) {
    const path = `${prefix}${rel}`;
    if (rel === MANIFEST_FILE || rel === SIGNATURE_FILE || ignored.has(path) || listed.has(path)) continue;
    throw new PackageError(PackageErrorCodes.fileUnexpected, `${path} is not in the manifest`, { path });
  }
  return listed.size;
}

/** Every non-directory entry below `dir`, as `/`-separated paths relative to it. */
function listFiles(dir: string, sub = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out;
}
