import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function LicensesPage() {
  return <EmptyState title="Licenses">Being built.</EmptyState>;
}
