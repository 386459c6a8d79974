import { defineObjects } from '../object-dsl';

/** Warehouses, stock snapshots, forecasts and warehouse tasks. */
export const inventoryObjects = defineObjects('inventory', {
  Warehouse: {
    label: 'Warehouse',
    description: 'A stocking location: distribution centre, plant store, hub or depot.',
    fields: [
      'id:string! Site id',
      'name:string Site name',
      'region:enum(north|south|east|west) Region',
      'type:enum(distribution_center|plant|cross_dock|store_backroom|hub) Site type',
      'capacityPallets:integer Pallet positions',
      'areaSqm:decimal Floor area',
      'isAutomated:boolean Has automated storage or picking',
    ],
  },
  InventorySnapshot: {
    label: 'Inventory snapshot',
    description: 'Stock of one product at one site at the end of a day.',
    time: 'snapshotDate',
    fields: [
      'id:string! Row id',
      'productId:string> Product',
      'warehouseId:string> Site',
      'snapshotDate:date Day of the snapshot',
      'onHandQuantity:integer Units on hand',
      'onHandValue:money Stock value at standard cost',
      'availableQuantity:integer Units free to promise',
      'safetyStock:integer Target minimum units',
      'averageDailyDemand:decimal Average units consumed per day (last 30 days)',
      'daysSinceLastMovement:integer Days since the last issue',
      'expiredQuantity:integer Units past their expiry date',
      'countedQuantity:integer? Units found by a cycle count that day',
      'palletsUsed:decimal Pallet positions occupied',
    ],
    rels: [
      ['product', 'Product', 'productId', '0..*', 'Product stocked'],
      ['warehouse', 'Warehouse', 'warehouseId', '0..*', 'Site'],
    ],
  },
  DemandForecast: {
    label: 'Demand forecast',
    description: 'Forecast and actual demand of a product for a week.',
    time: 'periodStart',
    fields: [
      'id:string! Row id',
      'productId:string> Product',
      'periodStart:date First day of the forecast week',
      'forecastQuantity:decimal Units forecast (frozen at lag 1)',
      'actualQuantity:decimal Units actually demanded',
    ],
    rels: [['product', 'Product', 'productId', '0..*', 'Product forecast']],
  },
  WarehouseTask: {
    label: 'Warehouse task',
    description: 'A unit of warehouse work: receiving, put-away, picking, packing, counting.',
    time: 'createdAt',
    fields: [
      'id:string! Task id',
      'warehouseId:string> Site',
      'employeeId:string>? Worker',
      'type:enum(receiving|putaway|picking|packing|replenishment|counting) Task type',
      'createdAt:datetime When the task was released',
      'completedAt:datetime? When it was confirmed',
      'lines:integer Order lines handled',
      'errorLines:integer Lines handled wrongly (wrong item or quantity)',
      'units:integer Units handled',
      'laborMinutes:decimal Minutes worked',
    ],
    rels: [
      ['warehouse', 'Warehouse', 'warehouseId', '0..*', 'Site'],
      ['employee', 'Employee', 'employeeId', '0..*', 'Worker'],
    ],
  },
});
