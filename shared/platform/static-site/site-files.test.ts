import { describe, expect, it } from 'vitest';
import {
  cacheControlFor,
  contentTypeFor,
  extensionOf,
  immutableCacheControl,
  isKnownAssetExtension,
  revalidateCacheControl,
} from './site-files';

describe('contentTypeFor', () => {
  it('maps the extensions a Vite build emits', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('assets/index-BVuuwvUq.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('assets/index-BVuuwvUq.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('favicon.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('config.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeFor('fonts/x.woff2')).toBe('font/woff2');
  });
  it('falls back to bytes for unknown or missing extensions', () => {
    expect(contentTypeFor('LICENSE')).toBe('application/octet-stream');
    expect(contentTypeFor('.hidden')).toBe('application/octet-stream');
    expect(extensionOf('a.b/c')).toBe('');
  });
});

describe('cacheControlFor', () => {
  it('caches hashed build output forever and revalidates everything else', () => {
    expect(cacheControlFor('assets/index-BVuuwvUq.css')).toBe(immutableCacheControl);
    expect(cacheControlFor('assets/CatalogPage-Bnb3_x-h.js')).toBe(immutableCacheControl);
    expect(cacheControlFor('index.html')).toBe(revalidateCacheControl);
    expect(cacheControlFor('config.json')).toBe(revalidateCacheControl);
    expect(cacheControlFor('favicon.svg')).toBe(revalidateCacheControl);
    expect(cacheControlFor('assets/logo.svg')).toBe(revalidateCacheControl);
  });
});

describe('isKnownAssetExtension', () => {
  it('tells files from client-side routes with dots in them', () => {
    expect(isKnownAssetExtension('/assets/x.js')).toBe(true);
    expect(isKnownAssetExtension('/users/jane.doe')).toBe(false);
    expect(isKnownAssetExtension('/kpis')).toBe(false);
  });
});
