import type { SeededUser } from './users';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

// The empty inline icon keeps browsers from asking the issuer for a /favicon.ico it does not serve (a 404
// in the console of every sign-in).
const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>
  body { font: 15px/1.4 system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1b1f24; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1rem; margin: 1.5rem 0 .5rem; color: #57606a; }
  ul { list-style: none; padding: 0; margin: 0; }
  a.user { display: flex; justify-content: space-between; padding: .6rem .8rem; margin: .3rem 0;
    border: 1px solid #d0d7de; border-radius: 6px; text-decoration: none; color: inherit; }
  a.user:hover, a.user:focus { border-color: #0969da; background: #f6f8fa; }
  .role { color: #57606a; } .note { color: #57606a; font-size: .9rem; }
</style></head><body>${body}</body></html>`;

/** The local sign-in page: every seeded user, grouped by tenant, each a link that signs in as them. */
export function signInPage(
  users: readonly SeededUser[],
  clientId: string,
  linkFor: (u: SeededUser) => string,
) {
  const groups = new Map<string, SeededUser[]>();
  for (const u of users) {
    const group = u.tid ? `Tenant ${u.tid}` : 'Vendor staff';
    groups.set(group, [...(groups.get(group) ?? []), u]);
  }
  const sections = [...groups]
    .map(
      ([group, members]) =>
        `<h2>${escapeHtml(group)}</h2><ul>${members
          .map(
            (u) => `<li><a class="user" data-email="${escapeHtml(u.email)}" href="${escapeHtml(linkFor(u))}">
<span><strong>${escapeHtml(u.name)}</strong> &lt;${escapeHtml(u.email)}&gt;</span><span class="role">${escapeHtml(u.roles.join(', '))}</span></a></li>`,
          )
          .join('')}</ul>`,
    )
    .join('');
  return page(
    'Sign in — KPI Platform (local)',
    `<h1>Sign in to ${escapeHtml(clientId)}</h1><p class="note">Local identity provider: choose who you are.</p>${sections}`,
  );
}

/** An error page for requests that cannot be sent back to the client (bad client_id or redirect_uri). */
export function errorPage(error: string, description: string) {
  return page(
    'Sign-in error',
    `<h1>Sign-in error</h1><p><code>${escapeHtml(error)}</code>: ${escapeHtml(description)}</p>`,
  );
}

/** Shown after logout when the client gave no (acceptable) return address. */
export function signedOutPage() {
  return page('Signed out', '<h1>Signed out</h1><p>You can close this window.</p>');
}
