import type { LicenseBanner } from '@kpi/shared/contracts/client-app';
import { ApiError, type ApiState, useApi } from '@kpi/web-ui/api';
import { useEffect } from 'react';
import { useLicense } from './LicenseContext';

const isBanner = (v: unknown): v is LicenseBanner =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as LicenseBanner).state === 'string' &&
  typeof (v as LicenseBanner).daysLeft === 'number';

/**
 * GETs a data route of the client deployment and passes the licence it reports on: the `license` of the
 * answer, or the refusal of a 403 `LICENSE.*` (which turns the page into the locked page via DataRoute).
 */
export function useDataApi<T extends { license: LicenseBanner }>(path: string | undefined): ApiState<T> {
  const state = useApi<T>(path);
  const { noteBanner } = useLicense();
  const { data, error } = state;
  useEffect(() => {
    if (data) noteBanner(data.license);
  }, [data, noteBanner]);
  useEffect(() => {
    if (
      error instanceof ApiError &&
      error.status === 403 &&
      error.code.startsWith('LICENSE.') &&
      isBanner(error.details)
    )
      noteBanner(error.details);
  }, [error, noteBanner]);
  return state;
}
