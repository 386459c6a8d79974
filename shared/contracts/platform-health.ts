/** Results of the monitoring service's platform self-check (`GET /api/monitoring/health`). */
import { z } from 'zod';

export const healthStatuses = ['ok', 'degraded'] as const;

export const dependencyCheckSchema = z.object({
  name: z.string(),
  status: z.enum(healthStatuses),
  latencyMs: z.number().nonnegative(),
  message: z.string().optional(),
});
export type DependencyCheck = z.infer<typeof dependencyCheckSchema>;

export const platformHealthSchema = z.object({
  id: z.string(),
  app: z.string(),
  checkedAt: z.string(),
  status: z.enum(healthStatuses),
  checks: z.array(dependencyCheckSchema),
});
export type PlatformHealth = z.infer<typeof platformHealthSchema>;

export const platformHealthListSchema = z.object({ items: z.array(platformHealthSchema) });
