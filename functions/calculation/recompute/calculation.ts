/**
 * The calculation use cases: a full recompute (nightly, `recompute` command), an incremental one when an
 * object's lake changes, and breakdowns. All DuckDB work runs one at a time per process (one connection).
 * A KPI whose formula fails gets an error result; the others of the run still compute.
 */

import type { DuckDbSession } from '@kpi/shared/calculation/duckdb-session';
import { KpiCalculator, type PeriodValues } from '@kpi/shared/calculation/kpi-calculator';
import type { LakeFiles } from '@kpi/shared/calculation/lake-files.port';
import {
  CALCULATION_ERROR_CODES,
  type KpiResult,
  type RecomputeSummary,
} from '@kpi/shared/contracts/calculation';
import type { ClientKpi } from '@kpi/shared/contracts/client-app';
import type { LakeManifest } from '@kpi/shared/contracts/lake';
import { kpiStatus } from '@kpi/shared/domain/analysis/kpi-status';
import type { VerifiedSnapshot } from '@kpi/shared/license/catalog-snapshot';
import { unavailable } from '@kpi/shared/platform/errors';
import { objectsOf, type Read, reaches, readsOf } from './kpi-reads';
import { type ComputedLake, computedFrom, touchedSince } from './lake-diff';
import { isoDay, type ResultPeriod, resultPeriods } from './result-periods';

/** The deployment's verified catalog snapshot (client-app stores it). */
export interface SnapshotSource {
  current(): Promise<VerifiedSnapshot | undefined>;
}

/** The lake as the manifests say it is now. */
export interface LakeSource {
  /** The current manifest of each object that has one. */
  manifests(objects: readonly string[]): Promise<Map<string, LakeManifest>>;
  /** Local paths of a manifest's files (fetched to a local cache on first use). */
  localFiles(manifest: LakeManifest): Promise<readonly string[]>;
}

export interface ResultWriter {
  /** A new sequence number, greater than every one given before. */
  nextSeq(): Promise<number>;
  write(results: readonly KpiResult[]): Promise<void>;
}

/** Which files of each object results were last computed from. */
export interface LakeStateStore {
  get(object: string): Promise<ComputedLake | undefined>;
  put(state: ComputedLake): Promise<void>;
}

export interface CalculationDeps {
  snapshots: SnapshotSource;
  lake: LakeSource;
  results: ResultWriter;
  lakeState: LakeStateStore;
  /** The process's DuckDB session (opened on first use). */
  session: () => Promise<DuckDbSession>;
  clock: () => Date;
}

interface Engine {
  readonly snapshot: VerifiedSnapshot;
  readonly calculator: KpiCalculator;
  /** The lake files the calculator reads: swapped per run to that run's manifests. */
  readonly lake: { files: LakeFiles };
  /** Reads of every selected KPI. */
  readonly reads: ReadonlyMap<string, readonly Read[]>;
}

const MAX_ERROR_MESSAGE = 500;

export class Calculation {
  private queue: Promise<unknown> = Promise.resolve();
  private engine: { version: string; engine: Promise<Engine> } | undefined;

  constructor(private readonly deps: CalculationDeps) {}

  /** Runs `work` after every earlier one (one DuckDB connection per process). */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Every selected KPI, every result period, from the current lake. */
  full(): Promise<RecomputeSummary> {
    return this.exclusive(async () => {
      const started = Date.now();
      const e = await this.current();
      const objects = [...new Set([...e.reads.values()].flatMap((r) => objectsOf(r)))];
      const manifests = await this.deps.lake.manifests(objects);
      const periods = resultPeriods(this.deps.clock());
      const jobs = new Map([...e.snapshot.selected].sort().map((id) => [id, periods]));
      const summary = await this.run(e, jobs, manifests);
      for (const m of manifests.values()) await this.deps.lakeState.put(computedFrom(m));
      return { kind: 'full', ...summary, durationMs: Date.now() - started };
    });
  }

  /**
   * After `object`'s lake changed: the KPIs that read it (through kpi() references too), for the periods
   * whose windows (shifted by the period functions they read it through) meet the changed files' records.
   * Nothing when the results already cover its current manifest (a redelivery, or a burst already covered).
   */
  lakeChanged(object: string): Promise<RecomputeSummary> {
    return this.exclusive(async () => {
      const started = Date.now();
      const e = await this.current();
      const reading = [...e.reads].filter(([, r]) => r.some((x) => x.object === object));
      const objects = [...new Set([object, ...reading.flatMap(([, r]) => objectsOf(r))])];
      const manifests = await this.deps.lake.manifests(objects);
      const m = manifests.get(object);
      const before = await this.deps.lakeState.get(object);
      const skipped = { kind: 'skipped' as const, kpis: 0, results: 0, errors: 0, durationMs: 0 };
      if (!m || (before && before.version >= m.version)) return skipped;
      const now = computedFrom(m);
      const touched = touchedSince(before, now);
      const periods = resultPeriods(this.deps.clock());
      const jobs = new Map<string, ResultPeriod[]>();
      for (const [id, reads] of reading.sort(([a], [b]) => (a < b ? -1 : 1))) {
        const reached = periods.filter((p) => reaches(reads, object, touched, p));
        if (reached.length) jobs.set(id, reached);
      }
      const summary = jobs.size ? await this.run(e, jobs, manifests) : { kpis: 0, results: 0, errors: 0 };
      await this.deps.lakeState.put(now);
      return { kind: 'incremental', ...summary, durationMs: Date.now() - started };
    });
  }

