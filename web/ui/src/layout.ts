/** Page frame and feedback components. */
export { AppShell, type AppShellProps, type NavItem } from './layout/AppShell';
export { EmptyState, type EmptyStateProps } from './layout/EmptyState';
export { ErrorPanel, type ErrorPanelProps } from './layout/ErrorPanel';
export { Forbidden, type ForbiddenProps } from './layout/Forbidden';
export { Loading, type LoadingProps } from './layout/Loading';
export { Panel, type PanelProps } from './layout/Panel';
export { type ReadState, readFallback } from './layout/read-fallback';
