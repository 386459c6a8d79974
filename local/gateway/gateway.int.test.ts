import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { uploadSite } from '@kpi/shared/platform/static-site/upload-site';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAzurite, startAzurite } from '../azurite/azurite';
import { listenLocal } from '../net';
import { type RunningGateway, startGateway } from './gateway';

// Upload a small built site into an extra storage account's $web and serve it through the gateway,
// as npm start does for each UI.

const account = 'webconfig';
const runtimeConfig = {
  apiBase: 'http://127.0.0.1:7071/api',
  issuer: 'http://127.0.0.1:7072',
  clientId: 'kpi-config',
  audience: 'api://kpi-platform',
  app: 'config',
};
const indexHtml =
  '<!doctype html><html><head><script type="module" src="/assets/index-AbCd1234.js"></script></head><body><div id="root"></div></body></html>';

let dir: string;
let azurite: RunningAzurite;
let gateway: RunningGateway;
let origin: string;
let service: BlobServiceClient;

function rawStatus(url: string): Promise<number> {
  const { host, pathname, search } = new URL(url);
  const [hostname, port] = host.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port: Number(port), path: pathname + search, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

async function writeSite(root: string, files: Record<string, string>) {
  await rm(root, { recursive: true, force: true });
  for (const [path, body] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), body);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kpi-gateway-'));
  azurite = await startAzurite({
    dataDir: join(dir, 'azurite'),
    blobPort: 0,
    queuePort: 0,
    tablePort: 0,
    extraAccounts: { [account]: randomBytes(32).toString('base64') },
  });
  const site = azurite.accounts[account]!;
  service = BlobServiceClient.fromConnectionString(site.connectionString);
  gateway = await startGateway({
    sites: [{ name: 'config', port: 0, blobBaseUrl: `${site.blobEndpoint}/$web` }],
  });
  origin = gateway.urls.config!;
});

