import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function DiagramPage() {
  return <EmptyState title="Diagram">Being built.</EmptyState>;
}
