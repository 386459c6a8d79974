/**
 * Declarative settings: each process declares what it reads, reads it once, and fails with ONE error
 * listing every missing or malformed setting. This is the only module that reads `process.env`.
 *
 * Connections follow the Azure Functions convention: `<NAME>` holds a connection string (local
 * stand-ins), or `<NAME>__<property>` holds an endpoint for an identity-based connection (Azure).
 */
import { AppError, ErrorCodes } from './errors';

/** A connection setting's value: a connection string (local) or an endpoint reached with a managed identity. */
export type Connection = { kind: 'connectionString'; value: string } | { kind: 'identity'; endpoint: string };

type Env = Readonly<Record<string, string | undefined>>;
type ReadResult<T> = { ok: true; value: T } | { ok: false; problem: string };

/** One declared setting. `azureNames` are the app settings Bicep must declare; `localNames` those of local settings. */
export interface Setting<T> {
  readonly azureNames: readonly string[];
  readonly localNames: readonly string[];
  read(env: Env): ReadResult<T>;
}

/** Thrown by `load` with every problem at once (code `CONFIG.INVALID`). */
export class ConfigError extends AppError {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(
      ErrorCodes.configInvalid,
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`,
      500,
      problems,
    );
  }
}

const present = (raw: string | undefined): raw is string => raw !== undefined && raw.trim() !== '';

interface ScalarOptions<T> {
  optional?: boolean;
  /** Only for non-secret values. */
  default?: T;
}

function scalar<T>(
  name: string,
  options: ScalarOptions<T>,
  parse: (raw: string) => ReadResult<T>,
): Setting<T | undefined> {
  return {
    azureNames: [name],
    localNames: [name],
    read(env) {
      const raw = env[name];
      if (!present(raw)) {
        if (options.default !== undefined) return { ok: true, value: options.default };
        if (options.optional) return { ok: true, value: undefined };
        return { ok: false, problem: `${name} is missing` };
      }
      return parse(raw.trim());
    },
  };
}

type Opt<T, O> = O extends { default: unknown } ? T : O extends { optional: true } ? T | undefined : T;

/** A plain string. */
export function text<const O extends ScalarOptions<string> = Record<never, never>>(
  name: string,
  options?: O,
): Setting<Opt<string, O>> {
  return scalar(name, options ?? {}, (raw) => ({ ok: true, value: raw })) as Setting<Opt<string, O>>;
}

/** An absolute http(s) URL; a trailing slash is removed. */
export function url<const O extends ScalarOptions<string> = Record<never, never>>(
  name: string,
  options?: O,
): Setting<Opt<string, O>> {
  return scalar(name, options ?? {}, (raw) =>
    isHttpUrl(raw)
      ? { ok: true, value: raw.replace(/\/+$/, '') }
      : { ok: false, problem: `${name} is not an absolute http(s) URL` },
  ) as Setting<Opt<string, O>>;
}

/** An integer with optional bounds. */
export function int<
  const O extends ScalarOptions<number> & { min?: number; max?: number } = Record<never, never>,
>(name: string, options?: O): Setting<Opt<number, O>> {
  const o = options ?? ({} as O);
  return scalar(name, o, (raw) => {
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n))
      return { ok: false, problem: `${name} is not an integer` };
    if (o.min !== undefined && n < o.min) return { ok: false, problem: `${name} must be >= ${o.min}` };
    if (o.max !== undefined && n > o.max) return { ok: false, problem: `${name} must be <= ${o.max}` };
    return { ok: true, value: n };
  }) as Setting<Opt<number, O>>;
}

/** `true`/`false`/`1`/`0`. */
export function bool<const O extends ScalarOptions<boolean> = Record<never, never>>(
  name: string,
  options?: O,
): Setting<Opt<boolean, O>> {
  return scalar(name, options ?? {}, (raw) => {
    const v = raw.toLowerCase();
    if (v === 'true' || v === '1') return { ok: true, value: true };
    if (v === 'false' || v === '0') return { ok: true, value: false };
    return { ok: false, problem: `${name} must be true or false` };
  }) as Setting<Opt<boolean, O>>;
}

/** A comma-separated list (entries trimmed, empties dropped). Optional lists read as `[]` when unset. */
export function list(name: string, options?: { optional?: boolean }): Setting<string[]> {
  const s = scalar<string[]>(name, options?.optional ? { default: [] } : {}, (raw) => ({
    ok: true,
    value: raw
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  }));
  return s as Setting<string[]>;
}

/**
 * A connection: `NAME` (connection string) or `NAME__<identityProperty>` (identity-based; e.g.
 * `accountEndpoint`, `fullyQualifiedNamespace`, `blobServiceUri`, `endpoint`). No default, ever.
 */
export function connection(name: string, identityProperty: string): Setting<Connection> {
  const identityName = `${name}__${identityProperty}`;
  // Service Bus names a host, not a URL: `<ns>.servicebus.windows.net`.
  const wantsHost = identityProperty === 'fullyQualifiedNamespace';
  return {
    azureNames: [identityName],
    localNames: [name],
    read(env) {
      const cs = env[name];
      if (present(cs)) {
        return cs.includes('=')
          ? { ok: true, value: { kind: 'connectionString', value: cs.trim() } }
          : { ok: false, problem: `${name} is not a connection string (expected key=value pairs)` };
      }
      const endpoint = env[identityName];
      if (present(endpoint)) {
        const e = endpoint.trim();
        const valid = wantsHost ? /^[a-z0-9.-]+(:\d+)?$/i.test(e) || isHttpUrl(e) : isHttpUrl(e);
        return valid
          ? { ok: true, value: { kind: 'identity', endpoint: e } }
          : { ok: false, problem: `${identityName} is not a valid ${wantsHost ? 'host name' : 'URL'}` };
      }
      return {
        ok: false,
        problem: `${name} is missing (set ${name} to a connection string or ${identityName})`,
      };
    },
  };
}

function isHttpUrl(raw: string): boolean {
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The typed object a spec loads into. */
export type SettingsOf<S extends Record<string, Setting<unknown>>> = {
  [K in keyof S]: S[K] extends Setting<infer T> ? T : never;
};

/** A declared set of settings. */
export interface SettingsSpec<T> {
  /** Reads and validates every setting; throws one `ConfigError` listing all problems. */
  load(env?: Env): T;
  /** Setting names as declared in Bicep (identity-based connections). */
  readonly azureNames: readonly string[];
  /** Setting names as written in local settings (connection strings). */
  readonly localNames: readonly string[];
  /** The individual settings, for composing specs. */
  readonly settings: Readonly<Record<string, Setting<unknown>>>;
}

/** Declares a process's settings. Compose with spread: `defineSettings({ ...httpEdgeSettings, cosmos: … })`. */
export function defineSettings<S extends Record<string, Setting<unknown>>>(
  settings: S,
): SettingsSpec<SettingsOf<S>> {
  const entries = Object.entries(settings);
  const unique = (names: string[]) => [...new Set(names)];
  return {
    settings,
    azureNames: unique(entries.flatMap(([, s]) => s.azureNames)),
    localNames: unique(entries.flatMap(([, s]) => s.localNames)),
    load(env = process.env) {
      const problems: string[] = [];
      const out: Record<string, unknown> = {};
      for (const [key, setting] of entries) {
        const r = setting.read(env);
        if (r.ok) out[key] = r.value;
        else problems.push(r.problem);
      }
      if (problems.length > 0) throw new ConfigError(problems);
      return Object.freeze(out) as SettingsOf<S>;
    },
  };
}

/**
 * A memoised getter: `export const config = lazyConfig(settingsSpec)`, then `config().cosmos`. The first
 * call (at worker start-up, when the first function runs) reads `process.env`; a failure is re-thrown on
 * every call so the problem stays visible.
 */
export function lazyConfig<T>(spec: SettingsSpec<T>, env?: Env): () => T {
  let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
  return () => {
    if (!result) {
      try {
        result = { ok: true, value: spec.load(env) };
      } catch (error) {
        result = { ok: false, error };
      }
    }
    if (result.ok) return result.value;
    throw result.error;
  };
}
