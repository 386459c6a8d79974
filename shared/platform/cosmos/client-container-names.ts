/**
 * Cosmos DB container names of a client deployment's apps, checked against `bicep/client-cosmos-containers.json`
 * (the deployment's own account) as `containerName` checks the vendor's against cosmos-containers.json. Client
 * apps import `containerName` from here, with a string literal, so the cross-check sees each name.
 */
import clientDeclarationJson from '../../../bicep/client-cosmos-containers.json';
import { createContainerNames } from './container-names';

/** The container's name, if `bicep/client-cosmos-containers.json` declares it (`COSMOS.CONTAINER_UNDECLARED` otherwise). */
export const containerName: (name: string) => string = createContainerNames(clientDeclarationJson);
