/**
 * Route templates of HTTP-triggered functions, matched like the Functions host (ASP.NET Core routing):
 * `{name}`, optional `{name?}`, defaults `{name=x}`, constraints `{id:int}` (chainable, with arguments
 * such as `{code:length(3)}`), catch-all `{*rest}`/`{**rest}`, complex segments such as `{name}.{ext}`.
 * Literal segments compare case-insensitively; literal outranks constrained parameter outranks parameter
 * outranks catch-all, segment by segment (ASP.NET "inbound precedence").
 */

/** Error raised for a template the real host would reject at startup. */
export class RouteTemplateError extends Error {
  readonly code = 'ROUTE.INVALID_TEMPLATE';
  override name = 'RouteTemplateError';
}

type Constraint = (value: string) => boolean;

interface ParamPart {
  kind: 'param';
  name: string;
  optional: boolean;
  catchAll: boolean;
  defaultValue?: string;
  constraints: Constraint[];
}
interface LiteralPart {
  kind: 'literal';
  text: string;
  lower: string;
}
type Part = ParamPart | LiteralPart;

interface Segment {
  parts: Part[];
  /** Single-part segments match fast; complex segments go through a regex. */
  regex?: RegExp;
  precedence: number;
}

/** A parsed route template, ready to match request paths. */
export interface CompiledRoute {
  template: string;
  segments: Segment[];
  /** Inbound precedence digits, one per segment: 1 literal, 2 complex, 3 constrained, 4 param, 5 catch-all. */
  precedence: number[];
  /** True when the template is nothing but a catch-all (an app's "everything else" route). */
  isCatchAllOnly: boolean;
  hasCatchAll: boolean;
}

const GUID = /^(\{)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}(\})?$/i;
const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parseArgs(raw: string | undefined, count: number, name: string): number[] {
  const args = (raw ?? '').split(',').map((a) => Number(a.trim()));
  if (args.length !== count || args.some((a) => !Number.isFinite(a))) {
    throw new RouteTemplateError(
      `Constraint '${name}' needs ${count} numeric argument(s), got '${raw ?? ''}'.`,
    );
  }
  return args;
}

function inInt32(v: string, bits: 32 | 64): boolean {
  if (!INT.test(v)) return false;
  const n = BigInt(v);
  const max = bits === 32 ? 2n ** 31n : 2n ** 63n;
  return n >= -max && n < max;
}

/** Builds one inline constraint (`int`, `alpha`, `guid`, `length(3)`, `regex(^a+$)` ...). */
function buildConstraint(spec: string): Constraint {
  const m = /^([a-zA-Z]+)(?:\((.*)\))?$/.exec(spec);
  if (!m) throw new RouteTemplateError(`Invalid route constraint '${spec}'.`);
  const name = (m[1] ?? '').toLowerCase();
  const raw = m[2];
  switch (name) {
    case 'int':
      return (v) => inInt32(v, 32);
    case 'long':
      return (v) => inInt32(v, 64);
    case 'alpha':
      return (v) => /^[a-z]+$/i.test(v);
    case 'guid':
      return (v) => GUID.test(v);
    case 'bool':
      return (v) => /^(true|false)$/i.test(v);
    case 'decimal':
    case 'double':
    case 'float':
      return (v) => FLOAT.test(v);
    case 'datetime':
      return (v) => !Number.isNaN(Date.parse(v));
    case 'minlength': {
      const [n = 0] = parseArgs(raw, 1, name);
      return (v) => v.length >= n;
    }
    case 'maxlength': {
      const [n = 0] = parseArgs(raw, 1, name);
      return (v) => v.length <= n;
    }
    case 'length': {
      const args = raw?.includes(',') ? parseArgs(raw, 2, name) : parseArgs(raw, 1, name);
      const [min = 0, max = min] = args;
      return (v) => v.length >= min && v.length <= max;
    }
    case 'min': {
      const [n = 0] = parseArgs(raw, 1, name);
      return (v) => inInt32(v, 64) && Number(v) >= n;
    }
    case 'max': {
      const [n = 0] = parseArgs(raw, 1, name);
      return (v) => inInt32(v, 64) && Number(v) <= n;
    }
    case 'range': {
      const [min = 0, max = 0] = parseArgs(raw, 2, name);
      return (v) => inInt32(v, 64) && Number(v) >= min && Number(v) <= max;
    }
    case 'regex': {
      if (!raw) throw new RouteTemplateError(`Constraint 'regex' needs a pattern.`);
      const re = new RegExp(raw, 'i');
      return (v) => re.test(v);
    }
    default:
      throw new RouteTemplateError(`Unknown route constraint '${spec}'.`);
  }
}

