import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function ConfigurationsPage() {
  return <EmptyState title="Configurations">Being built.</EmptyState>;
}
