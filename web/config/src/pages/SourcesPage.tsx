import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function SourcesPage() {
  return <EmptyState title="Sources">Being built.</EmptyState>;
}