  /** The engine of the current snapshot (rebuilt when its catalog version changes). */
  private async current(): Promise<Engine> {
    const snapshot = await this.deps.snapshots.current();
    if (!snapshot) {
      throw unavailable(
        CALCULATION_ERROR_CODES.noSnapshot,
        'client-app has not stored a catalog snapshot yet',
      );
    }
    const version = `${snapshot.catalogVersion}|${snapshot.licenseId}|${[...snapshot.selected].sort().join(',')}`;
    if (this.engine?.version !== version) {
      const engine = this.build(snapshot);
      this.engine = { version, engine };
      engine.catch(() => {
        if (this.engine?.engine === engine) this.engine = undefined;
      });
    }
    return this.engine.engine;
  }

  private async build(snapshot: VerifiedSnapshot): Promise<Engine> {
    const lake: { files: LakeFiles } = { files: { filesOf: async () => [] } };
    const calculator = new KpiCalculator({
      objects: [...snapshot.objects.values()],
      kpis: new Map([...snapshot.kpis.values()].map((k) => [k.id, k.formula])),
      lake: { filesOf: (o) => lake.files.filesOf(o) },
      session: await this.deps.session(),
    });
    const reads = new Map(
      [...snapshot.selected].map((id) => [id, readsOf(id, (x) => calculator.kpi(x))] as const),
    );
    return { snapshot, calculator, lake, reads };
  }

  /** The engine for read-only work (breakdowns) and the lake as it is now, inside the queue. */
  withEngine<T>(objects: (e: Engine) => readonly string[], work: (e: Engine) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const e = await this.current();
      this.use(e, await this.deps.lake.manifests(objects(e)));
      return work(e);
    });
  }

  private use(e: Engine, manifests: ReadonlyMap<string, LakeManifest>): void {
    e.lake.files = {
      filesOf: async (o) => {
        const m = manifests.get(o);
        return m ? this.deps.lake.localFiles(m) : [];
      },
    };
  }

  private async run(
    e: Engine,
    jobs: ReadonlyMap<string, readonly ResultPeriod[]>,
    manifests: ReadonlyMap<string, LakeManifest>,
  ): Promise<{ kpis: number; results: number; errors: number; seq?: number }> {
    this.use(e, manifests);
    const periods = unique([...jobs.values()].flat());
    const index = new Map(periods.map((p, i) => [`${p.grain}:${p.key}`, i]));
    const computable = [...jobs.keys()].filter((id) => e.calculator.kpi(id) !== null);
    const { values, failures } = await this.compute(e.calculator, computable, periods);
    const computedAt = this.deps.clock().toISOString();
    const seq = await this.deps.results.nextSeq();
    const results: KpiResult[] = [];
    let errors = 0;
    for (const [id, ps] of jobs) {
      const kpi = e.snapshot.kpis.get(id);
      if (!kpi) continue;
      const inputs = Object.fromEntries(
        objectsOf(e.reads.get(id) ?? []).map((o) => [o, manifests.get(o)?.version ?? 0]),
      );
      const error = !computable.includes(id)
        ? {
            code: CALCULATION_ERROR_CODES.formulaInvalid,
            message: 'The formula does not check against the object model',
          }
        : failures.get(id);
      if (error) errors++;
      for (const p of ps) {
        const value = error ? null : (values.get(id)?.[index.get(`${p.grain}:${p.key}`)!] ?? null);
        results.push(
          resultOf(kpi, p, value, {
            inputs,
            computedAt,
            seq,
            catalogVersion: e.snapshot.catalogVersion,
            error,
          }),
        );
      }
    }
    await this.deps.results.write(results);
    return { kpis: jobs.size, results: results.length, errors, seq };
  }

  /** All KPIs in one query; when it fails, each alone, so one failing formula fails only its KPI. */
  private async compute(calc: KpiCalculator, ids: readonly string[], periods: readonly ResultPeriod[]) {
    const failures = new Map<string, { code: string; message: string }>();
    const ms = periods.map((p) => ({ start: p.start, end: p.end }));
    if (!ids.length) return { values: new Map() as PeriodValues, failures };
    try {
      return {
        values: await calc.compute(
          ids.map((kpi) => ({ kpi })),
          ms,
        ),
        failures,
      };
    } catch {
      const values = new Map<string, readonly (number | null)[]>();
      for (const id of ids) {
        try {
          values.set(id, (await calc.compute([{ kpi: id }], ms)).get(id) ?? []);
        } catch (err) {
          const message = (err instanceof Error ? err.message : String(err)).slice(0, MAX_ERROR_MESSAGE);
          failures.set(id, { code: CALCULATION_ERROR_CODES.runFailed, message });
        }
      }
      return { values: values as PeriodValues, failures };
    }
  }
}

function unique(periods: readonly ResultPeriod[]): ResultPeriod[] {
  const seen = new Map<string, ResultPeriod>();
  for (const p of periods) seen.set(`${p.grain}:${p.key}`, p);
  return [...seen.values()];
}

export function resultOf(
  kpi: ClientKpi,
  p: ResultPeriod,
  value: number | null,
  o: {
    inputs: Record<string, number>;
    computedAt: string;
    seq: number;
    catalogVersion: string;
    error: { code: string; message: string } | undefined;
  },
): KpiResult {
  return {
    id: `${kpi.id}:${p.grain}:${p.key}`,
    kpiId: kpi.id,
    grain: p.grain,
    periodKey: p.key,
    periodStart: isoDay(p.start),
    periodEnd: isoDay(p.end),
    toDate: p.toDate,
    value,
    status: o.error ? 'error' : kpiStatus(value, kpi.direction, kpi.thresholds),
    target: kpi.target,
    direction: kpi.direction,
    thresholds: kpi.thresholds,
    inputs: o.inputs,
    computedAt: o.computedAt,
    ...(o.error ? { error: o.error } : {}),
    seq: o.seq,
    catalogVersion: o.catalogVersion,
  };
}
