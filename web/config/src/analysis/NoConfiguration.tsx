import { EmptyState } from '@kpi/web-ui/layout';
import { Link } from '@kpi/web-ui/routing';

/** Shown by a configuration page while no configuration is chosen. */
export function NoConfiguration({ what }: { what: string }) {
  return (
    <EmptyState title="No configuration chosen" icon="⚙">
      Choose a configuration to see its {what}: <Link to="/">Configurations</Link>.
    </EmptyState>
  );
}
