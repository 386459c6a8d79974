/**
 * Licence alert rules from the licence service's events: `license.expiring` opens "licence expiring"
 * (critical from 7 days), `license.expired` opens "licence expired" and clears "expiring"; issue, renewal
 * and revocation clear both. Each milestone of an already open "expiring" alert is a reminder.
 */
import type { LicenseEventType } from '../../contracts/license';
import type { RuleEvaluation } from './alert-rules';

export interface LicenseFacts {
  licenseId: string;
  expiresAt: string;
  milestone?: number;
}

const day = 86_400_000;

/** Whole days from `now` to `expiresAt` (negative when past). */
export function daysLeft(expiresAt: string, now: Date): number {
  return Math.ceil((Date.parse(expiresAt) - now.getTime()) / day);
}

export function evaluateLicenseEvent(
  type: LicenseEventType,
  facts: LicenseFacts,
  now: Date,
): RuleEvaluation[] {
  const left = daysLeft(facts.expiresAt, now);
  const cleared = (rule: 'license-expiring' | 'license-expired'): RuleEvaluation => ({
    rule,
    firing: false,
    severity: 'info',
    summary: `Licence ${facts.licenseId} is in order`,
  });
  switch (type) {
    case 'license.expiring':
      return [
        {
          rule: 'license-expiring',
          firing: true,
          severity: (facts.milestone ?? left) <= 7 ? 'critical' : 'warning',
          observed: left,
          ...(facts.milestone !== undefined ? { threshold: facts.milestone } : {}),
          summary: `Licence ${facts.licenseId} expires in ${left} day${left === 1 ? '' : 's'} (${facts.expiresAt})`,
        },
      ];
    case 'license.expired':
      return [
        {
          rule: 'license-expired',
          firing: true,
          severity: 'critical',
          summary: `Licence ${facts.licenseId} expired on ${facts.expiresAt}`,
        },
        cleared('license-expiring'),
      ];
    case 'license.issued':
    case 'license.renewed':
    case 'license.revoked':
      return [cleared('license-expiring'), cleared('license-expired')];
    default:
      return [];
  }
}
