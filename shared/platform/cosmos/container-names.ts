/**
 * Cosmos DB container names, checked against `bicep/cosmos-containers.json`: the one declaration that Bicep
 * deploys, the local stack creates and `bicep/bicep-crosscheck.test.ts` reads.
 *
 * Code names a container ONLY as `containerName('x')` with a string literal (the cross-check test scans for
 * these calls). Call it at module scope, so an undeclared name stops the app at start-up with
 * `COSMOS.CONTAINER_UNDECLARED` instead of failing its first request in Azure, where the code cannot create
 * containers (its data-plane role does not allow it).
 */
import { z } from 'zod';
import declarationJson from '../../../bicep/cosmos-containers.json';
import { AppError } from '../errors';

/** Error code thrown for a name that `bicep/cosmos-containers.json` does not declare. */
export const containerUndeclaredCode = 'COSMOS.CONTAINER_UNDECLARED';

// Only the names matter here; the full schema (partition keys, TTL, indexes) is validated by the local stack
// (local/cosmos/ensure-containers.ts) and by the cross-check test.
const namesSchema = z.object({
  database: z.string().min(1),
  containers: z.array(z.object({ name: z.string().min(1) })).min(1),
});

/** Returns a `containerName` function bound to one declaration (the bundled file by default). */
export function createContainerNames(declaration: unknown): (name: string) => string {
  const parsed = namesSchema.safeParse(declaration);
  if (!parsed.success) {
    throw new AppError(
      'COSMOS.DECLARATION_INVALID',
      `cosmos-containers.json: ${z.prettifyError(parsed.error)}`,
    );
  }
  const declared = new Set(parsed.data.containers.map((c) => c.name));
  return (name) => {
    if (!declared.has(name)) {
      throw new AppError(
        containerUndeclaredCode,
        `Cosmos container "${name}" is not declared in bicep/cosmos-containers.json (declared: ${[...declared].join(', ')})`,
      );
    }
    return name;
  };
}

/** The container's name, if `bicep/cosmos-containers.json` declares it; throws `COSMOS.CONTAINER_UNDECLARED` otherwise. */
export const containerName: (name: string) => string = createContainerNames(declarationJson);
