/**
 * A source's secrets: which kinds its definition needs, the Key Vault names the connector gives them
 * (`source-<id>-<kind>`: an admin never names a vault secret, so no definition can point at the licence key
 * or the deployment credential), writing the values sent, and showing them masked.
 */
import type { SecretStore } from '@kpi/shared/connectors/ports';
import { maskSecret } from '@kpi/shared/connectors/source-error';
import type { SourceDefinition } from '@kpi/shared/contracts/connector';
import type { SecretKind, SourceDefinitionInput, SourceSecrets } from '@kpi/shared/contracts/connector-app';
import { unprocessable } from '@kpi/shared/platform/errors';

/** The Key Vault secret of one kind for one source. */
export const secretName = (sourceId: string, kind: SecretKind) => `source-${sourceId}-${kind}`;

/** The kinds a definition can use: a PostgreSQL password, a REST API key or bearer token. */
export function secretKindsOf(def: SourceDefinitionInput | SourceDefinition): SecretKind[] {
  if (def.type === 'postgresql') return ['password'];
  if (def.type === 'rest' && def.auth.kind === 'api-key') return ['api-key'];
  if (def.type === 'rest' && def.auth.kind === 'bearer') return ['token'];
  return [];
}

const KIND_OF: Record<keyof SourceSecrets, SecretKind> = {
  password: 'password',
  apiKey: 'api-key',
  token: 'token',
};

/** The values sent, by kind; 422 `CONNECTOR.SECRET_UNUSED` for one the definition has no use for. */
export function sentSecrets(
  def: SourceDefinitionInput,
  secrets: SourceSecrets | undefined,
): Map<SecretKind, string> {
  const used = new Set(secretKindsOf(def));
  const out = new Map<SecretKind, string>();
  const unused: { path: string; message: string }[] = [];
  for (const [key, value] of Object.entries(secrets ?? {}) as [keyof SourceSecrets, string | undefined][]) {
    if (value === undefined) continue;
    const kind = KIND_OF[key];
    if (!used.has(kind))
      unused.push({ path: `secrets.${key}`, message: `a ${def.type} source of this kind takes no ${key}` });
    out.set(kind, value);
  }
  if (unused.length)
    throw unprocessable(
      'CONNECTOR.SECRET_UNUSED',
      'A secret was sent that the definition does not use',
      unused,
    );
  return out;
}

/**
 * The stored definition: the request's, with the connector's secret names. A PostgreSQL password is named
 * only once one was set (none: trust authentication); an API key or token is always named, so a test
 * without it answers `SOURCE.SECRET_MISSING`.
 */
export function withSecretRefs(
  sourceId: string,
  def: SourceDefinitionInput,
  setKinds: ReadonlySet<SecretKind>,
): SourceDefinition {
  if (def.type === 'postgresql') {
    return setKinds.has('password') ? { ...def, passwordSecretRef: secretName(sourceId, 'password') } : def;
  }
  if (def.type === 'rest') {
    if (def.auth.kind === 'api-key')
      return { ...def, auth: { ...def.auth, secretRef: secretName(sourceId, 'api-key') } };
    if (def.auth.kind === 'bearer')
      return { ...def, auth: { ...def.auth, secretRef: secretName(sourceId, 'token') } };
    return { ...def, auth: def.auth };
  }
  return def;
}

/** The stored definition as a request would give it (secret names dropped), for a change that keeps it. */
export function withoutSecretRefs(def: SourceDefinition): SourceDefinitionInput {
  if (def.type === 'postgresql') {
    const { passwordSecretRef: _ref, ...rest } = def;
    return rest;
  }
  if (def.type === 'rest' && def.auth.kind !== 'none') {
    const { secretRef: _ref, ...auth } = def.auth;
    return { ...def, auth };
  }
  return def as SourceDefinitionInput;
}

/** Writes each value sent to Key Vault (a new version); returns the names written. */
export async function writeSecrets(
  secrets: SecretStore,
  sourceId: string,
  values: ReadonlyMap<SecretKind, string>,
): Promise<string[]> {
  const names: string[] = [];
  for (const [kind, value] of values) {
    const name = secretName(sourceId, kind);
    await secrets.set(name, value, 'text/plain');
    names.push(name);
  }
  return names;
}

/** Each kind the definition uses, set or not, masked (`••••••••34`). */
export async function maskedSecrets(
  secrets: SecretStore,
  sourceId: string,
  def: SourceDefinition | undefined,
  secretRefs: readonly string[],
) {
  if (!def) return [];
  return Promise.all(
    secretKindsOf(def).map(async (kind) => {
      const name = secretName(sourceId, kind);
      const value = secretRefs.includes(name) ? await secrets.get(name) : undefined;
      return { kind, set: Boolean(value), masked: maskSecret(value) };
    }),
  );
}
