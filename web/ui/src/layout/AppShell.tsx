import type { ReactNode } from 'react';
import { useAuth } from '../auth/AuthProvider';
import { platformRoles } from '../auth/claims';
import { Link, useLocation } from '../routing/router';
import styles from './AppShell.module.css';

/** One entry of the header navigation. */
export interface NavItem {
  /** Path within this UI, e.g. `/` or `/events`. */
  to: string;
  label: string;
  /** Shown only to users with one of these roles (the page's API refuses the others anyway); all if unset. */
  roles?: readonly string[];
}

export interface AppShellProps {
  /** Name of this UI, shown in the header and the document title (e.g. `Config`). */
  appName: string;
  /** Header navigation; omit for single-page UIs. */
  nav?: NavItem[];
  children: ReactNode;
}

/** Page frame: header with the app name, navigation, the signed-in user, tenant, role and sign-out. */
export function AppShell({ appName, nav = [], children }: AppShellProps) {
  const { user, signOut } = useAuth();
  const { pathname } = useLocation();
  const isStaff = user.roles.some((r) => (platformRoles as readonly string[]).includes(r));
  const tenantLabel = user.tenantId ?? (isStaff ? 'Vendor staff' : 'No tenant');
  const links = nav.filter((item) => !item.roles || item.roles.some((r) => user.roles.includes(r)));
  return (
    <div className={styles.shell}>
      <a className={styles.skip} href="#main">
        Skip to content
      </a>
      <header className={styles.header}>
        <div className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            KPI
          </span>
          <span>
            <span className={styles.product}>KPI Platform · </span>
            {appName}
          </span>
        </div>
        {links.length > 0 && (
          <nav className={styles.nav} aria-label="Main">
            {links.map((item) => (
              <Link key={item.to} to={item.to} aria-current={item.to === pathname ? 'page' : undefined}>
                {item.label}
              </Link>
            ))}
          </nav>
        )}
        <div className={styles.user}>
          <div className={styles.badges}>
            <span className={styles.badge} data-testid="user-tenant">
              <span className={styles.badgeLabel}>Tenant</span>
              {tenantLabel}
            </span>
            <span className={styles.badge} data-testid="user-roles">
              <span className={styles.badgeLabel}>{user.roles.length > 1 ? 'Roles' : 'Role'}</span>
              {user.roles.length > 0 ? user.roles.join(', ') : 'none'}
            </span>
          </div>
          <div className={styles.who}>
            <span className={styles.name}>{user.name}</span>
            <span className={styles.email}>{user.email}</span>
          </div>
          <button type="button" className={styles.signOut} onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
