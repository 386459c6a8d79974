/**
 * The licence state the UI shows, taken from whatever the deployment answered last: the `x-license-*`
 * headers every client-app answer carries, the `license` field of data answers and the refusal details of
 * a data route's 403. Pure, so the rules are unit-tested.
 */
// Type imports only: the contract's values would pull zod into the first load.
import type { ClientLicenseState, LICENSE_HEADERS, LicenseBanner } from '@kpi/shared/contracts/client-app';

/** The contract's header names (the type makes any drift a compile error). */
export const licenseHeaders: typeof LICENSE_HEADERS = {
  state: 'x-license-state',
  daysLeft: 'x-license-days-left',
  reason: 'x-license-reason',
};

/** The contract's states (a unit test compares them with `CLIENT_LICENSE_STATES`). */
export const licenseStates: readonly ClientLicenseState[] = ['full', 'grace', 'refused'];

const isState = (v: string | null): v is ClientLicenseState =>
  (licenseStates as readonly (string | null)[]).includes(v);

/** The banner in an answer's headers, or undefined when it has none (another origin, a gateway error). */
export function bannerFromHeaders(headers: Headers): LicenseBanner | undefined {
  const state = headers.get(licenseHeaders.state);
  if (!isState(state)) return undefined;
  const days = Number(headers.get(licenseHeaders.daysLeft));
  const banner: LicenseBanner = { state, daysLeft: Number.isInteger(days) && days >= 0 ? days : 0 };
  const reason = headers.get(licenseHeaders.reason);
  if (state === 'refused' && reason?.startsWith('LICENSE.')) banner.reasonCode = reason;
  return banner;
}

/**
 * The next banner: the incoming one, keeping the previous message while state and reason are unchanged
 * (headers carry no message; bodies do).
 */
export function mergeBanner(previous: LicenseBanner | undefined, next: LicenseBanner): LicenseBanner {
  if (
    next.message === undefined &&
    previous?.message !== undefined &&
    previous.state === next.state &&
    previous.reasonCode === next.reasonCode
  )
    return { ...next, message: previous.message };
  return next;
}

/** True when two banners would show the same thing (saves re-rendering on every answer). */
export function sameBanner(a: LicenseBanner | undefined, b: LicenseBanner): boolean {
  return (
    a !== undefined &&
    a.state === b.state &&
    a.daysLeft === b.daysLeft &&
    a.reasonCode === b.reasonCode &&
    a.message === b.message
  );
}

/** "1 day", "20 days". */
export function days(n: number): string {
  return `${n} ${n === 1 ? 'day' : 'days'}`;
}

/** The one line the banner and the licence page use for a state. */
export function stateSummary(banner: LicenseBanner): string {
  switch (banner.state) {
    case 'full':
      return `Licensed · ${days(banner.daysLeft)} until the licence expires`;
    case 'grace':
      return `Grace period · ${days(banner.daysLeft)} left`;
    case 'refused':
      return 'Licence refused';
  }
}
