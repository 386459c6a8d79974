import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDbSession } from './duckdb-session';

describe('DuckDbSession', () => {
  it('keeps spill files and DuckDB home under its own temp folder, with the given limits', async () => {
    const s = await DuckDbSession.open({ memoryLimit: '256MB', threads: 1 });
    try {
      const [row] = await s.query(
        "SELECT current_setting('temp_directory') AS t, current_setting('home_directory') AS h, current_setting('threads') AS n, current_setting('preserve_insertion_order') AS p, current_setting('memory_limit') AS m",
      );
      expect(String(row!.t).startsWith(tmpdir())).toBe(true);
      expect(String(row!.h).startsWith(tmpdir())).toBe(true);
      expect(Number(row!.n)).toBe(1);
      expect(row!.p).toBe(false);
      expect(String(row!.m)).toMatch(/^2\d\d\.\d MiB$|^256\.0 MiB$|^244\.\d MiB$/);
    } finally {
      s.close();
    }
  });

  it('finishes a query larger than its memory limit by spilling to the temp folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-spill-'));
    const s = await DuckDbSession.open({ memoryLimit: '30MB', threads: 1, workDir: dir });
    try {
      // A distinct over 2 million wide keys needs far more than 30 MB of hash table.
      const [row] = await s.query(
        "SELECT count(*) AS n FROM (SELECT DISTINCT i, repeat('x', 40) || i AS k FROM range(2000000) t(i))",
      );
      expect(Number(row!.n)).toBe(2_000_000);
      expect(existsSync(join(dir, 'spill'))).toBe(true);
    } finally {
      s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('removes the temp folder it created when closed', async () => {
    const before = new Set(readdirSync(tmpdir()).filter((n) => n.startsWith('kpi-duckdb-')));
    const s = await DuckDbSession.open();
    const mine = readdirSync(tmpdir()).filter((n) => n.startsWith('kpi-duckdb-') && !before.has(n));
    expect(mine.length).toBe(1);
    s.close();
    expect(existsSync(join(tmpdir(), mine[0]!))).toBe(false);
  });
});
