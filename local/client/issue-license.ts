/** Issues a licence through the licence API as a platform admin (the seed and the client deployment tests). */
export interface IssueOptions {
  api: string;
  adminToken: () => Promise<string>;
  tenantId: string;
  configurationId: string;
  /** Default: the configuration's selection (read by the licence service from Config). */
  kpiIds?: string[];
  expiresAt: string;
  graceDays?: number;
  maxDeployments?: number;
  contacts?: string[];
}

export async function issueLicense(
  o: IssueOptions,
): Promise<{ licenseId: string; key: string; kpiIds: string[] }> {
  const res = await fetch(`${o.api}/license/licenses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await o.adminToken()}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      tenantId: o.tenantId,
      configurationId: o.configurationId,
      ...(o.kpiIds ? { kpiIds: o.kpiIds } : {}),
      edition: 'professional',
      features: [],
      maxDeployments: o.maxDeployments ?? 1,
      expiresAt: o.expiresAt,
      graceDays: o.graceDays ?? 30,
      contacts: o.contacts ?? ['olivia@contoso.example'],
    }),
  });
  const body = (await res.json()) as {
    license?: { id: string; kpiIds: string[] };
    key?: string;
    error?: unknown;
  };
  if (res.status !== 201 || !body.license || !body.key) {
    throw new Error(`licence not issued (${res.status}): ${JSON.stringify(body.error ?? body)}`);
  }
  return { licenseId: body.license.id, key: body.key, kpiIds: body.license.kpiIds };
}
