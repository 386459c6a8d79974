/** Command-line options of `npm run simulate` (pure: parsing and validation only). */
import { SCENARIOS, type ScenarioName } from './scenario';

export interface SimulateArgs {
  deployments: number;
  tenants: string[];
  periodSeconds: number;
  scenario: ScenarioName;
  /** Undefined: run until Ctrl-C. */
  durationMs?: number;
  /** Base URL of the Functions API, e.g. `http://127.0.0.1:7071/api`. */
  api: string;
  /** Deployment ids are `<prefix>-<tenant>-<n>`. */
  prefix: string;
  /** Requests in flight at most (heartbeats, activations). */
  concurrency: number;
}

export const simulateUsage = `usage: npm run simulate -- --deployments N [options]

  --deployments N      virtual deployments (1..20000)
  --tenants a,b        tenants they belong to, round-robin (default contoso,fabrikam)
  --period S           heartbeat period in seconds, jittered ±10% (default 60)
  --scenario NAME      mixed (1 in 20 each goes silent, spikes errors, slows, grows memory) | healthy
  --duration D         how long to run, e.g. 90s, 10m, 1h (default: until Ctrl-C)
  --api URL            Functions API base (default http://127.0.0.1:<functions port>/api)
  --prefix P           deployment id prefix (default sim)
  --concurrency N      requests in flight at most (default 64)`;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `90s`, `10m`, `1h`, `500ms`, or a bare number of seconds → milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Number(m[1]) * (UNITS[m[2] ?? 's'] as number);
  return ms > 0 && Number.isFinite(ms) ? Math.round(ms) : undefined;
}

const tenantId = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

function positiveInt(name: string, value: string, max: number): number | string {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : `${name} must be a whole number from 1 to ${max}`;
}

/** Parses `argv` (after the script name); a leading `--` (npm's separator) is skipped. */
export function parseSimulateArgs(
  argv: readonly string[],
  defaults: { api: string },
): { ok: true; args: SimulateArgs } | { ok: false; error: string } {
  const out: SimulateArgs = {
    deployments: 0,
    tenants: ['contoso', 'fabrikam'],
    periodSeconds: 60,
    scenario: 'mixed',
    api: defaults.api,
    prefix: 'sim',
    concurrency: 64,
  };
  const fail = (error: string) => ({ ok: false as const, error });
  const args = argv.filter((a) => a !== '--');
  for (let i = 0; i < args.length; i++) {
    const flag = args[i] as string;
    const [name, inline] = flag.includes('=') ? flag.split(/=(.*)/s, 2) : [flag, undefined];
    const value = inline ?? args[++i];
    if (value === undefined) return fail(`${name} needs a value`);
    switch (name) {
      case '--deployments': {
        const n = positiveInt(name, value, 20_000);
        if (typeof n === 'string') return fail(n);
        out.deployments = n;
        break;
      }
      case '--tenants': {
        const list = value.split(',').map((t) => t.trim());
        const bad = list.find((t) => !tenantId.test(t));
        if (bad !== undefined || list.length === 0)
          return fail(`--tenants: "${bad ?? ''}" is not a tenant id`);
        out.tenants = [...new Set(list)];
        break;
      }
      case '--period': {
        const n = Number(value);
        if (!(n >= 1 && n <= 3600)) return fail('--period must be from 1 to 3600 seconds');
        out.periodSeconds = n;
        break;
      }
      case '--scenario':
        if (!(SCENARIOS as readonly string[]).includes(value)) {
          return fail(`--scenario must be one of ${SCENARIOS.join(', ')}`);
        }
        out.scenario = value as ScenarioName;
        break;
      case '--duration': {
        const ms = parseDuration(value);
        if (ms === undefined) return fail('--duration must look like 90s, 10m or 1h');
        out.durationMs = ms;
        break;
      }
      case '--api':
        if (!/^https?:\/\/[^/]+/.test(value)) return fail('--api must be an http(s) URL');
        out.api = value.replace(/\/+$/, '');
        break;
      case '--prefix':
        if (!/^[a-z0-9][a-z0-9-]{0,30}$/.test(value)) return fail('--prefix: lower-case letters, digits, -');
        out.prefix = value;
        break;
      case '--concurrency': {
        const n = positiveInt(name, value, 1024);
        if (typeof n === 'string') return fail(n);
        out.concurrency = n;
        break;
      }
      default:
        return fail(`unknown option ${name}`);
    }
  }
  if (out.deployments === 0) return fail('--deployments is required');
  return { ok: true, args: out };
}
