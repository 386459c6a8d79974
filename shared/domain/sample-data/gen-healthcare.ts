import type { Row } from '../formula/compile-expr';
import { type GenContext, volume } from './context';
import { DAY, day, HOUR, perMonth, refId } from './random';

const MIN = 60_000;
const PAYERS: readonly (readonly [string, number])[] = [
  ['commercial', 5],
  ['medicare', 3],
  ['medicaid', 2],
  ['self_pay', 0.6],
  ['other', 0.4],
];

/** Patients, encounters, appointments, claims, ward census and surgical cases. */
export function generateHealthcare(ctx: GenContext): void {
  const { tables: t, window: w } = ctx;
  let r = ctx.random('Patient');
  t.Patient = Array.from(
    { length: 800 },
    (_, i): Row => ({
      id: `PT${i}`,
      birthDate: day(Date.UTC(1935, 0, 1) + r.next() * 85 * 365 * DAY),
      sex: r.weighted(['female', 5], ['male', 5], ['other', 0.1], ['unknown', 0.1]),
      payerType: r.weighted(...PAYERS),
      region: r.pick(['north', 'south', 'east', 'west']),
      registeredAt: day(w.start - 5 * 365 * DAY + r.next() * (5 * 365 + 730) * DAY),
      hasChronicCondition: r.chance(0.3),
    }),
  );
  const patients = new Map(t.Patient.map((p) => [p.id, p]));

  r = ctx.random('Encounter');
  t.Encounter = perMonth(r, w, volume(ctx, 400), (admittedAt, i) => {
    const type = r.weighted(
      ['inpatient', 3],
      ['outpatient', 4],
      ['emergency', 3],
      ['day_case', 1],
      ['observation', 0.5],
    );
    const emergency = type === 'emergency';
    const inpatient = type === 'inpatient';
    const arrivedAt = admittedAt - (emergency ? 0 : r.num(0, 2) * HOUR);
    const lwbs = emergency && r.chance(0.025);
    const losHours = inpatient ? r.skew(20, 300, 1) : emergency ? r.num(1.5, 7) : r.num(1, 8);
    const dischargeOrderAt = admittedAt + (losHours - (inpatient ? r.num(1, 6) : 0.3)) * HOUR;
    let dischargedAt: number | null = admittedAt + losHours * HOUR;
    if (inpatient) {
      // Many hospitals discharge in the late morning: move a share of discharges before noon.
      const d = new Date(dischargedAt);
      if (r.chance(0.35))
        dischargedAt = Date.UTC(
          d.getUTCFullYear(),
          d.getUTCMonth(),
          d.getUTCDate(),
          r.int(8, 11),
          r.int(0, 59),
        );
      if (dischargedAt <= dischargeOrderAt) dischargedAt = dischargeOrderAt + r.num(1, 4) * HOUR;
    }
    if (dischargedAt >= w.end) dischargedAt = null;
    const cost = inpatient ? r.skew(4000, 40000, 0) : r.num(150, 2500, 0);
    return {
      id: `EN${i}`,
      patientId: refId(r, t, 'Patient'),
      attendingId: `E${r.int(130, 169)}`,
      type,
      department: emergency
        ? 'emergency'
        : r.pick(['medicine', 'surgery', 'cardiology', 'orthopedics', 'pediatrics', 'maternity', 'oncology']),
      arrivedAt,
      admittedAt,
      seenByProviderAt: lwbs ? null : arrivedAt + (emergency ? r.skew(5, 120, 0) : r.num(5, 40, 0)) * MIN,
      dischargeOrderAt: dischargedAt === null ? null : dischargeOrderAt,
      dischargedAt,
      dischargeDisposition:
        dischargedAt === null
          ? null
          : lwbs
            ? 'left_ama'
            : r.weighted(
                ['home', 85],
                ['home_care', 5],
                ['transfer', 3],
                ['nursing_facility', 3],
                ['left_ama', 1],
                ['deceased', inpatient ? 2 : 0.05],
              ),
      triageLevel: emergency ? r.weighted([1, 0.3], [2, 1.5], [3, 4], [4, 3], [5, 1]) : null,
      expectedLosDays: inpatient ? Math.round((losHours / 24) * r.num(0.85, 1.2) * 10) / 10 : 0,
      isReadmission30d: inpatient && r.chance(0.12),
      leftWithoutBeingSeen: lwbs,
      hadHospitalInfection: inpatient && r.chance(0.02),
      hadMedicationError: r.chance(0.01),
      hadFall: inpatient && r.chance(0.015),
      totalCost: cost,
      totalCharges: Math.round(cost * r.num(1.8, 2.6)),
    };
  });

  r = ctx.random('Appointment');
  t.Appointment = perMonth(r, w, volume(ctx, 400), (ts, i) => {
    const scheduledFor = day(ts) + r.int(8, 16) * HOUR + r.pick([0, 15, 30, 45]) * MIN;
    const status =
      scheduledFor >= w.end
        ? 'booked'
        : r.weighted(['completed', 85], ['no_show', 6], ['cancelled', 6], ['rescheduled', 3]);
    const checkedInAt = status === 'completed' ? scheduledFor - r.num(0, 15) * MIN : null;
    return {
      id: `AP${i}`,
      patientId: refId(r, t, 'Patient'),
      providerId: `E${r.int(130, 169)}`,
      bookedAt: scheduledFor - r.skew(1, 40, 1) * DAY,
      scheduledFor,
      checkedInAt,
      seenAt: checkedInAt === null ? null : checkedInAt + r.skew(2, 50, 0) * MIN,
      status,
      type: r.weighted(['new_patient', 2], ['follow_up', 5], ['telehealth', 2], ['procedure', 1]),
      cancelledLate: status === 'cancelled' && r.chance(0.5),
    };
  });

  r = ctx.random('Claim');
  t.Claim = t.Encounter.filter((e) => e.dischargedAt !== null && !e.leftWithoutBeingSeen).map((e, i): Row => {
    const submittedAt = day((e.dischargedAt as number) + r.int(1, 8) * DAY);
    const billed = e.totalCharges as number;
    const allowed = Math.round(billed * r.num(0.45, 0.7));
    const patientResponsibility = Math.round(allowed * r.num(0, 0.15));
    const denial = r.chance(0.07)
      ? r.pick(['eligibility', 'authorization', 'coding', 'medical_necessity', 'timely_filing', 'duplicate'])
      : 'none';
    const denied = denial !== 'none' && r.chance(0.6);
    const paidAtCandidate = submittedAt + r.int(10, 55) * DAY;
    const paid = !denied && paidAtCandidate < w.end;
    const paidAmount = paid ? Math.round((allowed - patientResponsibility) * r.num(0.93, 1)) : 0;
    const payerType = patients.get(e.patientId as string)!.payerType as string;
    return {
      id: `CL${i}`,
      patientId: e.patientId,
      encounterId: e.id,
      submittedAt,
      serviceDate: day(e.admittedAt as number),
      payerType,
      billedAmount: billed,
      allowedAmount: allowed,
      paidAmount,
      patientResponsibility,
      writeOffAmount: denied ? Math.round(allowed * r.num(0, 0.5)) : 0,
      paidAt: paid ? paidAtCandidate : null,
      status: denied
        ? r.pick(['denied', 'appealed'])
        : paid
          ? paidAmount < allowed - patientResponsibility
            ? 'partially_paid'
            : 'paid'
          : 'pending',
      denialReason: denial,
      isCleanClaim: denial === 'none' && r.chance(0.95),
      resubmissions: denial !== 'none' ? r.int(1, 2) : r.chance(0.03) ? 1 : 0,
    };
  });

  r = ctx.random('WardCensus');
  const wards: readonly (readonly [string, number])[] = [
    ['medicine', 40],
    ['surgery', 30],
    ['icu', 12],
    ['pediatrics', 20],
    ['maternity', 18],
    ['oncology', 22],
  ];
  const census: Row[] = [];
  let k = 0;
  for (let d = w.start; d < w.end; d += DAY) {
    for (const [ward, beds] of wards) {
      const occupied = Math.round(beds * r.num(0.65, 0.98));
      census.push({
        id: `WCN${k++}`,
        censusDate: d,
        ward,
        staffedBeds: beds,
        occupiedBeds: occupied,
        admissions: r.int(0, Math.ceil(beds / 4)),
        discharges: r.int(0, Math.ceil(beds / 4)),
        nurseHours: Math.round(occupied * r.num(6, 11) * 10) / 10,
      });
    }
  }
  t.WardCensus = census;

  r = ctx.random('SurgicalCase');
  t.SurgicalCase = perMonth(r, w, volume(ctx, 80), (ts, i) => {
    const first = r.chance(0.3);
    const scheduledStart = day(ts) + (first ? 8 : r.int(9, 15)) * HOUR;
    const scheduledMinutes = r.pick([60, 90, 120, 180, 240]);
    const cancelled = r.chance(0.03);
    const wheelsInAt = cancelled || scheduledStart >= w.end ? null : scheduledStart + r.skew(-5, 45, 0) * MIN;
    return {
      id: `SC${i}`,
      patientId: refId(r, t, 'Patient'),
      encounterId: r.chance(0.8) ? refId(r, t, 'Encounter') : null,
      surgeonId: `E${r.int(130, 149)}`,
      room: r.pick(['or_1', 'or_2', 'or_3', 'or_4', 'or_5', 'or_6']),
      scheduledStart,
      wheelsInAt,
      wheelsOutAt: wheelsInAt === null ? null : wheelsInAt + scheduledMinutes * r.num(0.7, 1) * MIN,
      scheduledMinutes,
      turnoverMinutes: r.num(15, 45, 0),
      isFirstCase: first,
      isCancelledSameDay: cancelled,
      hadComplication: !cancelled && r.chance(0.03),
    };
  });
}
