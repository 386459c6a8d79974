/**
 * Parsing of compact JWS licence keys, without verifying the signature (that needs a crypto provider; see
 * `shared/license/offline-verifier.ts`). Browser-safe: `atob` and `TextDecoder` only.
 */
import { KEY_LIMITS, LICENSE_KEY_TYPE } from './claims';
import type { RefuseReason } from './verdict';

/** A structurally valid key: its header, raw payload, and the bytes the signature covers. */
export interface ParsedKey {
  kid: string;
  payload: unknown;
  /** ASCII bytes of `<header>.<payload>`. */
  signingInput: Uint8Array;
  signature: Uint8Array;
}

const messages: Partial<Record<RefuseReason, string>> = {
  'LICENSE.KEY_OVERSIZED': 'The licence key is too large',
  'LICENSE.KEY_MALFORMED': 'The licence key is not a well-formed compact JWS',
  'LICENSE.ALGORITHM_UNSUPPORTED': 'The licence key is not signed with EdDSA',
  'LICENSE.UNKNOWN_KEY_ID': 'The licence key names no signing key',
  'LICENSE.SIGNATURE_INVALID': 'The licence key signature does not verify',
};

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes unpadded base64url; undefined for anything else. */
export function base64UrlDecode(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

function decodeJson(part: string): { ok: true; value: unknown } | { ok: false } {
  const bytes = base64UrlDecode(part);
  if (!bytes) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(decoder.decode(bytes)) };
  } catch {
    return { ok: false };
  }
}

/** Splits and decodes a key; refuses oversized, malformed and non-EdDSA keys with their reason. */
export function parseLicenseKey(
  key: unknown,
): { ok: true; key: ParsedKey } | { ok: false; reason: RefuseReason; message: string } {
  const fail = (reason: RefuseReason) => ({
    ok: false as const,
    reason,
    message: messages[reason] ?? reason,
  });
  if (typeof key !== 'string') return fail('LICENSE.KEY_MALFORMED');
  if (key.length > KEY_LIMITS.maxKeyChars) return fail('LICENSE.KEY_OVERSIZED');
  const parts = key.trim().split('.');
  if (parts.length !== 3) return fail('LICENSE.KEY_MALFORMED');
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJson(h);
  const payload = decodeJson(p);
  const signature = base64UrlDecode(s);
  if (!header.ok || !payload.ok || !signature) return fail('LICENSE.KEY_MALFORMED');
  const hv = header.value as Record<string, unknown> | null;
  if (typeof hv !== 'object' || hv === null || Array.isArray(hv)) return fail('LICENSE.KEY_MALFORMED');
  // Only EdDSA: never let the key choose a weaker algorithm (or `none`).
  if (hv.alg !== 'EdDSA') return fail('LICENSE.ALGORITHM_UNSUPPORTED');
  // `crit` asks us to understand extensions we do not have: refuse, as RFC 7515 requires.
  if (hv.crit !== undefined || (hv.typ !== undefined && hv.typ !== LICENSE_KEY_TYPE)) {
    return fail('LICENSE.KEY_MALFORMED');
  }
  if (typeof hv.kid !== 'string' || hv.kid.length === 0 || hv.kid.length > 200) {
    return fail('LICENSE.UNKNOWN_KEY_ID');
  }
  if (signature.length !== 64) return fail('LICENSE.SIGNATURE_INVALID');
  // Both parts passed the base64url check, so they are ASCII: the encoding is byte for byte.
  const signingInput = encoder.encode(`${h}.${p}`);
  return { ok: true, key: { kid: hv.kid, payload: payload.value, signingInput, signature } };
}
