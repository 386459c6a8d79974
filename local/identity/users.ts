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

/** The seeded users' e-mails by first name, for tests and scripts that address them. */
export const seededEmails = {
  ada: 'ada@vendor.example',
  sam: 'sam@vendor.example',
  olivia: 'olivia@contoso.example',
  eddie: 'eddie@contoso.example',
  vera: 'vera@contoso.example',
  alex: 'alex@fabrikam.example',
} as const;

/** The seeded users of the local stack (the README's table of users). */
export const seededUsers: readonly SeededUser[] = [
  user(seededEmails.ada, 'Ada Lovelace', ['platform-admin']),
  user(seededEmails.sam, 'Sam Rivera', ['support']),
  user(seededEmails.olivia, 'Olivia Chen', ['owner'], 'contoso'),
  user(seededEmails.eddie, 'Eddie Morales', ['editor'], 'contoso'),
  user(seededEmails.vera, 'Vera Novak', ['viewer'], 'contoso'),
  user(seededEmails.alex, 'Alex Kim', ['admin'], 'fabrikam'),
];

/** The seeded user with this e-mail (case-insensitive), or undefined. */
export function findUser(users: readonly SeededUser[], email: string): SeededUser | undefined {
  const wanted = email.trim().toLowerCase();
  return users.find((u) => u.email.toLowerCase() === wanted);
}
