import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** Limits of the in-process DuckDB instance (set them from the Function instance's memory). */
export interface DuckDbSessionOptions {
  /** DuckDB `memory_limit`, e.g. `'1GB'` (the buffer manager only: leave room for Node). */
  readonly memoryLimit?: string;
  /** Worker threads (about 125 MB of memory each at least). */
  readonly threads?: number;
  /** Folder for spill files and DuckDB's home; a fresh folder under the OS temp dir by default. */
  readonly workDir?: string;
}

/** Result rows as plain JavaScript values (BIGINT as bigint, TIMESTAMP as Date-like values). */
export type SqlRow = Record<string, unknown>;

/**
 * One in-process DuckDB instance (an in-memory database that reads and writes Parquet files) and
 * one connection. Spill files and `~/.duckdb` go under a temp folder, never the working directory,
 * which is read-only in a Function host (duckdb#19879, #12775).
 */
export class DuckDbSession {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly ownedDir: string | null,
  ) {}

  static async open(options: DuckDbSessionOptions = {}): Promise<DuckDbSession> {
    const ownedDir = options.workDir ? null : mkdtempSync(join(tmpdir(), 'kpi-duckdb-'));
    const dir = options.workDir ?? ownedDir!;
    const spill = join(dir, 'spill');
    const home = join(dir, 'home');
    mkdirSync(spill, { recursive: true });
    mkdirSync(home, { recursive: true });
    const settings: Record<string, string> = {
      temp_directory: spill,
      home_directory: home,
      // Results are keyed by period and group, never by row order: lets DuckDB stream and spill.
      preserve_insertion_order: 'false',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    };
    if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
    if (options.threads) settings.threads = String(options.threads);
    const instance = await DuckDBInstance.create(':memory:', settings);
    const connection = await instance.connect();
    return new DuckDbSession(instance, connection, ownedDir);
  }

  /** Runs statements that return nothing of interest (DDL, COPY). */
  async run(sql: string): Promise<void> {
    await this.connection.run(sql);
  }

  /** Runs a query and returns its rows as objects of JavaScript values. */
  async query(sql: string): Promise<SqlRow[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as SqlRow[];
  }

  /** The underlying connection (for the appender). */
  get raw(): DuckDBConnection {
    return this.connection;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
    if (this.ownedDir) rmSync(this.ownedDir, { recursive: true, force: true });
  }
}
