/**
 * Who the seeded platform e-mails, so that the seeded fleet's alert (and any alert a demo provokes) reaches
 * the local e-mail stand-in's outbox instead of being held back for want of recipients: vendor support, one
 * operations contact per customer tenant, and the account managers who receive licence e-mails.
 * Set through the monitoring API as a platform admin would in the Monitor's Settings page.
 */
export const seededMonitoringContacts = {
  vendorSupport: ['support@vendor.example'],
  tenants: { contoso: ['ops@contoso.example'], fabrikam: ['it@fabrikam.example'] } as Record<
    string,
    string[]
  >,
  accountManagers: { default: 'accounts@vendor.example', byTenant: { contoso: 'maria@vendor.example' } },
};

const severities = ['critical', 'warning'];

/** Puts the contacts above in place; each call replaces what it sets, so a second run changes nothing. */
export async function seedMonitoringContacts(api: string, adminToken: () => Promise<string>): Promise<void> {
  const c = seededMonitoringContacts;
  const requests: [string, unknown][] = [
    ['vendor/contacts', { emails: c.vendorSupport, severities }],
    ['vendor/settings', { accountManagers: c.accountManagers }],
    ...Object.entries(c.tenants).map(([tenantId, emails]): [string, unknown] => [
      `tenants/${tenantId}/settings`,
      { contacts: { emails, severities } },
    ]),
  ];
  const token = await adminToken();
  for (const [path, body] of requests) {
    const res = await fetch(`${api}/monitoring/${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`SEED.MONITORING_CONTACTS: PUT ${path}: ${res.status} ${await res.text()}`);
  }
}
