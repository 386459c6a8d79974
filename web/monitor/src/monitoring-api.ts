/** One platform event recorded by the monitoring service (e.g. `catalog.published` from Service Bus). */
export interface PlatformEvent {
  id: string;
  type: string;
  source: string;
  subject: string;
  /** ISO 8601 UTC. */
  receivedAt: string;
  data: unknown;
}

/** A page of a list route (`?limit=` … `&continuationToken=`): its items, and the token of the next page. */
export interface ListPage<T> {
  items: T[];
  continuationToken?: string;
}

/** Body of `GET /monitoring/events`. */
export interface EventsResponse {
  items: PlatformEvent[];
}

export type HealthStatus = 'ok' | 'degraded';

/** One dependency check of an app. */
export interface HealthCheck {
  name: string;
  status: HealthStatus;
  latencyMs: number;
  message?: string;
}

/** Latest health of one Function app. */
export interface AppHealth {
  app: string;
  /** ISO 8601 UTC. */
  checkedAt: string;
  status: HealthStatus;
  checks: HealthCheck[];
}

/** Body of `GET /monitoring/health`. */
export interface HealthResponse {
  items: AppHealth[];
}

export const eventsPath = 'monitoring/events';
export const healthPath = 'monitoring/health';
/** The monitoring views refresh on this period, without a reload. */
export const refreshMs = 10_000;

/** "12 s ago", "5 min ago", … relative to `now`; the exact time goes in a title attribute. */
export function timeAgo(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}