/** Splits `{id:regex(a:b):int?}` into name, flags and constraints; colons inside parentheses are kept. */
function parseParam(body: string, template: string): ParamPart {
  let text = body.trim();
  let catchAll = false;
  if (text.startsWith('**')) {
    catchAll = true;
    text = text.slice(2);
  } else if (text.startsWith('*')) {
    catchAll = true;
    text = text.slice(1);
  }
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ':' && depth === 0) {
      pieces.push(current);
      current = '';
    } else current += ch;
  }
  pieces.push(current);
  let optional = false;
  let defaultValue: string | undefined;
  const last = pieces.length - 1;
  let tail = pieces[last] ?? '';
  if (tail.endsWith('?')) {
    optional = true;
    tail = tail.slice(0, -1);
  }
  const eq = tail.indexOf('=');
  if (eq >= 0 && (last > 0 || !tail.slice(0, eq).includes('('))) {
    defaultValue = tail.slice(eq + 1);
    tail = tail.slice(0, eq);
  }
  pieces[last] = tail;
  const name = (pieces[0] ?? '').trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new RouteTemplateError(`Invalid parameter name '${name}' in route '${template}'.`);
  }
  const part: ParamPart = {
    kind: 'param',
    name,
    optional,
    catchAll,
    constraints: pieces.slice(1).map(buildConstraint),
  };
  if (defaultValue !== undefined) part.defaultValue = defaultValue;
  return part;
}

const literal = (text: string): LiteralPart => ({ kind: 'literal', text, lower: text.toLowerCase() });

function parseSegment(text: string, template: string): Segment {
  const parts: Part[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) {
      parts.push(literal(text.slice(i)));
      break;
    }
    if (open > i) parts.push(literal(text.slice(i, open)));
    const close = text.indexOf('}', open);
    if (close < 0) throw new RouteTemplateError(`Unclosed '{' in route '${template}'.`);
    parts.push(parseParam(text.slice(open + 1, close), template));
    i = close + 1;
  }
  const params = parts.filter((p): p is ParamPart => p.kind === 'param');
  if (parts.length > 1) {
    if (params.some((p) => p.catchAll)) {
      throw new RouteTemplateError(`A catch-all parameter must be a whole segment in route '${template}'.`);
    }
    // Complex segment: ASP.NET matches right to left, so greedy groups (`{name}.{ext}` splits at the last dot).
    const source = parts
      .map((p) => (p.kind === 'literal' ? p.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : '(.+)'))
      .join('');
    return { parts, regex: new RegExp(`^${source}$`, 'i'), precedence: 2 };
  }
  const only = parts[0];
  if (!only) throw new RouteTemplateError(`Empty segment in route '${template}'.`);
  if (only.kind === 'literal') return { parts, precedence: 1 };
  if (only.catchAll) return { parts, precedence: 5 };
  return { parts, precedence: only.constraints.length > 0 ? 3 : 4 };
}

/** Parses a route template (without the route prefix); throws RouteTemplateError for invalid ones. */
export function compileRoute(template: string): CompiledRoute {
  const trimmed = template.replace(/^\/+|\/+$/g, '');
  const segments = trimmed === '' ? [] : trimmed.split('/').map((s) => parseSegment(s, template));
  segments.forEach((seg, idx) => {
    const first = seg.parts[0];
    if (first?.kind === 'param' && first.catchAll && idx !== segments.length - 1) {
      throw new RouteTemplateError(`A catch-all parameter must be the last segment in route '${template}'.`);
    }
  });
  const names = segments.flatMap((s) => s.parts.filter((p) => p.kind === 'param').map((p) => p.name));
  const dup = names.find((n, i) => names.findIndex((m) => m.toLowerCase() === n.toLowerCase()) !== i);
  if (dup) throw new RouteTemplateError(`Parameter '${dup}' appears twice in route '${template}'.`);
  return {
    template,
    segments,
    precedence: segments.map((s) => s.precedence),
    isCatchAllOnly: segments.length === 1 && segments[0]?.precedence === 5,
    hasCatchAll: segments.at(-1)?.precedence === 5,
  };
}

