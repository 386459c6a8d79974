import { join } from 'node:path';
import { defaultPorts } from '../ports';
import { issuerUrl } from './issuer';
import { loadOrCreateSigningKey } from './signing-key';
import { defaultAudience, signAccessToken } from './tokens';
import { findUser, type SeededUser, seededUsers } from './users';

export interface TokenCommandIo {
  out(line: string): void;
  err(line: string): void;
}

const usage = 'usage: npm run -s token -- <user-email> [--audience <aud>] [--ttl <seconds>]';

function listUsers(users: readonly SeededUser[]): string {
  return users
    .map(
      (u) => `  ${u.email.padEnd(26)} ${u.tid ? `tenant ${u.tid}` : 'vendor staff'}, ${u.roles.join(', ')}`,
    )
    .join('\n');
}

/**
 * `npm run token -- <email>`: prints an access token for a seeded user, signed with the local
 * issuer's key from `<dataDir>/identity` (created there if missing), so it works whether or not
 * the stack runs. `iss` is the issuer on LOCAL_IDENTITY_PORT (default 7072). Exit 2 on bad input.
 */
export async function runTokenCommand(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultDataDir: string,
  io: TokenCommandIo,
): Promise<number> {
  const positional: string[] = [];
  let audience = defaultAudience;
  let ttlSeconds: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--audience' || arg === '--ttl') {
      const value = args[++i];
      if (!value) {
        io.err(`${arg} needs a value\n${usage}`);
        return 2;
      }
      if (arg === '--audience') audience = value;
      else ttlSeconds = Number(value);
    } else positional.push(arg);
  }
  if (ttlSeconds !== undefined && !(Number.isInteger(ttlSeconds) && ttlSeconds > 0)) {
    io.err(`--ttl must be a positive whole number of seconds\n${usage}`);
    return 2;
  }
  const [email] = positional;
  if (!email || positional.length > 1) {
    io.err(`${usage}\n\nUsers:\n${listUsers(seededUsers)}`);
    return 2;
  }
  const user = findUser(seededUsers, email);
  if (!user) {
    io.err(`IDENTITY.UNKNOWN_USER: "${email}" is not a seeded user. Users:\n${listUsers(seededUsers)}`);
    return 2;
  }
  const portSetting = env[defaultPorts.identity.setting];
  const port = portSetting ? Number(portSetting) : defaultPorts.identity.port;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    io.err(`${defaultPorts.identity.setting}="${portSetting}" is not a port number`);
    return 2;
  }
  const dataDir = env.LOCAL_DATA_DIR ? env.LOCAL_DATA_DIR : defaultDataDir;
  const key = await loadOrCreateSigningKey(join(dataDir, 'identity'));
  io.out(await signAccessToken(key, issuerUrl(port), user, { audience, ttlSeconds }));
  return 0;
}
