import { Link } from '../routing/router';
import { EmptyState } from './EmptyState';

/** Page for a path this UI does not have. */
export function NotFoundPage() {
  return (
    <EmptyState title="Page not found" icon="?">
      <p>There is no page at this address.</p>
      <Link to="/" className="kpi-button">
        Go to the start page
      </Link>
    </EmptyState>
  );
}