/** Orders routes like ASP.NET: more specific first (precedence digits), then template text, then input order. */
export function compareRoutes(a: CompiledRoute, b: CompiledRoute): number {
  const n = Math.max(a.precedence.length, b.precedence.length);
  for (let i = 0; i < n; i++) {
    // A missing segment sorts as 0 (ASP.NET's decimal precedence: 0.1 < 0.14).
    const d = (a.precedence[i] ?? 0) - (b.precedence[i] ?? 0);
    if (d !== 0) return d;
  }
  const ta = a.template.toLowerCase();
  const tb = b.template.toLowerCase();
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

function checkParam(p: ParamPart, value: string, params: Record<string, string>): boolean {
  if (!p.constraints.every((c) => c(value))) return false;
  params[p.name] = value;
  return true;
}

function decode(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Splits a request path into its non-empty raw segments (done once per request, not per route). */
export function splitPath(path: string): string[] {
  // Empty segments (leading/trailing/double slashes) are ignored, as ASP.NET does for trailing slashes.
  return path.split('/').filter((s) => s !== '');
}

/**
 * Matches a path (relative to the route prefix, e.g. `metadata/kpis/42`, still percent-encoded) against a
 * route; returns the route values or undefined. Absent optional values are left out, as in the host.
 */
export function matchRoute(
  route: CompiledRoute,
  path: string | string[],
): Record<string, string> | undefined {
  const segs = typeof path === 'string' ? splitPath(path) : path;
  // Cheap rejection before any decoding: too many segments for a route without a catch-all.
  if (segs.length > route.segments.length && !route.hasCatchAll) return undefined;
  const params: Record<string, string> = {};
  const { segments } = route;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as Segment;
    const first = seg.parts[0] as Part;
    if (first.kind === 'param' && first.catchAll) {
      const rest = segs.slice(i).map(decode).join('/');
      if (rest === '') {
        if (first.defaultValue !== undefined) params[first.name] = first.defaultValue;
        return params;
      }
      return checkParam(first, rest, params) ? params : undefined;
    }
    const text = segs[i];
    if (text === undefined) {
      // Path ended: the rest of the template must be optional or have defaults.
      for (const s of segments.slice(i)) {
        const p = s.parts[0] as Part;
        if (s.parts.length !== 1 || p.kind !== 'param') return undefined;
        if (p.defaultValue !== undefined) params[p.name] = p.defaultValue;
        else if (!p.optional && !p.catchAll) return undefined;
      }
      return params;
    }
    const value = decode(text);
    if (seg.regex) {
      const m = seg.regex.exec(value);
      if (!m) return undefined;
      let g = 1;
      for (const p of seg.parts) {
        if (p.kind === 'param' && !checkParam(p, m[g++] ?? '', params)) return undefined;
      }
    } else if (first.kind === 'literal') {
      if (value.length !== first.text.length || value.toLowerCase() !== first.lower) return undefined;
    } else if (!checkParam(first, value, params)) return undefined;
  }
  return segs.length > segments.length ? undefined : params;
}

/** One HTTP function's route in the table. */
export interface RouteEntry<T> {
  route: CompiledRoute;
  /** Upper-case methods; empty means every method. */
  methods: string[];
  target: T;
}

/** Result of a lookup: a function to run, or why none runs. */
export type RouteLookup<T> =
  | { kind: 'match'; entry: RouteEntry<T>; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

/** All HTTP routes of all apps, kept in precedence order. */
export class RouteTable<T> {
  #entries: RouteEntry<T>[] = [];

  /** Adds a route; `methods` as declared by the function (any case), none meaning all. */
  add(template: string, methods: readonly string[] | undefined, target: T): RouteEntry<T> {
    const entry: RouteEntry<T> = {
      route: compileRoute(template),
      methods: (methods ?? []).map((m) => m.toUpperCase()),
      target,
    };
    this.#entries.push(entry);
    // Stable sort keeps registration order for ties.
    this.#entries.sort((a, b) => compareRoutes(a.route, b.route));
    return entry;
  }

  /** Removes every entry whose target satisfies `pred` (used when a worker re-registers). */
  removeWhere(pred: (target: T) => boolean): void {
    this.#entries = this.#entries.filter((e) => !pred(e.target));
  }

  get entries(): readonly RouteEntry<T>[] {
    return this.#entries;
  }

  /**
   * Finds the most specific route matching path and method. A path matched only by routes that refuse the
   * method gives 405 with their methods, except when the only such routes are bare catch-alls (an app's
   * "everything else" route for, say, OPTIONS must not turn every unknown path into a 405).
   */
  lookup(method: string, path: string): RouteLookup<T> {
    const upper = method.toUpperCase();
    const allow = new Set<string>();
    const segs = splitPath(path);
    for (const entry of this.#entries) {
      const params = matchRoute(entry.route, segs);
      if (!params) continue;
      if (entry.methods.length === 0 || entry.methods.includes(upper))
        return { kind: 'match', entry, params };
      if (!entry.route.isCatchAllOnly) for (const m of entry.methods) allow.add(m);
    }
    return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow].sort() } : { kind: 'not-found' };
  }
}
