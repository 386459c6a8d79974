import { ApiError } from '@kpi/web-ui/api';
import { ErrorPanel } from '@kpi/web-ui/layout';

/** A failed catalog read, titled in words for the codes the deployment answers with. */
export function CatalogError({ error, reload }: { error: Error; reload: () => void }) {
  const code = error instanceof ApiError ? error.code : undefined;
  const title =
    code === 'CLIENT.NO_SNAPSHOT'
      ? 'The KPI catalog has not been fetched from the vendor yet'
      : code === 'CLIENT.NOT_READY'
        ? 'The deployment is still starting'
        : code === 'CLIENT.KPI_NOT_FOUND'
          ? 'No such KPI in your licence'
          : 'Your KPIs could not be loaded';
  return <ErrorPanel title={title} error={error} action={{ label: 'Retry', onClick: reload }} />;
}
