import {
  type AnchorHTMLAttributes,
  type ComponentType,
  type LazyExoticComponent,
  type MouseEvent,
  Suspense,
  useSyncExternalStore,
} from 'react';
import { Loading } from '../layout/Loading';

// A deliberately tiny history router: the UIs have a handful of flat routes, and pulling in a
// router library would cost more bundle than these lines.

const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Navigates within the UI without reloading (history.pushState). */
export function navigate(to: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** The current path, re-rendering on navigation. */
export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
  const url = new URL(href, 'http://x');
  return { pathname: url.pathname, search: url.search };
}

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  /** Path within this UI. */
  to: string;
}

/** An anchor that navigates client-side on a plain left click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/** A page component, normally `lazy(() => import('./pages/X'))` so each route is its own chunk. */
export type RouteComponent = ComponentType | LazyExoticComponent<ComponentType>;

export interface RoutesProps {
  /** Exact path → page. */
  routes: Record<string, RouteComponent>;
  /** Shown for any other path. */
  notFound: RouteComponent;
}

/** Renders the page of the current path inside Suspense (for lazily loaded pages). */
export function Routes({ routes, notFound }: RoutesProps) {
  const { pathname } = useLocation();
  const normalised = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const Page = routes[normalised] ?? notFound;
  return (
    <Suspense fallback={<Loading label="Loading page…" />}>
      <Page />
    </Suspense>
  );
}
