import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function OutboxPage() {
  return <EmptyState title="Outbox">Being built.</EmptyState>;
}
