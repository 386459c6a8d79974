import { Forbidden } from '@kpi/web-ui/layout';

/** Who may use the monitoring pages, as the refusal says it. */
export const ALLOWED_TEXT = 'tenant owners and admins, and vendor staff';

/** Shown instead of a page the user's role cannot use, without asking the API first. */
export function NotAllowed({ requestId }: { requestId?: string | undefined }) {
  return <Forbidden allowed={ALLOWED_TEXT} {...(requestId ? { requestId } : {})} />;
}
