/** A tiny history router with lazily loaded pages. */
export {
  Link,
  type LinkProps,
  navigate,
  type RouteComponent,
  Routes,
  type RoutesProps,
  useLocation,
} from './routing/router';
