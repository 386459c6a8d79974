import styles from './Feedback.module.css';

/** Shown after an explicit sign-out when the issuer has no end-session endpoint. */
export function SignedOut({ onSignIn }: { onSignIn: () => void }) {
  return (
    <div className={styles.fullPage}>
      <section className={styles.panel} aria-labelledby="signed-out-title">
        <h2 id="signed-out-title">You are signed out</h2>
        <p>Your session on this device has ended.</p>
        <div className={styles.actions}>
          <button type="button" className="kpi-button kpi-button-primary" onClick={onSignIn}>
            Sign in
          </button>
        </div>
      </section>
    </div>
  );
}