afterAll(async () => {
  await gateway?.stop();
  await azurite?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('gateway before any upload', () => {
  it('says the site has not been uploaded', async () => {
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/config UI has not been uploaded/);
  });
});

describe('uploadSite + gateway', () => {
  const dist = () => join(dir, 'dist');

  beforeAll(async () => {
    await writeSite(dist(), {
      'index.html': indexHtml,
      'assets/index-AbCd1234.js': 'console.log("v1")',
      'assets/index-XyZ_9876.css': 'body{margin:0}',
      'assets/old-Qq11Ww22.js': 'console.log("only in v1")',
      'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'config.json': '{"baked":"must be replaced"}',
    });
    await uploadSite({ blobServiceClient: service, distDir: dist(), runtimeConfig });
  });

  it('creates $web with public blob access', async () => {
    const props = await service.getContainerClient('$web').getProperties();
    expect(props.blobPublicAccess).toBe('blob');
  });

  it('serves index.html at / with no-cache', async () => {
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(indexHtml);
  });

  it('falls back to index.html for client-side routes', async () => {
    for (const route of ['/kpis/retail/basket', '/users/jane.doe', '/auth/callback?code=x&state=y']) {
      const res = await fetch(`${origin}${route}`);
      expect(res.status, route).toBe(200);
      expect(await res.text(), route).toBe(indexHtml);
    }
  });

  it('serves hashed assets with their content type and immutable caching', async () => {
    const js = await fetch(`${origin}/assets/index-AbCd1234.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log("v1")');
    const css = await fetch(`${origin}/assets/index-XyZ_9876.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const svg = await fetch(`${origin}/favicon.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers a real 404 for a missing asset', async () => {
    for (const path of ['/assets/missing-00000000.js', '/nope.css', '/img/logo.png']) {
      const res = await fetch(`${origin}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toBe('Not found');
    }
  });

  it('serves the runtime config written at upload, not the one in dist', async () => {
    const res = await fetch(`${origin}/config.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual(runtimeConfig);
  });

  it('revalidates with ETags and answers HEAD without a body', async () => {
    const first = await fetch(`${origin}/config.json`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${origin}/config.json`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    const head = await fetch(`${origin}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses other methods and paths that try to leave the site', async () => {
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(405);
    // fetch() would normalise the path; send it raw, with encoded slashes around "..".
    expect(await rawStatus(`${origin}/assets/..%2f..%2fother-container%2fx.js`)).toBe(400);
    expect(await rawStatus(`${origin}/assets/%2e%2e%5cx.js`)).toBe(400);
  });

  it('sends frame protection, a CSP header and nosniff on every answer (issue 12: UIs could be framed)', async () => {
    const answers = [
      await fetch(`${origin}/`),
      await fetch(`${origin}/assets/index-AbCd1234.js`),
      await fetch(`${origin}/nope.css`),
      await fetch(`${origin}/`, { method: 'POST' }),
    ];
    for (const res of answers) {
      expect(res.headers.get('x-frame-options'), res.url).toBe('DENY');
      expect(res.headers.get('content-security-policy'), res.url).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), res.url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), res.url).toBe('strict-origin-when-cross-origin');
    }
  });

  it('answers a URL over 16 KB with 431 and the error shape (was an empty body)', async () => {
    const res = await fetch(`${origin}/${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect((await res.json()).error.code).toBe('REQUEST.HEADER_TOO_LARGE');
  });

  it('removes files of the previous upload on the next one', async () => {
    await writeSite(dist(), {
      'index.html': indexHtml.replace('AbCd1234', 'NeW12345'),
      'assets/index-NeW12345.js': 'console.log("v2")',
      'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    });
    const result = await uploadSite({ blobServiceClient: service, distDir: dist(), runtimeConfig });
    expect(result.removed).toEqual([
      'assets/index-AbCd1234.js',
      'assets/index-XyZ_9876.css',
      'assets/old-Qq11Ww22.js',
    ]);
    expect(result.uploaded).toEqual(['assets/index-NeW12345.js', 'config.json', 'favicon.svg', 'index.html']);
    expect((await fetch(`${origin}/assets/index-AbCd1234.js`)).status).toBe(404);
    expect(await (await fetch(`${origin}/assets/index-NeW12345.js`)).text()).toBe('console.log("v2")');
    expect(await (await fetch(`${origin}/`)).text()).toContain('index-NeW12345.js');
  });

  it("adds the runtime config's API and issuer origins to the page's meta CSP connect-src", async () => {
    const withCsp = indexHtml.replace(
      '<head>',
      `<head><meta http-equiv="Content-Security-Policy" content="default-src 'self'; connect-src 'self'; object-src 'none'">`,
    );
    await writeSite(dist(), { 'index.html': withCsp, 'assets/index-AbCd1234.js': 'console.log("v1")' });
    await uploadSite({
      blobServiceClient: service,
      distDir: dist(),
      runtimeConfig: { ...runtimeConfig, apiBases: { license: 'https://license.example.net/api' } },
    });
    const html = await (await fetch(`${origin}/`)).text();
    expect(html).toContain(
      "content=\"default-src 'self'; connect-src 'self' http://127.0.0.1:7071 http://127.0.0.1:7072 https://license.example.net; object-src 'none'\"",
    );
  });

  it('refuses a dist folder without index.html', async () => {
    await writeSite(dist(), { 'assets/a-12345678.js': '' });
    await expect(uploadSite({ blobServiceClient: service, distDir: dist(), runtimeConfig })).rejects.toThrow(
      /SITE.INDEX_MISSING/,
    );
  });
});

describe('upstream resets', () => {
  it('retries a blob read whose connection was reset before any answer', async () => {
    // A storage endpoint that drops the first connection of each request path without answering, as a
    // server closing an idle keep-alive socket does to a client that reuses it just then.
    const seen = new Map<string, number>();
    const upstream = createServer((req, res) => {
      const n = (seen.get(req.url ?? '') ?? 0) + 1;
      seen.set(req.url ?? '', n);
      if (n === 1) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/css' }).end('body{}');
    });
    const port = await listenLocal(upstream, 0);
    const flaky = await startGateway({
      sites: [{ name: 'flaky', port: 0, blobBaseUrl: `http://127.0.0.1:${port}/$web` }],
    });
    try {
      const res = await fetch(`${flaky.urls.flaky}/assets/app-AbCd1234.css`);
      expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([
        200,
        'text/css',
        'body{}',
      ]);
      expect(seen.get('/$web/assets/app-AbCd1234.css')).toBe(2);
    } finally {
      await flaky.stop();
      await new Promise((r) => upstream.close(r));
    }
  });
});
