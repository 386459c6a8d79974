import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function SowPage() {
  return <EmptyState title="Sow">Being built.</EmptyState>;
}
