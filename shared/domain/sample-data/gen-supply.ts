import type { Row } from '../formula/compile-expr';
import { type GenContext, volume } from './context';
import { DAY, day, HOUR, perMonth, refId } from './random';

const REGIONS = ['north', 'south', 'east', 'west'];

/** Suppliers, purchasing, warehouses, inventory, forecasts, warehouse tasks, carriers, fleet, shipments, trips. */
export function generateSupply(ctx: GenContext): void {
  const { tables: t, window: w } = ctx;
  let r = ctx.random('Supplier');
  t.Supplier = Array.from(
    { length: 60 },
    (_, i): Row => ({
      id: `SUP${i}`,
      name: `Supplier ${i}`,
      country: r.pick(['DE', 'FR', 'US', 'CN', 'PL', 'IT', 'MX']),
      category: r.pick(['raw_material', 'components', 'packaging', 'services', 'mro', 'goods_for_resale']),
      isPreferred: r.chance(0.6),
      hasContract: r.chance(0.7),
      riskRating: r.weighted(['low', 6], ['medium', 3], ['high', 1]),
      isCertified: r.chance(0.8),
      onboardedAt: day(w.start - r.next() * 2000 * DAY),
    }),
  );

  r = ctx.random('PurchaseOrder');
  const rl = ctx.random('PurchaseOrderLine');
  const poLines: Row[] = [];
  t.PurchaseOrder = perMonth(r, w, volume(ctx, 60), (orderedAt, i) => {
    const requisitionedAt = orderedAt - r.num(0.5, 5) * DAY;
    const approvedAt = requisitionedAt + r.num(2, 60) * HOUR;
    const promisedAt = day(orderedAt + r.int(5, 15) * DAY);
    const receivedCandidate =
      promisedAt + r.weighted([-2, 3], [0, 5], [2, 1.5], [6, 0.5]) * DAY + r.num(6, 18) * HOUR;
    const cancelled = r.chance(0.03);
    const receivedAt = !cancelled && receivedCandidate < w.end ? receivedCandidate : null;
    const id = `PO${i}`;
    let amount = 0;
    for (let k = 0, n = rl.int(1, 4); k < n; k++) {
      const quantity = rl.int(20, 200);
      const standardPrice = rl.num(5, 60);
      const unitPrice = Math.round(standardPrice * rl.num(0.95, 1.07) * 100) / 100;
      const received = receivedAt
        ? rl.chance(0.92)
          ? quantity
          : Math.round(quantity * rl.num(0.7, 0.99))
        : 0;
      const netAmount = Math.round(quantity * unitPrice * 100) / 100;
      amount += netAmount;
      poLines.push({
        id: `${id}-L${k}`,
        purchaseOrderId: id,
        productId: refId(rl, t, 'Product'),
        orderedAt,
        quantity,
        receivedQuantity: received,
        rejectedQuantity:
          received > 0 && rl.chance(0.1) ? rl.int(1, Math.max(1, Math.round(received * 0.1))) : 0,
        unitPrice,
        standardPrice,
        netAmount,
      });
    }
    return {
      id,
      supplierId: refId(r, t, 'Supplier'),
      buyerId: `E${r.int(20, 29)}`,
      requisitionedAt,
      approvedAt,
      orderedAt,
      promisedAt,
      receivedAt,
      amount: Math.round(amount * 100) / 100,
      status: cancelled ? 'cancelled' : receivedAt ? r.pick(['received', 'closed']) : 'sent',
      isOnContract: r.chance(0.75),
      isEmergency: r.chance(0.06),
      changeCount: r.weighted([0, 8], [1, 1.5], [2, 0.5]),
    };
  });
  t.PurchaseOrderLine = poLines;

  r = ctx.random('SupplierInvoice');
  t.SupplierInvoice = t.PurchaseOrder.filter((p) => p.receivedAt !== null).map((p, i): Row => {
    const receivedAt = day((p.receivedAt as number) + r.int(0, 5) * DAY);
    const dueAt = receivedAt + 45 * DAY;
    const paid = dueAt + r.weighted([-15, 3], [-2, 5], [5, 1]) * DAY;
    return {
      id: `SI${i}`,
      supplierId: p.supplierId,
      purchaseOrderId: p.id,
      receivedAt,
      dueAt,
      paidAt: paid < w.end ? day(paid) : null,
      amount: p.amount,
      isMatchedFirstTime: r.chance(0.8),
      discountTaken: r.chance(0.2) ? Math.round((p.amount as number) * 0.02 * 100) / 100 : 0,
    };
  });

  r = ctx.random('Warehouse');
  t.Warehouse = Array.from(
    { length: 6 },
    (_, i): Row => ({
      id: `W${i}`,
      name: `Site ${i}`,
      region: REGIONS[i % 4]!,
      type: ['distribution_center', 'plant', 'cross_dock', 'hub', 'distribution_center', 'store_backroom'][
        i
      ]!,
      capacityPallets: 150,
      areaSqm: r.num(5000, 20000, 0),
      isAutomated: i % 2 === 0,
    }),
  );

  // Weekly snapshots for a stocked subset of products at every site.
  r = ctx.random('InventorySnapshot');
  const stocked = t.Product!.slice(0, 40);
  const snaps: Row[] = [];
  let k = 0;
  for (let d = w.start; d < w.end; d += 7 * DAY) {
    for (const p of stocked) {
      for (const wh of t.Warehouse) {
        const onHand = r.chance(0.02) ? 0 : r.int(2, 30);
        const avgDemand = r.num(0.3, 2);
        snaps.push({
          id: `IS${k++}`,
          productId: p.id,
          warehouseId: wh.id,
          snapshotDate: d,
          onHandQuantity: onHand,
          onHandValue: Math.round(onHand * (p.unitCost as number) * 100) / 100,
          availableQuantity: onHand === 0 ? 0 : Math.max(0, onHand - r.int(0, 3)),
          safetyStock: r.int(3, 10),
          averageDailyDemand: avgDemand,
          daysSinceLastMovement: r.skew(0, 200, 0),
          expiredQuantity: r.chance(0.05) ? Math.min(onHand, r.int(0, 2)) : 0,
          countedQuantity: r.chance(0.06) ? (r.chance(0.95) ? onHand : onHand + r.pick([-1, 1])) : null,
          palletsUsed: Math.round((onHand / 8) * 10) / 10 + 0.5,
        });
      }
    }
  }
  t.InventorySnapshot = snaps;

  r = ctx.random('DemandForecast');
  const fc: Row[] = [];
  k = 0;
  for (let d = w.start; d < w.end; d += 7 * DAY) {
    for (const p of stocked) {
      const actual = r.int(20, 120);
      fc.push({
        id: `DF${k++}`,
        productId: p.id,
        periodStart: d,
        forecastQuantity: Math.round(actual * r.num(0.75, 1.3)),
        actualQuantity: actual,
      });
    }
  }
  t.DemandForecast = fc;

  r = ctx.random('WarehouseTask');
  t.WarehouseTask = perMonth(r, w, volume(ctx, 300), (createdAt, i) => {
    const type = r.weighted(
      ['picking', 5],
      ['packing', 2],
      ['receiving', 1],
      ['putaway', 1],
      ['replenishment', 1],
      ['counting', 0.5],
    );
    const lines = r.int(1, 30);
    const minutes = lines * r.num(0.6, 1.6);
    const completedAt = createdAt + (type === 'putaway' ? r.num(0.5, 8) * HOUR : r.num(5, 60) * 60_000);
    return {
      id: `WT${i}`,
      warehouseId: refId(r, t, 'Warehouse'),
      employeeId: `E${r.int(30, 59)}`,
      type,
      createdAt,
      completedAt: completedAt < w.end ? completedAt : null,
      lines,
      errorLines: r.chance(0.05) ? 1 : 0,
      units: lines * r.int(1, 4),
      laborMinutes: Math.round(minutes * 10) / 10,
    };
  });

  r = ctx.random('Carrier');
  t.Carrier = Array.from(
    { length: 10 },
    (_, i): Row => ({
      id: `CAR${i}`,
      name: `Carrier ${i}`,
      mode: ['road', 'road', 'road', 'parcel', 'parcel', 'rail', 'sea', 'air', 'road', 'parcel'][i]!,
      isContracted: i < 7,
    }),
  );
  r = ctx.random('Vehicle');
  t.Vehicle = Array.from({ length: 40 }, (_, i): Row => {
    const type = r.weighted(['van', 4], ['rigid_truck', 3], ['tractor', 2], ['electric_van', 1]);
    return {
      id: `V${i}`,
      registration: `KPI-${100 + i}`,
      type,
      fuelType: type === 'electric_van' ? 'electric' : r.weighted(['diesel', 8], ['hybrid', 1], ['cng', 1]),
      capacityKg: type === 'tractor' ? 24000 : type === 'rigid_truck' ? 9000 : 1200,
      capacityPallets: type === 'tractor' ? 33 : type === 'rigid_truck' ? 16 : 3,
      depotId: t.Warehouse![i % 6]!.id,
      acquiredAt: day(w.start - r.next() * 2500 * DAY),
    };
  });

  r = ctx.random('Trip');
  t.Trip = perMonth(r, w, volume(ctx, 100), (startedAt, i) => {
    const vehicle = r.pick(t.Vehicle!);
    const drivingHours = r.num(3, 10, 1);
    const distanceKm = Math.round(drivingHours * r.num(35, 70));
    const stops = r.int(5, 40);
    const plannedEndAt = startedAt + (drivingHours + 1.5) * HOUR;
    const endedAt = plannedEndAt + r.num(-1.2, 0.8) * HOUR;
    return {
      id: `TR${i}`,
      vehicleId: vehicle.id,
      driverId: `E${r.int(60, 79)}`,
      startedAt,
      plannedEndAt,
      endedAt: endedAt < w.end ? endedAt : null,
      distanceKm,
      emptyKm: Math.round(distanceKm * r.num(0.05, 0.25)),
      fuelLiters: Math.round(distanceKm * r.num(0.12, 0.32) * 10) / 10,
      loadKg: Math.round((vehicle.capacityKg as number) * r.num(0.4, 0.95)),
      stops,
      onTimeStops: stops - r.weighted([0, 6], [1, 3], [3, 1]),
      cost: Math.round(distanceKm * r.num(1.2, 1.9) * 100) / 100,
      drivingHours,
      idleHours: r.num(0.1, 1.2, 1),
    };
  });

  r = ctx.random('Shipment');
  t.Shipment = t
    .SalesOrder!.filter((o) => o.status !== 'cancelled')
    .map((o, i): Row => {
      const shippedAt = (o.orderedAt as number) + r.num(0.3, 2.5) * DAY;
      const promisedAt = (o.promisedAt as number) + 18 * HOUR;
      const late = r.chance(0.08);
      const deliveredCandidate = late
        ? promisedAt + r.num(2, 40) * HOUR
        : Math.min(promisedAt - r.num(0, 30) * HOUR, shippedAt + r.num(10, 72) * HOUR);
      const delivered = deliveredCandidate > shippedAt ? deliveredCandidate : shippedAt + r.num(4, 24) * HOUR;
      const isDelivered = delivered < w.end && r.chance(0.985);
      const weightKg = r.num(2, 400, 1);
      const distanceKm = r.num(20, 800, 0);
      const units = o.itemCount as number;
      const inFull = r.chance(0.95);
      const freightCost = Math.round((6 + weightKg * 0.08 + distanceKm * 0.01) * 100) / 100;
      return {
        id: `SH${i}`,
        orderId: o.id,
        customerId: o.customerId,
        carrierId: refId(r, t, 'Carrier'),
        originId: refId(r, t, 'Warehouse'),
        tripId: r.chance(0.3) ? refId(r, t, 'Trip') : null,
        shippedAt,
        promisedAt,
        deliveredAt: isDelivered ? delivered : null,
        mode: r.weighted(['road', 6], ['parcel', 3], ['rail', 0.5], ['sea', 0.3], ['air', 0.2]),
        serviceLevel: r.weighted(['standard', 7], ['express', 1.5], ['same_day', 0.5], ['economy', 1]),
        weightKg,
        distanceKm,
        pallets: Math.round((weightKg / 300) * 10) / 10,
        units: inFull ? units : Math.max(0, units - 1),
        unitsOrdered: units,
        freightCost,
        revenue: Math.round(freightCost * r.num(1.05, 1.3) * 100) / 100,
        isInFull: inFull,
        isDamaged: r.chance(0.01),
        hasDocumentError: r.chance(0.01),
        deliveryAttempts: isDelivered ? r.weighted([1, 9], [2, 0.8], [3, 0.2]) : 0,
        hasProofOfDelivery: isDelivered && r.chance(0.97),
        status: isDelivered
          ? 'delivered'
          : delivered < w.end
            ? r.pick(['exception', 'returned', 'lost'])
            : 'in_transit',
        co2Kg: Math.round((weightKg / 1000) * distanceKm * r.num(0.06, 0.12) * 1000) / 1000,
        claimAmount: r.chance(0.01) ? Math.round(freightCost * r.num(0.5, 3) * 100) / 100 : 0,
      };
    });
}
