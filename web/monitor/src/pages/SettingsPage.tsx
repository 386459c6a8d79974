import { DEFAULT_THRESHOLDS, type MonitoringSettings } from '@kpi/shared/contracts/monitoring-rules';
import { useApi } from '@kpi/web-ui/api';
import { useAuth } from '@kpi/web-ui/auth';
import { Loading } from '@kpi/web-ui/layout';
import form from '../common/form.module.css';
import { Loaded } from '../common/Loaded';
import { NotAllowed } from '../common/NotAllowed';
import monitor from '../common/page.module.css';
import { refusal } from '../common/refusal';
import { ChooseTenant, TenantPicker, useTenantChoice } from '../common/tenant-choice';
import styles from '../settings/settings.module.css';
import { effectiveDefaults } from '../settings/settings-model';
import { TenantSettingsForm } from '../settings/TenantSettingsForm';
import { VendorSettingsForm } from '../settings/VendorSettingsForm';

/**
 * Monitoring settings. A tenant owner/admin edits their tenant's thresholds, contacts and switched-off
 * rules; vendor staff pick a tenant for the same, and see the vendor-wide defaults, support contacts and
 * account managers below (platform-admin edits, support reads). Save buttons follow the API's roles.
 */
export default function SettingsPage() {
  const { user } = useAuth();
  const choice = useTenantChoice({ allowAll: false });
  const isPlatformAdmin = user.roles.includes('platform-admin');
  const canEditTenant = isPlatformAdmin || user.roles.includes('owner') || user.roles.includes('admin');
  const vendor = useApi<MonitoringSettings>(choice.isStaff ? 'monitoring/vendor/settings' : undefined);

  if (!choice.canManage) return <NotAllowed />;
  const refused = refusal(vendor.error);
  if (refused) return <NotAllowed requestId={refused.requestId} />;
  // Tenant users cannot read the vendor's defaults: their blank fields show the built-in ones.
  const defaults = effectiveDefaults(DEFAULT_THRESHOLDS, vendor.data?.thresholds);
  const vendorSection = choice.isStaff && (
    <section aria-labelledby="vendor-settings">
      <h2 id="vendor-settings" className={styles.sectionHead}>
        Vendor
      </h2>
      <Loaded state={vendor} loadingLabel="Loading the vendor settings…">
        {(settings) => (
          <VendorSettingsForm
            settings={settings}
            canEdit={isPlatformAdmin}
            tenants={choice.tenants}
            onSaved={vendor.reload}
          />
        )}
      </Loaded>
    </section>
  );

  return (
    <>
      <div className={monitor.toolbar}>
        <h1>Settings</h1>
      </div>
      <div className={styles.form}>
        <section aria-labelledby="tenant-settings">
          <h2 id="tenant-settings" className={styles.sectionHead}>
            Tenant
          </h2>
          <div className={form.filters}>
            <TenantPicker choice={choice} allowAll={false} />
          </div>
          {!choice.tenantId ? (
            <ChooseTenant choice={choice}>Thresholds, contacts and rules belong to one tenant.</ChooseTenant>
          ) : choice.isStaff && vendor.loading ? (
            <Loading label="Loading the defaults…" />
          ) : (
            <TenantSettingsForm
              key={choice.tenantId}
              tenantId={choice.tenantId}
              canEdit={canEditTenant}
              defaults={defaults}
              defaultLabel={choice.isStaff && vendor.data ? 'Default (vendor or built-in)' : 'Default'}
            />
          )}
        </section>
        {vendorSection}
      </div>
    </>
  );
}
