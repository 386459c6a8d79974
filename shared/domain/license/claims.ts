/**
 * What a licence key says: the payload of a compact JWS (`alg: EdDSA`, `kid`), readable by any JOSE
 * library. Standard claims keep their JWT names (`sub` = licence id, `iat`/`nbf`/`exp` in seconds); ours
 * are spelled out.
 */
import { EDITIONS, type Edition } from './license';

/** Issuer of every licence key. */
export const LICENSE_ISSUER = 'kpi-platform/license';

/** `typ` header of licence keys. */
export const LICENSE_KEY_TYPE = 'kpi-license+jwt';

/** Limits that keep parsing cheap and bounded whatever the input. */
export const KEY_LIMITS = {
  /** A key with 2,000 KPI ids stays well under this. */
  maxKeyChars: 96_000,
  maxKpiIds: 5_000,
  maxFeatures: 100,
  maxIdChars: 200,
} as const;

/** The claims of a licence key. */
export interface LicenseClaims {
  iss: string;
  /** Licence id. */
  sub: string;
  /** Key id: unique per issued key, so a renewed licence can refuse its superseded keys. */
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
  tenantId: string;
  configurationId: string;
  kpiIds: string[];
  edition: Edition;
  features: string[];
  maxDeployments: number;
  graceDays: number;
}

const isId = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= KEY_LIMITS.maxIdChars;
const isSeconds = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isIdList = (v: unknown, max: number): v is string[] =>
  Array.isArray(v) && v.length <= max && v.every(isId);

/** The claims, if `payload` has every claim with the right type and sane values; otherwise the problem. */
export function readClaims(
  payload: unknown,
): { ok: true; claims: LicenseClaims } | { ok: false; problem: string } {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, problem: 'payload is not an object' };
  }
  const p = payload as Record<string, unknown>;
  const checks: [boolean, string][] = [
    [p.iss === LICENSE_ISSUER, 'iss'],
    [isId(p.sub), 'sub'],
    [isId(p.jti), 'jti'],
    [isSeconds(p.iat), 'iat'],
    [isSeconds(p.nbf), 'nbf'],
    [isSeconds(p.exp) && (p.exp as number) > (p.nbf as number), 'exp'],
    [isId(p.tenantId), 'tenantId'],
    [isId(p.configurationId), 'configurationId'],
    [isIdList(p.kpiIds, KEY_LIMITS.maxKpiIds), 'kpiIds'],
    [(EDITIONS as readonly unknown[]).includes(p.edition), 'edition'],
    [isIdList(p.features, KEY_LIMITS.maxFeatures), 'features'],
    [Number.isSafeInteger(p.maxDeployments) && (p.maxDeployments as number) >= 1, 'maxDeployments'],
    [Number.isSafeInteger(p.graceDays) && (p.graceDays as number) >= 0, 'graceDays'],
  ];
  const bad = checks.filter(([ok]) => !ok).map(([, name]) => name);
  if (bad.length > 0) return { ok: false, problem: `invalid claims: ${bad.join(', ')}` };
  return {
    ok: true,
    claims: {
      iss: p.iss as string,
      sub: p.sub as string,
      jti: p.jti as string,
      iat: p.iat as number,
      nbf: p.nbf as number,
      exp: p.exp as number,
      tenantId: p.tenantId as string,
      configurationId: p.configurationId as string,
      kpiIds: p.kpiIds as string[],
      edition: p.edition as Edition,
      features: p.features as string[],
      maxDeployments: p.maxDeployments as number,
      graceDays: p.graceDays as number,
    },
  };
}
