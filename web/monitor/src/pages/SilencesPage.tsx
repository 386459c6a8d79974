import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function SilencesPage() {
  return <EmptyState title="Silences">Being built.</EmptyState>;
}
