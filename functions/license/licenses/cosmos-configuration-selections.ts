/**
 * Reads a configuration's selected KPIs from the Config service's `configurations` container (read only,
 * as Config reads the metadata service's custom KPI versions): the licence carries what was selected.
 */
import type { Container } from '@azure/cosmos';
import { type Configuration, configurationSchema } from '@kpi/shared/contracts/demo-config';
import type { Scope } from '@kpi/shared/platform/cosmos/tenant-repository';
import { TenantRepository } from '@kpi/shared/platform/cosmos/tenant-repository';
import type { ConfigurationSelections } from './license-core';

export class CosmosConfigurationSelections implements ConfigurationSelections {
  private readonly configurations: TenantRepository<Configuration>;

  constructor(container: Container) {
    this.configurations = new TenantRepository<Configuration>({
      container,
      schema: configurationSchema,
      entity: 'CONFIGURATION',
    });
  }

  async selection(scope: Scope, configurationId: string): Promise<string[] | undefined> {
    const found = await this.configurations.get(scope, configurationId);
    return found?.selectedKpis.map((k) => k.kpiId);
  }
}
