import { useAuth } from '../auth/AuthProvider';
import styles from './Feedback.module.css';

export interface ForbiddenProps {
  /** Who may see this, e.g. "vendor staff (platform-admin or support)". */
  allowed: string;
  /** Request id of the refused call, to quote to support. */
  requestId?: string;
}

/** Shown when the API refuses (403) the signed-in user. */
export function Forbidden({ allowed, requestId }: ForbiddenProps) {
  const { user } = useAuth();
  return (
    <section className={styles.panel} role="alert" aria-labelledby="forbidden-title">
      <h2 id="forbidden-title">Not allowed</h2>
      <p>
        This page is only for {allowed}. You are signed in as <strong>{user.email}</strong>
        {user.roles.length > 0 ? ` with the role ${user.roles.join(', ')}` : ' without a role'}.
      </p>
      <p>Sign out and sign in with another account, or ask an administrator for access.</p>
      {requestId && (
        <dl className={styles.meta}>
          <dt>Request id</dt>
          <dd>{requestId}</dd>
        </dl>
      )}
    </section>
  );
}
