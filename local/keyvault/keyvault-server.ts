/**
 * A local Key Vault (secrets only) for `SecretClient` from @azure/keyvault-secrets: HTTPS with a self-signed
 * certificate for 127.0.0.1 made at first start (the SDK refuses bearer tokens over plain HTTP; see
 * shared/LOCAL-EMULATION.md), trusted by the processes that use it through `NODE_EXTRA_CA_CERTS`.
 *
 * It speaks the secrets REST shape the SDK uses: the bearer challenge (401 + `WWW-Authenticate`), then
 * `GET /secrets/{name}[/{version}]`, `PUT /secrets/{name}`, `GET /secrets/{name}/versions`. Access is by one
 * local access token (the `AccessToken` of the connection string), the stand-in's equivalent of an Entra ID
 * token for the deployment's managed identity. Secrets persist as one JSON file (mode 0600) under `dataDir`.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { listenLocal } from '../net';

export interface KeyVaultServerOptions {
  port: number;
  dataDir: string;
}

export interface RunningKeyVault {
  port: number;
  /** `https://127.0.0.1:<port>/` */
  vaultUri: string;
  /** The CA file to put in `NODE_EXTRA_CA_CERTS` of processes that call the vault. */
  certFile: string;
  /** `VaultUri=…;AccessToken=…`: the local form of the `KEYVAULT` setting. */
  connectionString: string;
  /** Direct access for the seed and tests (the apps go through the SDK). */
  setSecret(name: string, value: string): Promise<void>;
  getSecret(name: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

interface SecretVersion {
  version: string;
  value: string;
  contentType?: string;
  created: number;
}
type Vault = Record<string, SecretVersion[]>;

const NAME = /^[0-9A-Za-z-]{1,127}$/;
const MAX_BODY = 64 * 1024;

/** The certificate and key for 127.0.0.1, made once (openssl) and kept under dataDir. */
function ensureCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  if (!existsSync(cert) || !existsSync(key)) {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '3650',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
  }
  return { cert, key };
}

async function localToken(dir: string): Promise<string> {
  const file = join(dir, 'access-token');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const token = randomBytes(32).toString('base64url');
    await writeFile(file, token, { mode: 0o600 });
    return token;
  }
}

export async function startKeyVault(options: KeyVaultServerOptions): Promise<RunningKeyVault> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const { cert, key } = ensureCertificate(options.dataDir);
  const token = await localToken(options.dataDir);
  const file = join(options.dataDir, 'secrets.json');
  let vault: Vault = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as Vault) : {};
  let writing = Promise.resolve();
  const persist = () => {
    const text = JSON.stringify(vault);
    writing = writing.then(async () => {
      await writeFile(`${file}.tmp`, text, { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    });
    return writing;
  };
  let base = '';
  const put = async (name: string, value: string, contentType?: string) => {
    const v: SecretVersion = {
      version: randomUUID().replace(/-/g, ''),
      value,
      created: Math.floor(Date.now() / 1000),
      ...(contentType ? { contentType } : {}),
    };
    vault = { ...vault, [name]: [...(vault[name] ?? []), v] };
    await persist();
    return v;
  };
  const bundle = (name: string, v: SecretVersion) => ({
    value: v.value,
    id: `${base}secrets/${name}/${v.version}`,
    ...(v.contentType ? { contentType: v.contentType } : {}),
    attributes: { enabled: true, created: v.created, updated: v.created, recoveryLevel: 'Purgeable' },
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const auth = req.headers.authorization ?? '';
    const presented = /^Bearer (.+)$/.exec(auth)?.[1] ?? '';
    if (!presented) {
      // The SDK's challenge flow: the first request goes without a token.
      return send(
        res,
        401,
        { error: { code: 'Unauthorized', message: 'A bearer token is required' } },
        {
          'www-authenticate': `Bearer authorization="${base}local-tenant", resource="https://vault.azure.net"`,
        },
      );
    }
    if (!safeEqual(presented, token)) {
      return send(res, 401, { error: { code: 'Unauthorized', message: 'The access token is not valid' } });
    }
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'secrets' || !parts[1] || !NAME.test(parts[1])) {
      return send(res, 404, { error: { code: 'NotFound', message: 'Only /secrets/{name} is served here' } });
    }
    const name = parts[1];
    const versions = vault[name] ?? [];
    if (req.method === 'PUT' && parts.length === 2) {
      const body = JSON.parse(await readBody(req)) as { value?: unknown; contentType?: unknown };
      if (typeof body.value !== 'string') {
        return send(res, 400, { error: { code: 'BadParameter', message: 'value must be a string' } });
      }
      const v = await put(
        name,
        body.value,
        typeof body.contentType === 'string' ? body.contentType : undefined,
      );
      return send(res, 200, bundle(name, v));
    }
    if (req.method === 'GET' && parts[2] === 'versions') {
      return send(res, 200, {
        value: versions.map((v) => ({ id: bundle(name, v).id, attributes: bundle(name, v).attributes })),
        nextLink: null,
      });
    }
    if (req.method === 'GET' && parts.length <= 3) {
      const v = parts[2] ? versions.find((x) => x.version === parts[2]) : versions.at(-1);
      if (!v) {
        return send(res, 404, {
          error: {
            code: 'SecretNotFound',
            message: `A secret with (name/id) ${name} was not found in this key vault`,
          },
        });
      }
      return send(res, 200, bundle(name, v));
    }
    return send(res, 405, {
      error: { code: 'MethodNotAllowed', message: `${req.method} is not served here` },
    });
  };

  const [certPem, keyPem] = await Promise.all([readFile(cert), readFile(key)]);
  const server = createServer({ cert: certPem, key: keyPem }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { code: 'InternalError', message: String(err) } });
      else res.destroy();
    });
  });
  const port = await listenLocal(server, options.port);
  base = `https://127.0.0.1:${port}/`;
  return {
    port,
    vaultUri: base,
    certFile: cert,
    connectionString: `VaultUri=${base};AccessToken=${token}`,
    setSecret: async (name, value) => {
      await put(name, value);
    },
    getSecret: async (name) => vault[name]?.at(-1)?.value,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => writing),
  };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
