import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

// Pure rules for how a static site's files are served; used by uploadSite and its tests.

const contentTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  webmanifest: 'application/manifest+json; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  wasm: 'application/wasm',
  pdf: 'application/pdf',
};

/** Extension of the last path segment, lower case, without the dot ('' when none). */
export function extensionOf(path: string): string {
  const name = path.split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Content type for a site file by extension; unknown ones are served as bytes. */
export function contentTypeFor(path: string): string {
  return contentTypes[extensionOf(path)] ?? 'application/octet-stream';
}

/** True when the extension is one a static site serves (used to tell assets from client-side routes). */
export function isKnownAssetExtension(path: string): boolean {
  return extensionOf(path) in contentTypes;
}

/** Cache policy for hashed build output: the name changes whenever the content does. */
export const immutableCacheControl = 'public, max-age=31536000, immutable';
/** Cache policy for entry points and anything unhashed: always revalidate. */
export const revalidateCacheControl = 'no-cache';

// Vite (Rollup/Rolldown) names build output `<name>-<hash>.<ext>` with an 8-character base64url hash.
const hashedName = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** Cache-Control for a site path (`index.html`, `assets/index-BVuuwvUq.css`, …). */
export function cacheControlFor(path: string): string {
  return path.startsWith('assets/') && hashedName.test(path) ? immutableCacheControl : revalidateCacheControl;
}

/** Every file below `dir` as site paths with forward slashes (`assets/x.js`), sorted. */
export async function listSiteFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}
