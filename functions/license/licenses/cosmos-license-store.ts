/** `LicenseStore` on Cosmos DB: tenant repositories for tenant work, a global view for staff and the sweep. */
import type { Container } from '@azure/cosmos';
import {
  type DeploymentCredential,
  deploymentCredentialSchema,
} from '@kpi/shared/contracts/deployment-credential';
import { GlobalRepository } from '@kpi/shared/platform/cosmos/global-repository';
import {
  type Page,
  type PageOptions,
  type Scope,
  TenantRepository,
  type Versioned,
} from '@kpi/shared/platform/cosmos/tenant-repository';
import {
  type HistoryDocument,
  historyDocumentSchema,
  type LicenseDocument,
  licenseDocumentSchema,
} from './license-documents';
import type { LicenseStore } from './license-store';

/** The containers. */
export interface LicenseContainers {
  licenses: Container;
  history: Container;
  credentials: Container;
}

export class CosmosLicenseStore implements LicenseStore {
  private readonly licenses: TenantRepository<LicenseDocument>;
  private readonly allLicenses: GlobalRepository<LicenseDocument>;
  private readonly credentials: GlobalRepository<DeploymentCredential>;
  private readonly historyRepo: TenantRepository<HistoryDocument>;

  constructor(containers: LicenseContainers) {
    const licenseOptions = {
      container: containers.licenses,
      schema: licenseDocumentSchema,
      entity: 'LICENSE',
    };
    this.licenses = new TenantRepository(licenseOptions);
    this.allLicenses = new GlobalRepository({ ...licenseOptions, partitionKeyPath: '/tenantId' });
    this.credentials = new GlobalRepository({
      container: containers.credentials,
      schema: deploymentCredentialSchema,
      entity: 'DEPLOYMENT_CREDENTIAL',
    });
    this.historyRepo = new TenantRepository({
      container: containers.history,
      schema: historyDocumentSchema,
      entity: 'LICENSE_HISTORY',
    });
  }

  get(scope: Scope, id: string) {
    return this.licenses.getVersioned(scope, id);
  }
  list(scope: Scope, page?: PageOptions) {
    return this.licenses.list(scope, page);
  }
  create(scope: Scope, doc: LicenseDocument) {
    return this.licenses.create(scope, doc);
  }
  replace(scope: Scope, doc: LicenseDocument, ifMatch: string) {
    return this.licenses.replace(scope, doc, { ifMatch });
  }

  async findInAnyTenant(id: string): Promise<Versioned<LicenseDocument> | undefined> {
    const found = await this.allLicenses.query({
      where: 'c.id = @id',
      parameters: [{ name: '@id', value: id }],
    });
    const item = found.items[0];
    return item ? this.allLicenses.getVersioned(item.id, item.tenantId) : undefined;
  }
  listAll(page?: PageOptions): Promise<Page<LicenseDocument>> {
    return this.allLicenses.list(page);
  }
  dueForCheck(now: string, page?: PageOptions): Promise<Page<LicenseDocument>> {
    // Only licences with something due: the sweep's cost follows the licences that change.
    return this.allLicenses.query(
      {
        where: 'IS_DEFINED(c.nextCheckAt) AND c.nextCheckAt <= @now',
        parameters: [{ name: '@now', value: now }],
      },
      page,
    );
  }

  getCredential(id: string) {
    return this.credentials.get(id);
  }
  async createCredential(record: DeploymentCredential): Promise<void> {
    await this.credentials.create(record);
  }
  async replaceCredential(record: DeploymentCredential): Promise<void> {
    await this.credentials.replace(record);
  }

  async addHistory(scope: Scope, entry: HistoryDocument): Promise<void> {
    await this.historyRepo.upsert(scope, entry);
  }
  async history(scope: Scope, licenseId: string): Promise<HistoryDocument[]> {
    const out: HistoryDocument[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.historyRepo.query(
        scope,
        {
          where: 'c.licenseId = @licenseId',
          parameters: [{ name: '@licenseId', value: licenseId }],
          orderBy: 'c.at',
        },
        { maxItemCount: 100, ...(continuationToken ? { continuationToken } : {}) },
      );
      out.push(...page.items);
      continuationToken = page.continuationToken;
    } while (continuationToken && out.length < 1000);
    return out;
  }
}
