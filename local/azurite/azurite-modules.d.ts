// Azurite ships no type declarations for its deep modules (and `require('azurite')` wants `vscode`),
// so we declare only the parts of the constructors and servers that local/azurite/azurite.ts uses.

declare module 'azurite/dist/src/common/persistence/IExtentStore' {
  /** One folder where Azurite writes blob/queue payload extents. */
  export interface StoreDestinationArray {
    locationId: string;
    locationPath: string;
    maxConcurrency: number;
  }
}

declare module 'azurite/dist/src/common/AccountDataStore' {
  export interface IAzuriteAccount {
    name: string;
    key1: Buffer;
    key2?: Buffer;
  }
  export default class AccountDataStore {
    accounts: Record<string, IAzuriteAccount>;
    refresh(): void;
    getAccount(name: string): IAzuriteAccount | undefined;
  }
}

declare module 'azurite/dist/src/common/ServerBase' {
  import type { Server } from 'node:http';
  import type AccountDataStore from 'azurite/dist/src/common/AccountDataStore';
  export default abstract class ServerBase {
    readonly httpServer: Server;
    accountDataStore?: AccountDataStore;
    getHttpServerAddress(): string;
    start(): Promise<void>;
    close(): Promise<void>;
  }
}

declare module 'azurite/dist/src/blob/BlobConfiguration' {
  import type { StoreDestinationArray } from 'azurite/dist/src/common/persistence/IExtentStore';
  export default class BlobConfiguration {
    constructor(
      host?: string,
      port?: number,
      keepAliveTimeout?: number,
      metadataDBPath?: string,
      extentDBPath?: string,
      persistencePathArray?: StoreDestinationArray[],
      enableAccessLog?: boolean,
      accessLogWriteStream?: NodeJS.WritableStream,
      enableDebugLog?: boolean,
      debugLogFilePath?: string,
      loose?: boolean,
      skipApiVersionCheck?: boolean,
      cert?: string,
      key?: string,
      pwd?: string,
      oauth?: string,
      disableProductStyleUrl?: boolean,
      isMemoryPersistence?: boolean,
    );
  }
}

declare module 'azurite/dist/src/blob/BlobServer' {
  import type BlobConfiguration from 'azurite/dist/src/blob/BlobConfiguration';
  import ServerBase from 'azurite/dist/src/common/ServerBase';
  export default class BlobServer extends ServerBase {
    constructor(configuration?: BlobConfiguration);
  }
}

declare module 'azurite/dist/src/queue/QueueConfiguration' {
  import type { StoreDestinationArray } from 'azurite/dist/src/common/persistence/IExtentStore';
  export default class QueueConfiguration {
    constructor(
      host?: string,
      port?: number,
      keepAliveTimeout?: number,
      metadataDBPath?: string,
      extentDBPath?: string,
      persistencePathArray?: StoreDestinationArray[],
      enableAccessLog?: boolean,
      accessLogWriteStream?: NodeJS.WritableStream,
      enableDebugLog?: boolean,
      debugLogFilePath?: string,
      loose?: boolean,
      skipApiVersionCheck?: boolean,
      cert?: string,
      key?: string,
      pwd?: string,
      oauth?: string,
      disableProductStyleUrl?: boolean,
      isMemoryPersistence?: boolean,
    );
  }
}

declare module 'azurite/dist/src/queue/QueueServer' {
  import ServerBase from 'azurite/dist/src/common/ServerBase';
  import type QueueConfiguration from 'azurite/dist/src/queue/QueueConfiguration';
  export default class QueueServer extends ServerBase {
    constructor(configuration?: QueueConfiguration);
  }
}

declare module 'azurite/dist/src/table/TableConfiguration' {
  // Note the order: Table puts enableDebugLog before enableAccessLog, unlike Blob and Queue.
  export default class TableConfiguration {
    constructor(
      host?: string,
      port?: number,
      keepAliveTimeout?: number,
      metadataDBPath?: string,
      enableDebugLog?: boolean,
      enableAccessLog?: boolean,
      accessLogWriteStream?: NodeJS.WritableStream,
      debugLogFilePath?: string,
      loose?: boolean,
      skipApiVersionCheck?: boolean,
      cert?: string,
      key?: string,
      pwd?: string,
      oauth?: string,
      disableProductStyleUrl?: boolean,
      isMemoryPersistence?: boolean,
    );
  }
}

declare module 'azurite/dist/src/table/TableServer' {
  import ServerBase from 'azurite/dist/src/common/ServerBase';
  import type TableConfiguration from 'azurite/dist/src/table/TableConfiguration';
  export default class TableServer extends ServerBase {
    constructor(configuration?: TableConfiguration);
  }
}
