import { ErrorPanel, Loading } from '@kpi/web-ui/layout';
import type { ReactNode } from 'react';
import { useLicense } from './LicenseContext';
import { LockedPage } from './LockedPage';

export interface DataRouteProps {
  /** The page's name for the locked page, e.g. "KPI catalog". */
  page: string;
  children: ReactNode;
}

/**
 * A page that shows the deployment's data: rendered while the licence is in force (full or grace), the
 * locked page while it is refused. Waits for the first word on the licence so a locked deployment never
 * flashes a page it will not serve.
 */
export function DataRoute({ page, children }: DataRouteProps) {
  const { banner, statusError, reloadStatus } = useLicense();
  if (banner?.state === 'refused') return <LockedPage banner={banner} page={page} />;
  if (banner) return <>{children}</>;
  if (statusError)
    return (
      <ErrorPanel
        title="The licence state could not be read"
        error={statusError}
        action={{ label: 'Retry', onClick: reloadStatus }}
      />
    );
  return <Loading label="Checking the licence…" />;
}
