import { useAuth } from '@kpi/web-ui/auth';
import { Link, useLocation } from '@kpi/web-ui/routing';
import { canManage } from '../roles';
import styles from './LicenseBanner.module.css';
import { useLicense } from './LicenseContext';
import { days } from './license-banner';
import { reasonText, whatToDo } from './reasons';

/**
 * The licence state above every page, from the newest answer of the deployment: nothing while the licence
 * is in force, a warning with the days left in grace, an alert when it is refused. A live region, so a
 * change (a renewed key pasted) is announced without moving focus.
 */
export function LicenseBanner() {
  const { banner } = useLicense();
  const { user } = useAuth();
  const { pathname } = useLocation();
  const admin = canManage(user);
  const onLicensePage = pathname === '/licence';
  return (
    <div aria-live="polite" data-testid="license-banner-region">
      {banner?.state === 'grace' && (
        <div className={`${styles.banner} ${styles.grace}`} role="status" data-testid="license-banner">
          <strong>Licence expired: grace period, {days(banner.daysLeft)} left.</strong>
          <span className={styles.message}>
            Everything works until the grace period ends; then data pages lock.{' '}
            {admin
              ? 'Install a renewed key before then.'
              : 'Ask your administrator to install a renewed key.'}
          </span>
          {admin && !onLicensePage && <Link to="/licence">Renew on the Licence page</Link>}
        </div>
      )}
      {banner?.state === 'refused' && (
        <div className={`${styles.banner} ${styles.refused}`} role="alert" data-testid="license-banner">
          <strong>{reasonText(banner.reasonCode).title}: data pages are locked.</strong>
          <span className={styles.message}>{whatToDo(banner.reasonCode, admin)}</span>
          {!onLicensePage && <Link to="/licence">See the licence</Link>}
        </div>
      )}
    </div>
  );
}
