import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function AuditPage() {
  return <EmptyState title="Audit">Being built.</EmptyState>;
}
