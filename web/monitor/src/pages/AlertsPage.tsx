import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function AlertsPage() {
  return <EmptyState title="Alerts">Being built.</EmptyState>;
}
