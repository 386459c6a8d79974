import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function FleetPage() {
  return <EmptyState title="Fleet">Being built.</EmptyState>;
}
