import type { Row } from '../formula/compile-expr';
import { type GenContext, volume } from './context';
import { DAY, day, perMonth, refId } from './random';

const REGIONS = ['north', 'south', 'east', 'west'];
const DEPARTMENTS = [
  'operations',
  'sales',
  'finance',
  'hr',
  'it',
  'logistics',
  'clinical',
  'customer_service',
  'maintenance',
  'risk',
];

/** Employees, time, safety, recruiting and training. Employee ids E0..E299 are referenced by other areas. */
export function generatePeople(ctx: GenContext): void {
  const { tables: t, window: w } = ctx;
  let r = ctx.random('Employee');
  t.Employee = Array.from({ length: 300 }, (_, i): Row => {
    const hiredAt = day(w.start - r.skew(0, 5000, 0) * DAY + r.next() * 600 * DAY);
    const leaves = r.chance(0.16);
    const terminatedAt = leaves ? day(Math.max(hiredAt + 60 * DAY, w.start) + r.next() * 720 * DAY) : null;
    const gone = terminatedAt !== null && terminatedAt < w.end;
    const fullTime = r.chance(0.85);
    return {
      id: `E${i}`,
      name: `Employee ${i}`,
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
      role: i % 8 === 0 ? 'Team lead' : 'Specialist',
      region: REGIONS[i % 4]!,
      hiredAt,
      terminatedAt: gone ? terminatedAt : null,
      exitType: gone ? r.weighted(['voluntary', 6], ['involuntary', 3], ['retirement', 1]) : null,
      isFullTime: fullTime,
      fte: fullTime ? 1 : r.pick([0.5, 0.6, 0.8]),
      annualCost: r.int(38, 95) * 1000,
      isManager: i % 8 === 0,
    };
  });

  // Weekly totals per employee keep the table small while giving every month hours.
  r = ctx.random('TimeEntry');
  const entries: Row[] = [];
  let k = 0;
  for (let d = w.start; d < w.end; d += 7 * DAY) {
    for (const e of t.Employee) {
      const scheduled = Math.round(40 * (e.fte as number) * 10) / 10;
      const absence = r.chance(0.12) ? Math.min(scheduled, r.pick([8, 16, 24, 40])) : 0;
      const absenceType =
        absence > 0 ? r.weighted(['sick', 4], ['vacation', 5], ['training', 1], ['other', 1]) : 'none';
      const overtime = r.chance(0.2) ? r.num(1, 8, 1) : 0;
      entries.push({
        id: `TE${k++}`,
        employeeId: e.id,
        workDate: d,
        scheduledHours: scheduled,
        workedHours: Math.round((scheduled - absence + overtime) * 10) / 10,
        overtimeHours: overtime,
        absenceHours: absence,
        absenceType,
      });
    }
  }
  t.TimeEntry = entries;

  r = ctx.random('SafetyIncident');
  t.SafetyIncident = perMonth(r, w, volume(ctx, 20), (occurredAt, i) => {
    const severity = r.weighted(
      ['near_miss', 12],
      ['first_aid', 5],
      ['recordable', 2],
      ['lost_time', 1],
      ['fatality', 0.01],
    );
    return {
      id: `SI${i}`,
      employeeId: r.chance(0.8) ? refId(r, t, 'Employee') : null,
      occurredAt,
      severity,
      lostDays: severity === 'lost_time' ? r.int(1, 20) : 0,
      region: r.pick(REGIONS),
      closedAt: occurredAt + r.num(2, 30) * DAY < w.end ? occurredAt + r.num(2, 30) * DAY : null,
    };
  });

  r = ctx.random('JobRequisition');
  t.JobRequisition = perMonth(r, w, volume(ctx, 12), (ts, i) => {
    const openedAt = day(ts);
    const filledAt = openedAt + r.int(15, 80) * DAY;
    const cancelled = r.chance(0.08);
    const filled = !cancelled && filledAt < w.end;
    const offers = r.int(1, 3);
    return {
      id: `JR${i}`,
      department: r.pick(DEPARTMENTS),
      openedAt,
      filledAt: filled ? filledAt : null,
      status: cancelled ? 'cancelled' : filled ? 'filled' : r.pick(['open', 'on_hold']),
      applicants: r.int(5, 60),
      offers,
      offersAccepted: filled ? 1 : 0,
      hiringCost: r.int(1, 9) * 500,
    };
  });

  r = ctx.random('TrainingRecord');
  t.TrainingRecord = perMonth(r, w, volume(ctx, 80), (ts, i) => {
    const mandatory = r.chance(0.4);
    return {
      id: `TRN${i}`,
      employeeId: refId(r, t, 'Employee'),
      completedAt: day(ts),
      hours: r.pick([1, 2, 4, 8, 16]),
      isMandatory: mandatory,
      passed: r.chance(mandatory ? 0.97 : 0.9),
      cost: r.int(0, 12) * 50,
    };
  });
}
