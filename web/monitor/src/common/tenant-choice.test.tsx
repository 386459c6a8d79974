import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChooseTenant, type TenantChoice } from './tenant-choice';

const choice = (tenants: string[]): TenantChoice => ({
  isStaff: true,
  canManage: true,
  tenantId: undefined,
  tenants,
  setTenant: () => {},
});

describe('ChooseTenant', () => {
  it('asks staff to pick a tenant, saying what belongs to one', () => {
    const html = renderToStaticMarkup(
      <ChooseTenant choice={choice(['contoso'])}>The audit log belongs to one tenant.</ChooseTenant>,
    );
    expect(html).toContain('Choose a tenant');
    expect(html).toContain('The audit log belongs to one tenant.');
  });

  it('says there is none to pick while no tenant has deployments', () => {
    const html = renderToStaticMarkup(
      <ChooseTenant choice={choice([])}>The audit log belongs to one tenant.</ChooseTenant>,
    );
    expect(html).toContain('No tenant has deployments yet.');
    expect(html).not.toContain('belongs to one tenant');
  });
});
