import type { Row } from '../formula/compile-expr';
import { type GenContext, volume } from './context';
import { DAY, day, HOUR, monthStarts, perMonth, refId } from './random';

const MIN = 60_000;
const REGIONS = ['north', 'south', 'east', 'west'];

/** Feeders, service points, meter reads, outages, bills, connections and generation. */
export function generateEnergy(ctx: GenContext): void {
  const { tables: t, window: w } = ctx;
  let r = ctx.random('Feeder');
  t.Feeder = Array.from(
    { length: 40 },
    (_, i): Row => ({
      id: `F${i}`,
      name: `Feeder ${i}`,
      region: REGIONS[i % 4]!,
      voltageKv: r.pick([11, 20, 33]),
      lengthKm: r.num(5, 80, 1),
      customersServed: r.int(800, 3200),
      isUnderground: r.chance(0.4),
    }),
  );

  r = ctx.random('ServicePoint');
  t.ServicePoint = Array.from(
    { length: 600 },
    (_, i): Row => ({
      id: `SP${i}`,
      customerId: `C${i % 400}`,
      feederId: refId(r, t, 'Feeder'),
      commodity: r.weighted(['electricity', 7], ['gas', 2], ['water', 1]),
      tariff: r.weighted(['residential', 8], ['commercial', 1.5], ['industrial', 0.5]),
      isSmartMeter: r.chance(0.75),
      isPrepaid: r.chance(0.05),
      isActive: r.chance(0.96),
      installedAt: day(w.start - r.next() * 3000 * DAY),
    }),
  );

  // One scheduled read and one bill per service point and month.
  const starts = monthStarts(w);
  r = ctx.random('MeterReading');
  const rb = ctx.random('UtilityBill');
  const reads: Row[] = [];
  const bills: Row[] = [];
  let k = 0;
  for (let m = 0; m < w.months; m++) {
    for (const sp of t.ServicePoint) {
      const readAt = starts[m]! + r.int(1, 25) * DAY + r.int(0, 23) * HOUR;
      const smart = sp.isSmartMeter as boolean;
      const estimated = r.chance(smart ? 0.01 : 0.1);
      const kwh = Math.round((sp.tariff === 'residential' ? r.num(150, 450) : r.num(800, 4000)) * 10) / 10;
      reads.push({
        id: `MR${k}`,
        servicePointId: sp.id,
        readAt,
        consumptionKwh: kwh,
        method: estimated ? 'estimated' : smart ? 'remote' : r.pick(['manual', 'customer']),
        isEstimated: estimated,
        isValid: r.chance(0.99),
        wasOnSchedule: r.chance(smart ? 0.99 : 0.9),
      });
      const issuedAt = day(readAt + rb.int(1, 4) * DAY);
      const dueAt = issuedAt + 21 * DAY;
      const amount = Math.round((kwh * rb.num(0.14, 0.19) + 12) * 100) / 100;
      const paidCandidate = dueAt + rb.weighted([-10, 6], [0, 2], [15, 1.2], [60, 0.4]) * DAY;
      const paid = paidCandidate < w.end && rb.chance(0.985);
      bills.push({
        id: `B${k++}`,
        customerId: sp.customerId,
        servicePointId: sp.id,
        issuedAt,
        dueAt,
        paidAt: paid ? day(paidCandidate) : null,
        amount,
        paidAmount: paid ? amount : rb.chance(0.3) ? Math.round(amount * 0.5 * 100) / 100 : 0,
        consumptionKwh: kwh,
        isEstimated: estimated,
        isRebilled: rb.chance(0.01),
        isDisputed: rb.chance(0.008),
        isPaperless: rb.chance(0.55),
      });
    }
  }
  t.MeterReading = reads;
  t.UtilityBill = bills;

  r = ctx.random('Outage');
  t.Outage = perMonth(r, w, volume(ctx, 40), (startedAt, i) => {
    const momentary = r.chance(0.3);
    const minutes = momentary ? r.num(0.5, 5) : r.skew(20, 400, 0);
    const feeder = r.pick(t.Feeder!);
    const affected = r.int(20, Math.round((feeder.customersServed as number) * 0.5));
    const planned = !momentary && r.chance(0.15);
    return {
      id: `OUT${i}`,
      feederId: feeder.id,
      startedAt,
      restoredAt: startedAt + minutes * MIN,
      customersAffected: affected,
      customerMinutes: Math.round(affected * minutes * r.num(0.6, 1)),
      cause: planned
        ? 'planned'
        : r.weighted(
            ['weather', 3],
            ['equipment', 3],
            ['vegetation', 1.5],
            ['animal', 1],
            ['third_party', 1],
            ['unknown', 0.5],
          ),
      isPlanned: planned,
      isMomentary: momentary,
    };
  });

  r = ctx.random('ConnectionRequest');
  t.ConnectionRequest = perMonth(r, w, volume(ctx, 25), (ts, i) => {
    const requestedAt = day(ts);
    const type = r.weighted(['new_connection', 4], ['upgrade', 1], ['disconnection', 2], ['reconnection', 1]);
    const promisedAt = requestedAt + (type === 'new_connection' ? 25 : 5) * DAY;
    const completedAt = promisedAt + r.weighted([-5, 5], [0, 3], [6, 1.5]) * DAY;
    const cancelled = r.chance(0.05);
    const done = !cancelled && completedAt < w.end;
    return {
      id: `CR${i}`,
      customerId: refId(r, t, 'Customer'),
      type,
      requestedAt,
      promisedAt,
      completedAt: done ? completedAt : null,
      status: cancelled ? 'cancelled' : done ? 'completed' : 'open',
      isNonPayment: type === 'disconnection' && r.chance(0.6),
    };
  });

  r = ctx.random('GenerationUnit');
  const fuels = [
    'solar',
    'wind',
    'wind',
    'hydro',
    'gas',
    'gas',
    'coal',
    'nuclear',
    'solar',
    'wind',
    'battery',
    'gas',
  ];
  t.GenerationUnit = fuels.map(
    (fuel, i): Row => ({
      id: `GU${i}`,
      name: `Unit ${i}`,
      fuel,
      region: REGIONS[i % 4]!,
      capacityMw: r.num(50, 600, 0),
      isRenewable: ['solar', 'wind', 'hydro'].includes(fuel),
      commissionedAt: day(w.start - r.next() * 9000 * DAY),
    }),
  );
  const capacityFactor: Record<string, [number, number]> = {
    solar: [0.1, 0.3],
    wind: [0.2, 0.5],
    hydro: [0.3, 0.6],
    gas: [0.3, 0.7],
    coal: [0.5, 0.8],
    nuclear: [0.85, 0.95],
    battery: [0.05, 0.15],
  };
  r = ctx.random('GenerationOutput');
  const out: Row[] = [];
  k = 0;
  for (let d = w.start; d < w.end; d += DAY) {
    for (const u of t.GenerationUnit) {
      const forced = r.chance(0.04) ? r.num(1, 24, 1) : 0;
      const planned = forced === 0 && r.chance(0.05) ? r.num(4, 24, 1) : 0;
      const available = Math.max(0, 24 - forced - planned);
      const [a, b] = capacityFactor[u.fuel as string]!;
      const mwh = Math.round((u.capacityMw as number) * available * r.num(a, b) * 10) / 10;
      const thermal = ['gas', 'coal'].includes(u.fuel as string);
      out.push({
        id: `GO${k++}`,
        unitId: u.id,
        outputDate: d,
        generatedMwh: mwh,
        periodHours: 24,
        availableHours: available,
        forcedOutageHours: forced,
        plannedOutageHours: planned,
        curtailedMwh: u.isRenewable ? Math.round(mwh * r.num(0, 0.06) * 10) / 10 : 0,
        fuelCost: thermal ? Math.round(mwh * r.num(35, 70)) : u.fuel === 'nuclear' ? Math.round(mwh * 8) : 0,
        emissionsTonnes: Math.round(mwh * (u.fuel === 'coal' ? 0.95 : u.fuel === 'gas' ? 0.4 : 0) * 10) / 10,
      });
    }
  }
  t.GenerationOutput = out;
}
