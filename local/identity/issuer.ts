import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { importJWK, jwtVerify } from 'jose';
import { listenLocal } from '../net';
import { AuthorizationFlow, isLoopbackUrl } from './oauth-flow';
import { errorPage, signedOutPage, signInPage } from './sign-in-page';
import { loadOrCreateSigningKey, signingAlg } from './signing-key';
import { defaultAudience, signAccessToken } from './tokens';
import { findUser, type SeededUser } from './users';

/** Client ids of the three UIs (see local/stack.ts). */
export const defaultClientIds = ['kpi-config', 'kpi-monitor', 'kpi-client'] as const;

export interface IssuerOptions {
  port: number;
  /** Holds the signing key, so tokens stay valid across restarts. */
  dataDir: string;
  users: readonly SeededUser[];
  /** OAuth clients allowed to sign users in (default: the three UIs). */
  clientIds?: readonly string[];
  /** `aud` of access tokens when the client asks for none (default `api://kpi-platform`). */
  audience?: string;
  /**
   * Clients that serve one tenant only, by client id: their sign-in page lists only that tenant's users, and
   * anyone else is refused (a client deployment's UI signs in the client's own users, as its own identity
   * provider would). Clients not named here list every seeded user.
   */
  clientTenants?: Readonly<Record<string, string>>;
}

export interface RunningIssuer {
  port: number;
  /** `http://127.0.0.1:<port>` — the `iss` of every token and the `AUTH_ISSUER` setting. */
  issuer: string;
  jwksUri: string;
  /** An access token for a seeded user, as the issuer would give it after sign-in. */
  signToken(userEmail: string, options?: { audience?: string; ttlSeconds?: number }): Promise<string>;
  stop(): Promise<void>;
}

/** The issuer URL for a port: what `iss` says, and what token-cli assumes. */
export const issuerUrl = (port: number) => `http://127.0.0.1:${port}`;

/**
 * A local OpenID Connect provider: discovery, JWKS (ES256), authorization code + PKCE with a page
 * to pick a seeded user, token (incl. refresh), userinfo and end-session. Browser-facing endpoints
 * allow CORS from loopback origins, where the UIs run.
 */
export async function startIssuer(options: IssuerOptions): Promise<RunningIssuer> {
  const key = await loadOrCreateSigningKey(options.dataDir);
  const audience = options.audience ?? defaultAudience;
  let flow: AuthorizationFlow | undefined;
  let issuer = '';

  const server = createServer((req, res) => {
    if (!flow) return void res.writeHead(503).end();
    route(req, res, flow).catch((err: unknown) => {
      console.error(`IDENTITY.INTERNAL: ${(err as Error).stack ?? err}`);
      if (!res.headersSent) json(res, 500, { error: 'server_error' });
    });
  });
  const port = await listenLocal(server, options.port);
  issuer = issuerUrl(port);
  flow = new AuthorizationFlow({
    issuer,
    key,
    users: options.users,
    clientIds: options.clientIds ?? defaultClientIds,
    defaultAudience: audience,
    ...(options.clientTenants ? { clientTenants: options.clientTenants } : {}),
  });

  const discovery = {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    end_session_endpoint: `${issuer}/logout`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [signingAlg],
    token_endpoint_auth_methods_supported: ['none'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'email', 'name', 'tid', 'roles', 'nonce'],
  };

  async function route(req: IncomingMessage, res: ServerResponse, flow: AuthorizationFlow): Promise<void> {
    const url = new URL(req.url ?? '/', issuer);
    cors(req, res);
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const get = req.method === 'GET' || req.method === 'HEAD';

    if (get && path === '/.well-known/openid-configuration') return json(res, 200, discovery);
    if (get && (path === '/jwks' || path === '/discovery/keys'))
      return json(res, 200, { keys: [key.publicJwk] });
    if (get && path === '/authorize') {
      const result = flow.authorize(url.searchParams);
      if (result.kind === 'page') {
        const link = (u: SeededUser) =>
          `/authorize/continue?request=${result.requestId}&user=${encodeURIComponent(u.email)}`;
        return html(res, 200, signInPage(flow.usersFor(result.clientId), result.clientId, link));
      }
      return flowResponse(res, result);
    }
    if (get && path === '/authorize/continue') {
      const choice = flow.chooseUser(
        url.searchParams.get('request') ?? '',
        url.searchParams.get('user') ?? '',
      );
      return flowResponse(res, choice);
    }
    if (req.method === 'POST' && path === '/token') {
      const type = String(req.headers['content-type'] ?? '');
      if (!type.startsWith('application/x-www-form-urlencoded')) {
        return json(res, 400, { error: 'invalid_request', error_description: 'send a form-encoded body' });
      }
      const form = new URLSearchParams(await readBody(req));
      const result = await flow.token(form);
      res.setHeader('cache-control', 'no-store');
      return json(res, result.status, result.body);
    }
    if (get && path === '/userinfo') return userinfo(req, res);
    if (get && path === '/logout') {
      const target = url.searchParams.get('post_logout_redirect_uri');
      if (target && isLoopbackUrl(target)) {
        const back = new URL(target);
        const state = url.searchParams.get('state');
        if (state) back.searchParams.set('state', state);
        return void res.writeHead(302, { location: back.toString() }).end();
      }
      return html(res, 200, signedOutPage());
    }
    json(res, 404, { error: 'not_found', error_description: `${req.method} ${path}` });
  }

  async function userinfo(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    try {
      const { payload } = await jwtVerify(token ?? '', await importJWK(key.publicJwk, signingAlg), {
        issuer,
      });
      const { sub, email, name, tid, roles } = payload;
      return json(res, 200, { sub, email, name, tid, roles });
    } catch {
      res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
      return json(res, 401, { error: 'invalid_token' });
    }
  }

  return {
    port,
    issuer,
    jwksUri: `${issuer}/jwks`,
    async signToken(userEmail, signOptions = {}) {
      const user = findUser(options.users, userEmail);
      if (!user) throw new Error(`IDENTITY.UNKNOWN_USER: ${userEmail} is not a seeded user`);
      return signAccessToken(key, issuer, user, {
        audience: signOptions.audience ?? audience,
        ttlSeconds: signOptions.ttlSeconds,
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function flowResponse(res: ServerResponse, result: ReturnType<AuthorizationFlow['authorize']>): void {
  if (result.kind === 'redirect') res.writeHead(302, { location: result.location }).end();
  else if (result.kind === 'error') html(res, 400, errorPage(result.error, result.description));
  else html(res, 500, errorPage('server_error', 'unexpected flow state'));
}

/** Browser calls (discovery, JWKS, token, userinfo) come from the UIs' loopback origins. */
function cors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin || !isLoopbackUrl(origin)) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader(
    'access-control-allow-headers',
    String(req.headers['access-control-request-headers'] ?? 'content-type, authorization'),
  );
  res.setHeader('access-control-max-age', '600');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function html(res: ServerResponse, status: number, body: string): void {
  res
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    .end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 64 * 1024) req.destroy(new Error('IDENTITY.BODY_TOO_LARGE'));
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}
