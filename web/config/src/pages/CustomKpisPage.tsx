import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function CustomKpisPage() {
  return <EmptyState title="CustomKpis">Being built.</EmptyState>;
}
