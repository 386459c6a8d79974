import type { LicenseBanner } from '@kpi/shared/contracts/client-app';
import { useAuth } from '@kpi/web-ui/auth';
import { Link } from '@kpi/web-ui/routing';
import { useEffect, useRef } from 'react';
import { canManage } from '../roles';
import styles from './LockedPage.module.css';
import { reasonText, whatToDo } from './reasons';

export interface LockedPageProps {
  /** The refusal: its reason code and the deployment's sentence. */
  banner: LicenseBanner;
  /** What the locked page would have shown, e.g. "KPI catalog". */
  page: string;
}

/**
 * Shown instead of a data page while the licence is refused. The data is kept; the page says why it is
 * locked, in words and by code, and what the signed-in user can do. Focus moves to its heading so
 * keyboard and screen-reader users land on the explanation.
 */
export function LockedPage({ banner, page }: LockedPageProps) {
  const { user } = useAuth();
  const admin = canManage(user);
  const reason = reasonText(banner.reasonCode);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={styles.locked} aria-labelledby="locked-title" data-testid="locked-page">
      <h1 id="locked-title" ref={heading} tabIndex={-1}>
        {page} is locked
      </h1>
      <p>
        <strong>{reason.title}.</strong> {reason.explanation}
      </p>
      {banner.message && <p>{banner.message}</p>}
      <p>Your data is kept: everything comes back as soon as the licence is in force again.</p>
      <dl className={styles.facts}>
        <dt>Reason code</dt>
        <dd data-testid="locked-reason">{banner.reasonCode ?? 'LICENSE.REFUSED'}</dd>
      </dl>
      <p className={styles.todo}>{whatToDo(banner.reasonCode, admin)}</p>
      <Link to="/licence" className={`kpi-button ${admin ? 'kpi-button-primary' : ''}`}>
        {admin ? 'Go to the Licence page' : 'See the licence state'}
      </Link>
    </section>
  );
}
