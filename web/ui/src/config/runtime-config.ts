/**
 * The settings a UI reads at start-up from `/config.json` beside its index.html. The file is written
 * at deploy time (uploadSite), so one bundle serves every environment.
 */
export interface RuntimeConfig {
  /** Base URL of the HTTP API, e.g. `http://127.0.0.1:7071/api`. */
  apiBase: string;
  /** OpenID issuer URL; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** OAuth client id of this UI. */
  clientId: string;
  /** Audience (application id URI) of the API the access token is for. */
  audience: string;
  /** Which UI this is: `config`, `monitor` or `client`. */
  app: string;
  /** Scopes to request; defaults to `openid profile email offline_access <audience>/.default`. */
  scope?: string;
  /** Per-app API bases (Azure: each Function app has its own host), e.g. `{ "metadata": "https://…/api" }`. */
  apiBases?: Record<string, string>;
}

/** Raised when config.json is missing or malformed; the UI cannot start without it. */
export class RuntimeConfigError extends Error {
  override readonly name = 'RuntimeConfigError';
  constructor(
    readonly code: 'CONFIG.UNREACHABLE' | 'CONFIG.INVALID',
    message: string,
  ) {
    super(message);
  }
}

const requiredKeys = ['apiBase', 'issuer', 'clientId', 'audience', 'app'] as const;

/** Checks the parsed config.json and lists every missing or malformed key in one error. */
export function parseRuntimeConfig(value: unknown): RuntimeConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RuntimeConfigError('CONFIG.INVALID', 'config.json must hold a JSON object');
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of requiredKeys) {
    const v = record[key];
    if (typeof v !== 'string' || v.trim() === '') problems.push(`"${key}" must be a non-empty string`);
  }
  for (const key of ['apiBase', 'issuer'] as const) {
    const v = record[key];
    if (typeof v === 'string' && v !== '' && !/^https?:\/\/[^/]/.test(v)) {
      problems.push(`"${key}" must be an absolute http(s) URL`);
    }
  }
  if (record.scope !== undefined && typeof record.scope !== 'string')
    problems.push('"scope" must be a string');
  const apiBases = record.apiBases;
  if (apiBases !== undefined) {
    const entries = typeof apiBases === 'object' && apiBases !== null ? Object.entries(apiBases) : undefined;
    if (!entries || entries.some(([, url]) => typeof url !== 'string' || !/^https?:\/\/[^/]/.test(url)))
      problems.push('"apiBases" must map app names to absolute http(s) URLs');
  }
  if (problems.length > 0) {
    throw new RuntimeConfigError('CONFIG.INVALID', `config.json is invalid: ${problems.join('; ')}`);
  }
  const config: RuntimeConfig = {
    apiBase: (record.apiBase as string).replace(/\/+$/, ''),
    issuer: (record.issuer as string).replace(/\/+$/, ''),
    clientId: record.clientId as string,
    audience: record.audience as string,
    app: record.app as string,
  };
  if (typeof record.scope === 'string') config.scope = record.scope;
  if (apiBases !== undefined) config.apiBases = { ...(apiBases as Record<string, string>) };
  return config;
}

/** Fetches and validates `config.json` from the folder the app is served from. */
export async function loadRuntimeConfig(
  url = `${import.meta.env.BASE_URL}config.json`,
): Promise<RuntimeConfig> {
  let response: Response;
  try {
    // no-store: the file changes at deploy time while the bundle stays the same.
    response = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  } catch (err) {
    throw new RuntimeConfigError('CONFIG.UNREACHABLE', `Could not fetch ${url}: ${(err as Error).message}`);
  }
  if (!response.ok) {
    throw new RuntimeConfigError('CONFIG.UNREACHABLE', `Could not fetch ${url}: HTTP ${response.status}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new RuntimeConfigError('CONFIG.INVALID', `${url} is not valid JSON`);
  }
  return parseRuntimeConfig(body);
}
