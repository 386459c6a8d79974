import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function DemoPage() {
  return <EmptyState title="Demo">Being built.</EmptyState>;
}
