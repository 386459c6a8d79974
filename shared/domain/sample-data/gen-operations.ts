import type { Row } from '../formula/compile-expr';
import { type GenContext, volume } from './context';
import { DAY, day, HOUR, perMonth, refId } from './random';

const MIN = 60_000;

/** Machines, production, downtime, quality, maintenance; tickets, surveys, field service, warranty. */
export function generateOperations(ctx: GenContext): void {
  const { tables: t, window: w } = ctx;
  let r = ctx.random('Machine');
  t.Machine = Array.from(
    { length: 24 },
    (_, i): Row => ({
      id: `M${i}`,
      name: `Machine ${i}`,
      line: ['line_a', 'line_b', 'line_c', 'line_d'][i % 4]!,
      type: r.pick(['cnc', 'press', 'injection_molding', 'assembly', 'packaging', 'oven']),
      plant: i < 12 ? 'plant_1' : 'plant_2',
      idealRatePerHour: r.num(200, 600, 0),
      isCritical: i % 5 === 0,
      replacementValue: r.int(200, 900) * 1000,
      installedAt: day(w.start - r.next() * 4000 * DAY),
    }),
  );

  r = ctx.random('WorkOrder');
  t.WorkOrder = perMonth(r, w, volume(ctx, 120), (plannedStart, i) => {
    const machine = r.pick(t.Machine!);
    const plannedMinutes = r.int(240, 600);
    const idealCycleSeconds = Math.round((3600 / (machine.idealRatePerHour as number)) * 100) / 100;
    const cancelled = r.chance(0.02);
    const runMinutes = cancelled ? 0 : Math.round(plannedMinutes * r.num(0.8, 0.97));
    const produced = Math.floor(((runMinutes * 60) / idealCycleSeconds) * r.num(0.82, 0.98));
    const scrap = Math.round(produced * r.num(0, 0.03));
    const rework = Math.round(produced * r.num(0, 0.03));
    const plannedEnd = plannedStart + plannedMinutes * MIN;
    const actualStart = cancelled ? null : plannedStart + r.num(-30, 20) * MIN;
    const actualEnd = actualStart === null ? null : actualStart + plannedMinutes * r.num(0.85, 1.06) * MIN;
    const done = actualEnd !== null && actualEnd < w.end;
    return {
      id: `WO${i}`,
      productId: refId(r, t, 'Product'),
      machineId: machine.id,
      plannedStart,
      plannedEnd,
      actualStart,
      actualEnd: done ? actualEnd : null,
      plannedQuantity: Math.round(((plannedMinutes * 60) / idealCycleSeconds) * 0.9),
      producedQuantity: produced,
      goodQuantity: produced - scrap - rework,
      scrapQuantity: scrap,
      reworkQuantity: rework,
      plannedMinutes,
      runMinutes,
      idealCycleSeconds,
      changeoverMinutes: r.num(10, 60, 0),
      laborHours: Math.round((plannedMinutes / 60) * r.num(1, 3) * 10) / 10,
      energyKwh: Math.round(produced * r.num(0.3, 0.7)),
      materialCost: Math.round(produced * r.num(4, 8)),
      conversionCost: Math.round(produced * r.num(1.5, 3.5)),
      status: cancelled
        ? 'cancelled'
        : done
          ? 'completed'
          : actualStart !== null && actualStart < w.end
            ? 'in_progress'
            : 'released',
    };
  });

  r = ctx.random('DowntimeEvent');
  t.DowntimeEvent = perMonth(r, w, volume(ctx, 60), (startedAt, i) => {
    const reason = r.weighted(
      ['breakdown', 3],
      ['changeover', 2],
      ['material_shortage', 1],
      ['planned_maintenance', 2],
      ['quality_issue', 1],
      ['no_operator', 0.5],
      ['other', 0.5],
    );
    const durationMinutes = reason === 'breakdown' ? r.skew(15, 480, 0) : r.num(10, 120, 0);
    return {
      id: `DT${i}`,
      machineId: refId(r, t, 'Machine'),
      workOrderId: r.chance(0.7) ? refId(r, t, 'WorkOrder') : null,
      startedAt,
      endedAt: startedAt + durationMinutes * MIN,
      durationMinutes,
      reason,
      isPlanned: reason === 'planned_maintenance' || reason === 'changeover',
    };
  });

  r = ctx.random('QualityInspection');
  t.QualityInspection = perMonth(r, w, volume(ctx, 120), (inspectedAt, i) => {
    const stage = r.weighted(['incoming', 3], ['in_process', 3], ['final', 3], ['customer_return', 1]);
    const sampleSize = r.int(20, 200);
    const defective = r.chance(0.3) ? r.int(1, Math.max(1, Math.round(sampleSize * 0.02))) : 0;
    const passed = defective <= sampleSize * 0.01;
    return {
      id: `QI${i}`,
      productId: refId(r, t, 'Product'),
      workOrderId: stage === 'in_process' || stage === 'final' ? refId(r, t, 'WorkOrder') : null,
      supplierId: stage === 'incoming' ? refId(r, t, 'Supplier') : null,
      inspectedAt,
      stage,
      sampleSize,
      defects: defective + (defective > 0 ? r.int(0, 2) : 0),
      defectiveUnits: defective,
      passed,
      isFirstPass: passed && r.chance(0.96),
    };
  });

  r = ctx.random('MaintenanceOrder');
  t.MaintenanceOrder = perMonth(r, w, volume(ctx, 40), (createdAt, i) => {
    const type = r.weighted(['preventive', 5], ['corrective', 2.5], ['predictive', 1.5], ['inspection', 1]);
    const scheduledFor = day(createdAt + r.int(1, 14) * DAY);
    const completed = scheduledFor + r.weighted([-1, 4], [0, 4], [3, 1.5]) * DAY + r.num(6, 16) * HOUR;
    const cancelled = r.chance(0.03);
    const laborHours = r.num(1, 12, 1);
    return {
      id: `MO${i}`,
      machineId: refId(r, t, 'Machine'),
      createdAt,
      scheduledFor,
      completedAt: !cancelled && completed < w.end ? completed : null,
      type,
      status: cancelled ? 'cancelled' : completed < w.end ? 'completed' : r.pick(['open', 'in_progress']),
      laborHours,
      laborCost: Math.round(laborHours * 55),
      partsCost: r.skew(0, 3000, 0),
      isBreakdown: type === 'corrective' && r.chance(0.6),
    };
  });

  r = ctx.random('Ticket');
  t.Ticket = perMonth(r, w, volume(ctx, 200), (createdAt, i) => {
    const priority = r.weighted(['low', 3], ['medium', 4], ['high', 2], ['urgent', 1]);
    const hours = r.skew(0.5, 120, 1);
    const resolvedAt = createdAt + hours * HOUR;
    const open = r.chance(0.03) || resolvedAt >= w.end;
    const contacts = r.weighted([1, 7], [2, 2], [3, 1]);
    return {
      id: `T${i}`,
      customerId: refId(r, t, 'Customer'),
      agentId: `E${r.int(80, 109)}`,
      createdAt,
      firstResponseAt: createdAt + r.skew(0.05, 8, 2) * HOUR,
      resolvedAt: open ? null : resolvedAt,
      slaDueAt:
        createdAt +
        ({ low: 96, medium: 48, high: 24, urgent: 8 } as Record<string, number>)[priority]! * HOUR * 1.5,
      channel: r.weighted(
        ['phone', 4],
        ['email', 3],
        ['chat', 2],
        ['web', 1.5],
        ['store', 0.5],
        ['social', 0.5],
      ),
      priority,
      category: r.pick(['billing', 'technical', 'delivery', 'product', 'account', 'outage', 'other']),
      status: open ? r.pick(['open', 'pending']) : r.pick(['resolved', 'closed']),
      contacts,
      reopenCount: r.chance(0.06) ? 1 : 0,
      isEscalated: r.chance(0.1),
      handleMinutes: r.num(3, 30, 1),
      satisfaction: r.chance(0.35) ? r.weighted([5, 4], [4, 3], [3, 1.5], [2, 1], [1, 0.5]) : null,
    };
  });

  r = ctx.random('SurveyResponse');
  t.SurveyResponse = perMonth(r, w, volume(ctx, 150), (respondedAt, i) => ({
    id: `SR${i}`,
    customerId: r.chance(0.9) ? refId(r, t, 'Customer') : null,
    respondedAt,
    touchpoint: r.pick(['purchase', 'delivery', 'support', 'onboarding', 'visit', 'relationship']),
    npsScore: r.chance(0.9)
      ? r.weighted([10, 3], [9, 3], [8, 2], [7, 1.5], [6, 1], [5, 0.5], [3, 0.5], [0, 0.3])
      : null,
    csatScore: r.chance(0.8) ? r.weighted([5, 4], [4, 3], [3, 1.5], [2, 0.7], [1, 0.3]) : null,
    effortScore: r.chance(0.6) ? r.int(1, 5) : null,
  }));

  r = ctx.random('FieldServiceVisit');
  t.FieldServiceVisit = perMonth(r, w, volume(ctx, 200), (ts, i) => {
    const scheduledAt = day(ts) + r.pick([8, 10, 12, 14]) * HOUR;
    const cancelled = r.chance(0.05);
    const arrivedAt = cancelled ? null : scheduledAt + r.num(-0.3, 2.6) * HOUR;
    const workMinutes = r.num(20, 150, 0);
    const completedAt = arrivedAt === null ? null : arrivedAt + workMinutes * MIN;
    return {
      id: `FV${i}`,
      customerId: refId(r, t, 'Customer'),
      technicianId: `E${r.int(110, 113)}`,
      ticketId: r.chance(0.5) ? refId(r, t, 'Ticket') : null,
      scheduledAt,
      windowEndAt: scheduledAt + 2 * HOUR,
      arrivedAt: arrivedAt !== null && arrivedAt < w.end ? arrivedAt : null,
      completedAt: completedAt !== null && completedAt < w.end ? completedAt : null,
      type: r.pick([
        'installation',
        'repair',
        'maintenance',
        'inspection',
        'meter_exchange',
        'disconnection',
        'reconnection',
      ]),
      isFirstTimeFix: !cancelled && r.chance(0.82),
      isCancelled: cancelled,
      travelMinutes: r.num(15, 70, 0),
      workMinutes,
      partsCost: r.skew(0, 400, 0),
    };
  });

  r = ctx.random('WarrantyClaim');
  t.WarrantyClaim = perMonth(r, w, volume(ctx, 15), (ts, i) => {
    const filedAt = day(ts);
    const claimAmount = r.num(50, 500, 0);
    const status = filedAt > w.end - 20 * DAY ? 'pending' : r.weighted(['approved', 8], ['rejected', 2]);
    return {
      id: `WC${i}`,
      productId: refId(r, t, 'Product'),
      customerId: refId(r, t, 'Customer'),
      filedAt,
      soldAt: day(filedAt - r.skew(5, 700, 0) * DAY),
      closedAt: status === 'pending' ? null : day(filedAt + r.int(2, 20) * DAY),
      claimAmount,
      approvedAmount: status === 'approved' ? Math.round(claimAmount * r.num(0.7, 1)) : 0,
      status,
      failureMode: r.pick(['electrical', 'mechanical', 'cosmetic', 'software', 'other']),
    };
  });
}
