import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function AnalysisPage() {
  return <EmptyState title="Analysis">Being built.</EmptyState>;
}
