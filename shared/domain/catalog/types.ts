/**
 * Types of the KPI catalog: the tree Industry → Value chain stage → Use case → KPI, and the data
 * object model the KPI formulas are written against. Plain data (JSON-serialisable) so that the
 * metadata service can seed it into Cosmos and the Config UI can draw it.
 */

/** Field types of the data object model. `money` is a decimal amount in the tenant's currency. */
export type FieldType = 'string' | 'integer' | 'decimal' | 'money' | 'boolean' | 'date' | 'datetime' | 'enum';

/** UML-style multiplicity. */
export type Cardinality = '1..1' | '0..1' | '1..*' | '0..*';

/** One typed attribute of a data object. */
export interface Field {
  /** camelCase name used in formulas (`Shipment.deliveredAt`). */
  readonly name: string;
  readonly type: FieldType;
  readonly description: string;
  /** False when the value may be missing (null). */
  readonly required: boolean;
  /** Allowed values, only for `enum` fields. */
  readonly values?: readonly string[];
  /** `primary` for the (part of the) primary key, `foreign` for a field a relationship navigates by. */
  readonly key?: 'primary' | 'foreign';
}

/**
 * A navigable association, declared on the side that holds the foreign key (the "many" side in
 * most cases): `SalesOrderLine.order → SalesOrder`. Formulas navigate it as `SalesOrderLine.order.channel`.
 */
export interface Relationship {
  /** camelCase role name used in formulas. */
  readonly name: string;
  /** Target object name. */
  readonly target: string;
  /** Field on this object holding the target's key. */
  readonly foreignKey: string;
  /** Field of the target referenced by `foreignKey` (its primary key). */
  readonly targetKey: string;
  /** How many targets one source record has (`1..1` or `0..1` for a foreign key). */
  readonly cardinality: Cardinality;
  /** How many source records one target has (the other end of the UML association). */
  readonly inverseCardinality: Cardinality;
  readonly description: string;
}

/** A business object of the client's data (UML class). */
export interface DataObject {
  /** PascalCase name used in formulas (`Shipment`). Stable id. */
  readonly name: string;
  readonly label: string;
  readonly description: string;
  /** Object-model area (commercial, procurement, ...), used to group the UML diagram. */
  readonly area: string;
  readonly primaryKey: readonly string[];
  /**
   * The date/datetime field that places a record in time. Aggregations over this object only see
   * records whose time field falls in the evaluated period. Master data (no time field) is not
   * filtered by period.
   */
  readonly timeField?: string;
  readonly fields: readonly Field[];
  readonly relationships: readonly Relationship[];
}

/**
 * Unit kinds; each has a plausibility band (see `UNIT_BANDS`). The one list: the KPI tables' parser and the
 * custom KPI contract (shared/contracts/metadata-custom-kpi.ts) take it from here.
 */
export const UNIT_KINDS = [
  'percent',
  'percent-change',
  'currency',
  'count',
  'ratio',
  'days',
  'hours',
  'minutes',
  'score',
  'quantity',
] as const;

export type UnitKind = (typeof UNIT_KINDS)[number];

export type Direction = 'higher-is-better' | 'lower-is-better';

/** Time grains a KPI is computed at; the one list, as `UNIT_KINDS`. */
export const TIME_GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;

export type TimeGrain = (typeof TIME_GRAINS)[number];

/**
 * Status bands. For higher-is-better: value ≥ good → good; value ≤ critical → critical; otherwise
 * warning. `warning` is the early-warning line (between good and critical) drawn on charts and
 * used by alert rules. Mirrored for lower-is-better.
 */
export interface Thresholds {
  readonly good: number;
  readonly warning: number;
  readonly critical: number;
}

/** A public standard that defines the KPI, described in our own words. */
export interface StandardReference {
  /** e.g. `SCOR`, `ISO 22400-2`, `IEEE 1366`. */
  readonly name: string;
  /** The standard's identifier for the metric, e.g. `RL.1.1`. */
  readonly code: string;
  readonly title: string;
}

/** A KPI definition. Shared between use cases and industries by `id`, never copied. */
export interface KpiDefinition {
  /** Stable slug, e.g. `on-time-delivery-rate`. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Source text in the KPI formula language (see shared/domain/README.md). */
  readonly formula: string;
  readonly unit: UnitKind;
  /** Display unit, e.g. `%`, `days`, `per 1,000 patient days`. */
  readonly unitLabel: string;
  /** d3-format specifier applied to the value (percentages are already 0..100). */
  readonly format: string;
  readonly direction: Direction;
  readonly target: number;
  readonly thresholds: Thresholds;
  readonly timeGrain: TimeGrain;
  /** Field paths the KPI can be sliced by, e.g. `Shipment.carrier.name`. */
  readonly dimensions: readonly string[];
  readonly tags: readonly string[];
  readonly standard?: StandardReference;
}

export interface Industry {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

export interface ValueChainStage {
  readonly id: string;
  readonly industryId: string;
  readonly name: string;
  readonly description: string;
  /** Position in the value chain (0-based). */
  readonly order: number;
}

export interface UseCase {
  readonly id: string;
  readonly stageId: string;
  readonly name: string;
  readonly description: string;
  /** KPI ids, in display order. */
  readonly kpiIds: readonly string[];
}

/** The whole catalog as versioned in the repository. */
export interface Catalog {
  readonly catalogVersion: string;
  readonly industries: readonly Industry[];
  readonly stages: readonly ValueChainStage[];
  readonly useCases: readonly UseCase[];
  readonly kpis: readonly KpiDefinition[];
  readonly objects: readonly DataObject[];
}

/** Lookup tables over a catalog. */
export interface CatalogIndex {
  readonly industries: ReadonlyMap<string, Industry>;
  readonly stages: ReadonlyMap<string, ValueChainStage>;
  readonly useCases: ReadonlyMap<string, UseCase>;
  readonly kpis: ReadonlyMap<string, KpiDefinition>;
  readonly objects: ReadonlyMap<string, DataObject>;
  /** Stages of an industry, in value-chain order. */
  readonly stagesByIndustry: ReadonlyMap<string, readonly ValueChainStage[]>;
  readonly useCasesByStage: ReadonlyMap<string, readonly UseCase[]>;
  /** Use cases that reference a KPI (how a KPI is shared without copying). */
  readonly useCasesByKpi: ReadonlyMap<string, readonly UseCase[]>;
  /** Industries whose tree contains a KPI. */
  readonly industriesByKpi: ReadonlyMap<string, readonly string[]>;
}

/** Plausibility band per unit kind: a catalog KPI on sample data must fall inside it. */
export const UNIT_BANDS: Readonly<Record<UnitKind, readonly [number, number]>> = {
  percent: [0, 100],
  'percent-change': [-100, 1000],
  currency: [0, 1e12],
  count: [0, 1e9],
  ratio: [0, 1e4],
  days: [0, 3650],
  hours: [0, 1e5],
  minutes: [0, 1e6],
  score: [-100, 100],
  quantity: [0, 1e12],
};
