/** The KPI catalog tree as the metadata service serves it (`GET /api/metadata/tree`). */
import { z } from 'zod';

export const treeNodeKinds = ['industry', 'valueChain', 'useCase', 'kpi'] as const;

export interface TreeNode {
  id: string;
  name: string;
  kind: (typeof treeNodeKinds)[number];
  /** KPIs below this node (1 for a KPI leaf). */
  count: number;
  children?: TreeNode[];
}

export const treeNodeSchema: z.ZodType<TreeNode> = z.lazy(() =>
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(treeNodeKinds),
    count: z.number().int().nonnegative(),
    children: z.array(treeNodeSchema).optional(),
  }),
);

export const catalogTreeSchema = z.object({
  catalogVersion: z.string(),
  /** Distinct KPIs in the (filtered) tree: a KPI shared by several use cases counts once. */
  kpiCount: z.number().int().nonnegative(),
  industries: z.array(treeNodeSchema),
});
export type CatalogTree = z.infer<typeof catalogTreeSchema>;

export const catalogTreeQuerySchema = z.object({
  /** Only this industry's branch. */
  industry: z.string().max(80).optional(),
  /** Case-insensitive match on KPI, use case, value chain or industry names; matching branches are kept. */
  search: z.string().max(200).optional(),
});
