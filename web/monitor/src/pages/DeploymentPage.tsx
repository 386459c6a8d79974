import { EmptyState } from '@kpi/web-ui/layout';

// Scaffold: replaced by the page's implementation in this session.
export default function DeploymentPage() {
  return <EmptyState title="Deployment">Being built.</EmptyState>;
}
