import type { CosmosClient, IndexingPolicy } from '@azure/cosmos';
import { z } from 'zod';
import clientDeclarationJson from '../../bicep/client-cosmos-containers.json';
import declarationJson from '../../bicep/cosmos-containers.json';

/** Schema of `bicep/cosmos-containers.json`, the one declaration of Cosmos DB containers. */
export const cosmosContainersSchema = z.object({
  $comment: z.string().optional(),
  database: z.string().min(1),
  containers: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,254}$/, 'lower-case letters, digits and dashes'),
        partitionKey: z.string().regex(/^\/[A-Za-z0-9_]+(\/[A-Za-z0-9_]+)*$/, 'a path such as /tenantId'),
        /** Seconds; -1 = TTL on, set per item. Absent = TTL off. */
        defaultTtl: z
          .number()
          .int()
          .refine((v) => v === -1 || v > 0, 'must be -1 or a positive number of seconds')
          .optional(),
        /** Needed for ORDER BY over two or more fields, as in real Cosmos DB. */
        compositeIndexes: z
          .array(z.array(z.object({ path: z.string(), order: z.enum(['ascending', 'descending']) })).min(2))
          .optional(),
      }),
    )
    // A client deployment's declaration may be empty until an app of it keeps state in Cosmos DB.
    .refine((cs) => new Set(cs.map((c) => c.name)).size === cs.length, 'container names must be unique'),
});

export type CosmosContainersDeclaration = z.infer<typeof cosmosContainersSchema>;

/** Validates a parsed declaration; throws `COSMOS.DECLARATION_INVALID` with zod's message otherwise. */
export function parseCosmosContainers(json: unknown): CosmosContainersDeclaration {
  const result = cosmosContainersSchema.safeParse(json);
  if (!result.success) throw new Error(`COSMOS.DECLARATION_INVALID: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** The declaration in `bicep/cosmos-containers.json` (bundled at build time), validated. */
export function loadCosmosContainers(): CosmosContainersDeclaration {
  return parseCosmosContainers(declarationJson);
}

/** A client deployment's containers: `bicep/client-cosmos-containers.json` (client.bicep reads the same file). */
export function loadClientCosmosContainers(): CosmosContainersDeclaration {
  return parseCosmosContainers(clientDeclarationJson);
}

export interface EnsureResult {
  created: string[];
  existing: string[];
}

/**
 * Creates the database and every declared container that does not exist yet. Safe to run on every
 * start. An existing container with a different partition key is an error
 * (`COSMOS.PARTITION_KEY_MISMATCH`): Cosmos DB cannot change it in place.
 */
export async function ensureCosmosContainers(
  client: CosmosClient,
  declaration: CosmosContainersDeclaration,
): Promise<EnsureResult> {
  const { database } = await client.databases.createIfNotExists({ id: declaration.database });
  const result: EnsureResult = { created: [], existing: [] };
  for (const c of declaration.containers) {
    const indexingPolicy: IndexingPolicy | undefined = c.compositeIndexes
      ? { compositeIndexes: c.compositeIndexes }
      : undefined;
    const response = await database.containers.createIfNotExists({
      id: c.name,
      partitionKey: { paths: [c.partitionKey] },
      ...(c.defaultTtl !== undefined ? { defaultTtl: c.defaultTtl } : {}),
      ...(indexingPolicy ? { indexingPolicy } : {}),
    });
    const paths = response.resource?.partitionKey?.paths ?? [];
    if (paths.length !== 1 || paths[0] !== c.partitionKey) {
      throw new Error(
        `COSMOS.PARTITION_KEY_MISMATCH: container ${c.name} has partition key ${paths.join(',')}, declared ${c.partitionKey}`,
      );
    }
    (response.statusCode === 201 ? result.created : result.existing).push(c.name);
  }
  return result;
}
