/** KPI tiles shared by the Client UI's dashboards and the Config app's demo: tile, sparkline, their model. */
export { KpiTile, type KpiTileProps } from './kpi/KpiTile';
export { Sparkline, type SparklineProps } from './kpi/Sparkline';
export {
  BAND_LOOK,
  type BandLook,
  bandOf,
  type ChangeView,
  changeView,
  type KpiMissing,
  type KpiPoint,
  type KpiTileData,
  lastPeriods,
  previousValue,
  type TileBand,
  tileRows,
} from './kpi/tile-model';
