import { kpiTable } from '../kpi-table';

/** Inventory, planning and warehouse KPIs. Format: see kpi-table.ts. */
export const inventoryKpis = kpiTable(`
@InventorySnapshot
inventory-value | Average inventory value | $ | - | 1500000 | 1500000 1800000 2100000 | month | warehouse.region warehouse.type product.category | inventory working-capital
  sum(InventorySnapshot.onHandValue) / count(distinct InventorySnapshot.snapshotDate)
  Stock value at standard cost, averaged over the snapshot days of the period.
inventory-turnover | Inventory turnover | x | + | 8 | 8 6 4 | month | | inventory working-capital
  sum(SalesOrderLine.costAmount) * 365 / period_days() / kpi('inventory-value')
  Annualised cost of goods sold divided by the average inventory value: how often stock turns over in a year.
inventory-days-of-supply | Inventory days of supply | d | - | 45 | 45 60 75 | month | | inventory working-capital | SCOR; AM.2.2; Inventory days of supply
  kpi('inventory-value') / (sum(SalesOrderLine.costAmount) / period_days())
  Days the average inventory would last at the period's rate of cost of goods sold.
stockout-rate | Stock-out rate | % | - | 2 | 2 4 6 | day | warehouse.region product.category | availability inventory
  count(InventorySnapshot where availableQuantity <= 0) / count(InventorySnapshot) * 100
  Share of product-location snapshots with nothing available to sell.
below-safety-stock-rate | Below safety stock rate | % | - | 10 | 10 15 20 | day | warehouse.region product.category | availability inventory planning
  count(InventorySnapshot where onHandQuantity < safetyStock) / count(InventorySnapshot) * 100
  Share of product-location snapshots under their safety stock.
inventory-record-accuracy | Inventory record accuracy | % | + | 98 | 98 95 90 | month | warehouse.region warehouse.type | inventory accuracy warehouse
  count(InventorySnapshot where countedQuantity = onHandQuantity) / count(InventorySnapshot where countedQuantity is not null) * 100
  Share of cycle counts where the counted quantity matched the system quantity.
slow-moving-inventory-share | Slow-moving inventory share | % | - | 10 | 10 15 20 | month | warehouse.region product.category | inventory obsolescence working-capital
  sum(InventorySnapshot.onHandValue where daysSinceLastMovement > 90) / sum(InventorySnapshot.onHandValue) * 100
  Share of stock value that has not moved for more than 90 days.
spoilage-rate | Spoilage rate | % | - | 1 | 1 2 3 | week | warehouse.region product.category | inventory waste freshness
  sum(InventorySnapshot.expiredQuantity) / sum(InventorySnapshot.onHandQuantity) * 100
  Units past their expiry date as a share of units on hand.
storage-utilisation | Storage utilisation | % | + | 85 | 85 75 65 | week | | warehouse capacity
  sum(InventorySnapshot.palletsUsed) / count(distinct InventorySnapshot.snapshotDate) / sum(Warehouse.capacityPallets) * 100
  Pallet positions occupied on an average snapshot day as a share of all pallet positions.
cycle-count-coverage | Cycle count coverage | % | + | 5 | 5 3 1 | month | warehouse.region | inventory accuracy warehouse
  count(InventorySnapshot where countedQuantity is not null) / count(InventorySnapshot) * 100
  Share of product-location snapshots that were physically counted.
@DemandForecast
forecast-accuracy | Forecast accuracy | % | + | 80 | 80 70 60 | month | product.category | planning demand
  greatest(0, 100 - sum(abs(DemandForecast.forecastQuantity - DemandForecast.actualQuantity)) / sum(DemandForecast.actualQuantity) * 100)
  One minus the weighted absolute forecast error (WMAPE), in percent.
forecast-bias | Absolute forecast bias | % | - | 3 | 3 6 10 | month | product.category | planning demand
  abs(sum(DemandForecast.forecastQuantity) - sum(DemandForecast.actualQuantity)) / sum(DemandForecast.actualQuantity) * 100
  How far total forecast was above or below total demand, in percent of demand.
mean-absolute-percentage-error | Mean absolute percentage error | % | - | 20 | 20 30 40 | month | product.category | planning demand
  avg(abs(DemandForecast.forecastQuantity - DemandForecast.actualQuantity) / DemandForecast.actualQuantity * 100 where actualQuantity > 0)
  Average of the per-product, per-week absolute forecast errors relative to demand.
@WarehouseTask
picking-accuracy | Picking accuracy | % | + | 99.5 | 99.5 99 98 | day | warehouse.region warehouse.type | warehouse accuracy fulfilment
  (1 - sum(WarehouseTask.errorLines where type = 'picking') / sum(WarehouseTask.lines where type = 'picking')) * 100
  Share of picked lines with the right item and quantity.
picking-productivity | Lines picked per hour | ratio:lines/h | + | 60 | 60 50 40 | day | warehouse.region warehouse.isAutomated | warehouse productivity
  sum(WarehouseTask.lines where type = 'picking') / (sum(WarehouseTask.laborMinutes where type = 'picking') / 60)
  Order lines picked per labour hour of picking.
put-away-cycle-time | Put-away cycle time | h | - | 4 | 4 8 12 | day | warehouse.region | warehouse cycle-time inbound
  avg(hours_between(WarehouseTask.createdAt, WarehouseTask.completedAt) where type = 'putaway')
  Average hours from releasing a put-away task to confirming the goods in their location (dock to stock).
pick-cycle-time | Pick task cycle time | min | - | 30 | 30 45 60 | day | warehouse.region | warehouse cycle-time fulfilment
  avg(minutes_between(WarehouseTask.createdAt, WarehouseTask.completedAt) where type = 'picking')
  Average minutes from releasing a pick task to completing it.
units-per-labour-hour | Units handled per labour hour | ratio:units/h | + | 120 | 120 100 80 | week | warehouse.region type | warehouse productivity
  sum(WarehouseTask.units) / sum(WarehouseTask.laborMinutes) * 60
  Units handled in all warehouse tasks per labour hour.
`);
