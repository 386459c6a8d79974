import { createHash } from 'node:crypto';

/** A user the local issuer can sign in: the claims its tokens carry. */
export interface SeededUser {
  /** Stable subject id (derived from the e-mail, so it never changes between runs). */
  sub: string;
  email: string;
  name: string;
  /** Tenant id; absent for vendor staff. */
  tid?: string;
  roles: string[];
}

/** A GUID-shaped id derived from the e-mail address. */
function stableSub(email: string): string {
  const h = createHash('sha256').update(`kpi-local-user:${email}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const user = (email: string, name: string, roles: string[], tid?: string): SeededUser => ({
  sub: stableSub(email),
  email,
  name,
  ...(tid ? { tid } : {}),
  roles,
});

/** The seeded users of the local stack (see the brief's "Roles and principals"). */
export const seededUsers: readonly SeededUser[] = [
  user('ada@vendor.example', 'Ada Lovelace', ['platform-admin']),
  user('sam@vendor.example', 'Sam Rivera', ['support']),
  user('olivia@contoso.example', 'Olivia Chen', ['owner'], 'contoso'),
  user('eddie@contoso.example', 'Eddie Morales', ['editor'], 'contoso'),
  user('vera@contoso.example', 'Vera Novak', ['viewer'], 'contoso'),
  user('alex@fabrikam.example', 'Alex Kim', ['admin'], 'fabrikam'),
];

/** The seeded user with this e-mail (case-insensitive), or undefined. */
export function findUser(users: readonly SeededUser[], email: string): SeededUser | undefined {
  const wanted = email.trim().toLowerCase();
  return users.find((u) => u.email.toLowerCase() === wanted);
}
