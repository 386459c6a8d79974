import { kpiTable } from '../kpi-table';

/** Hospital and clinic KPIs: flow, quality and safety, access, revenue cycle, theatres. Format: see kpi-table.ts. */
export const healthcareKpis = kpiTable(`
@Encounter
average-length-of-stay | Average length of stay | d | - | 4.5 | 4.5 5.5 6.5 | month | department patient.payerType | patient-flow capacity
  avg(days_between(Encounter.admittedAt, Encounter.dischargedAt) where type = 'inpatient')
  Average days an inpatient stays from admission to discharge.
length-of-stay-index | Length-of-stay index | x | - | 1 | 1 1.1 1.2 | month | department | patient-flow efficiency
  sum(days_between(Encounter.admittedAt, Encounter.dischargedAt) where type = 'inpatient') / sum(Encounter.expectedLosDays where type = 'inpatient' and dischargedAt is not null)
  Actual inpatient days relative to the days expected for the case mix; below 1 is shorter than expected.
readmission-rate-30d | 30-day readmission rate | % | - | 12 | 12 15 18 | month | department patient.payerType | quality outcomes | CMS; HWR; Hospital-wide all-cause unplanned readmission
  count(Encounter where type = 'inpatient' and isReadmission30d) / count(Encounter where type = 'inpatient') * 100
  Share of inpatient admissions that were unplanned returns within 30 days of an earlier discharge.
inpatient-mortality-rate | Inpatient mortality rate | % | - | 2 | 2 3 4 | month | department | quality outcomes
  count(Encounter where type = 'inpatient' and dischargeDisposition = 'deceased') / count(Encounter where type = 'inpatient' and dischargedAt is not null) * 100
  Share of inpatient stays ending in death (not risk-adjusted).
ed-door-to-provider-time | ED door-to-provider time | min | - | 30 | 30 45 60 | day | triageLevel | emergency patient-flow access
  median(minutes_between(Encounter.arrivedAt, Encounter.seenByProviderAt) where type = 'emergency')
  Median minutes from arrival at the emergency department to being seen by a clinician.
ed-length-of-stay-discharged | ED length of stay, discharged patients | min | - | 180 | 180 240 300 | day | triageLevel | emergency patient-flow | CMS; OP-18; Median time from ED arrival to ED departure for discharged ED patients
  median(minutes_between(Encounter.arrivedAt, Encounter.dischargedAt) where type = 'emergency' and dischargeDisposition = 'home')
  Median minutes from arrival to departure for emergency patients sent home.
ed-left-without-being-seen | ED left without being seen | % | - | 2 | 2 3 5 | day | triageLevel | emergency access | CMS; OP-22; Left without being seen
  count(Encounter where type = 'emergency' and leftWithoutBeingSeen) / count(Encounter where type = 'emergency') * 100
  Share of emergency arrivals who left before a clinician saw them.
hospital-infection-rate | Hospital-acquired infections per 1,000 patient days | ratio:per 1,000 patient days | - | 1 | 1 2 3 | month | department | safety quality
  count(Encounter where hadHospitalInfection) / sum(WardCensus.occupiedBeds) * 1000
  Infections acquired during a stay per thousand occupied-bed days.
medication-error-rate | Medication errors per 1,000 patient days | ratio:per 1,000 patient days | - | 2 | 2 4 6 | month | department | safety quality
  count(Encounter where hadMedicationError) / sum(WardCensus.occupiedBeds) * 1000
  Reported medication errors per thousand occupied-bed days.
patient-fall-rate | Patient falls per 1,000 patient days | ratio:per 1,000 patient days | - | 2 | 2 3 4 | month | department | safety nursing
  count(Encounter where hadFall) / sum(WardCensus.occupiedBeds) * 1000
  Patient falls per thousand occupied-bed days.
discharge-before-noon | Discharges before noon | % | + | 40 | 40 30 20 | week | department | patient-flow capacity
  count(Encounter where type = 'inpatient' and hour(dischargedAt) < 12) / count(Encounter where type = 'inpatient' and dischargedAt is not null) * 100
  Share of inpatient discharges completed before 12:00, freeing beds for the day's admissions.
discharge-order-to-departure | Discharge order to departure | h | - | 3 | 3 4 6 | week | department | patient-flow capacity
  avg(hours_between(Encounter.dischargeOrderAt, Encounter.dischargedAt) where type = 'inpatient')
  Average hours from the discharge decision to the patient leaving.
left-against-advice-rate | Left against medical advice | % | - | 1 | 1 2 3 | month | department | quality patient-experience
  count(Encounter where dischargeDisposition = 'left_ama') / count(Encounter where dischargedAt is not null) * 100
  Share of discharges where the patient left against medical advice.
cost-per-inpatient-case | Cost per inpatient case | $ | - | 12000 | 12000 14000 16000 | month | department patient.payerType | cost finance
  avg(Encounter.totalCost where type = 'inpatient')
  Average cost of care of an inpatient stay.
cost-to-charge-ratio | Cost-to-charge ratio | % | - | 45 | 45 55 65 | quarter | department type | cost finance
  sum(Encounter.totalCost) / sum(Encounter.totalCharges) * 100
  Cost of care as a share of the charges billed for it.
self-pay-encounter-share | Self-pay encounter share | % | - | 5 | 5 8 12 | month | type department | revenue-cycle payer-mix
  count(Encounter where patient.payerType = 'self_pay') / count(Encounter) * 100
  Share of encounters without third-party coverage, the ones most at risk of going unpaid.
encounters | Encounters | # | + | 8000 | 8000 7000 6000 | day | type department | volume
  count(Encounter)
  Patient encounters started in the period.
@WardCensus
bed-occupancy-rate | Bed occupancy rate | % | + | 85 | 85 75 65 | day | ward | capacity patient-flow
  sum(WardCensus.occupiedBeds) / sum(WardCensus.staffedBeds) * 100
  Occupied beds at midnight as a share of staffed beds.
icu-occupancy-rate | ICU occupancy rate | % | + | 80 | 80 70 60 | day | | capacity critical-care
  sum(WardCensus.occupiedBeds where ward = 'icu') / sum(WardCensus.staffedBeds where ward = 'icu') * 100
  Occupied intensive-care beds as a share of staffed intensive-care beds.
nursing-hours-per-patient-day | Nursing hours per patient day | h | + | 8 | 8 7 6 | week | ward | nursing workforce quality
  sum(WardCensus.nurseHours) / sum(WardCensus.occupiedBeds)
  Nursing hours worked per occupied-bed day.
bed-turnover-rate | Bed turnover rate | x | + | 5 | 5 4 3 | month | ward | capacity patient-flow
  sum(WardCensus.discharges) / (sum(WardCensus.staffedBeds) / count(distinct WardCensus.censusDate))
  Discharges per staffed bed in the period.
average-daily-census | Average daily census | quantity:patients | + | 400 | 400 350 300 | day | ward | capacity volume
  sum(WardCensus.occupiedBeds) / count(distinct WardCensus.censusDate)
  Average number of inpatients at midnight.
@Appointment
no-show-rate | No-show rate | % | - | 5 | 5 8 12 | week | type provider.department | access scheduling
  count(Appointment where status = 'no_show') / count(Appointment where status in ('completed', 'no_show')) * 100
  Share of appointments due that the patient missed without notice.
late-cancellation-rate | Late cancellation rate | % | - | 4 | 4 6 8 | week | type | access scheduling
  count(Appointment where cancelledLate) / count(Appointment) * 100
  Share of appointments cancelled less than 24 hours ahead.
appointment-lead-time | New patient appointment lead time | d | - | 10 | 10 14 21 | week | provider.department | access scheduling
  avg(days_between(Appointment.bookedAt, Appointment.scheduledFor) where type = 'new_patient')
  Average days a new patient waits from booking to the appointment.
clinic-waiting-time | Clinic waiting time | min | - | 15 | 15 25 35 | day | type provider.department | patient-experience access
  avg(minutes_between(Appointment.checkedInAt, Appointment.seenAt))
  Average minutes from check-in to the start of the consultation.
telehealth-share | Telehealth share | % | + | 20 | 20 15 10 | month | provider.department | access digital
  count(Appointment where type = 'telehealth' and status = 'completed') / count(Appointment where status = 'completed') * 100
  Share of completed appointments held remotely.
slot-utilisation | Appointment slot utilisation | % | + | 85 | 85 80 75 | week | type provider.department | access capacity
  count(Appointment where status = 'completed') / count(Appointment) * 100
  Share of scheduled appointments that took place.
@Claim
claim-denial-rate | Claim denial rate | % | - | 5 | 5 8 12 | month | payerType denialReason | revenue-cycle
  count(Claim where denialReason != 'none') / count(Claim) * 100
  Share of claims a payer denied at least once.
clean-claim-rate | Clean claim rate | % | + | 95 | 95 90 85 | month | payerType | revenue-cycle quality
  count(Claim where isCleanClaim) / count(Claim) * 100
  Share of claims accepted at the first submission without edits.
days-in-accounts-receivable | Days in accounts receivable | d | - | 40 | 40 50 60 | month | payerType | revenue-cycle cash
  to_date(sum(Claim.allowedAmount where status != 'denied' and (paidAt is null or paidAt >= period_end()))) / (sum(Claim.allowedAmount) / period_days())
  Unpaid expected reimbursement at period end divided by the average expected reimbursement per day.
net-collection-rate | Payer net collection rate | % | + | 96 | 96 93 90 | month | payerType | revenue-cycle cash
  sum(Claim.paidAmount) / (sum(Claim.allowedAmount) - sum(Claim.patientResponsibility)) * 100
  Amount paid by payers as a share of what they owed under contract.
days-to-payment | Days to payment | d | - | 30 | 30 40 50 | month | payerType | revenue-cycle cash
  avg(days_between(Claim.submittedAt, Claim.paidAt))
  Average days from submitting a claim to being paid.
days-to-bill | Discharge to bill | d | - | 4 | 4 6 8 | week | payerType encounter.department | revenue-cycle cycle-time
  avg(days_between(Claim.encounter.dischargedAt, Claim.submittedAt))
  Average days from discharge to submitting the claim.
write-off-rate | Write-off rate | % | - | 2 | 2 4 6 | month | payerType denialReason | revenue-cycle
  sum(Claim.writeOffAmount) / sum(Claim.billedAmount) * 100
  Charges written off after denial or as bad debt, as a share of gross charges.
claim-resubmission-rate | Claim resubmission rate | % | - | 8 | 8 12 16 | month | payerType | revenue-cycle quality
  count(Claim where resubmissions > 0) / count(Claim) * 100
  Share of claims that had to be corrected and resubmitted.
authorization-denial-share | Authorisation denial share | % | - | 20 | 20 30 40 | quarter | payerType | revenue-cycle access
  count(Claim where denialReason = 'authorization') / count(Claim where denialReason != 'none') * 100
  Share of denials caused by missing or invalid prior authorisation.
@SurgicalCase
or-booked-time-utilisation | Operating room booked-time utilisation | % | + | 85 | 85 75 65 | week | room surgeon.department | theatre capacity
  sum(minutes_between(SurgicalCase.wheelsInAt, SurgicalCase.wheelsOutAt)) / sum(SurgicalCase.scheduledMinutes where not isCancelledSameDay) * 100
  Minutes patients were in the room as a share of minutes booked for cases that went ahead.
first-case-on-time-start | First case on-time start | % | + | 85 | 85 70 55 | week | room | theatre patient-flow
  count(SurgicalCase where isFirstCase and minutes_between(scheduledStart, wheelsInAt) <= 15) / count(SurgicalCase where isFirstCase and wheelsInAt is not null) * 100
  Share of first cases of the day in the room within 15 minutes of the planned start.
same-day-surgery-cancellation | Same-day surgery cancellation rate | % | - | 3 | 3 5 8 | week | room | theatre access
  count(SurgicalCase where isCancelledSameDay) / count(SurgicalCase) * 100
  Share of scheduled operations cancelled on the day of surgery.
or-turnover-time | Operating room turnover time | min | - | 25 | 25 35 45 | week | room | theatre efficiency
  avg(SurgicalCase.turnoverMinutes where not isCancelledSameDay)
  Average minutes to clean and set up the room between cases.
surgical-complication-rate | Surgical complication rate | % | - | 3 | 3 5 7 | month | surgeon.department | quality outcomes
  count(SurgicalCase where hadComplication) / count(SurgicalCase where wheelsOutAt is not null) * 100
  Share of operations followed by a complication.
@Patient
new-patient-registrations | New patient registrations | # | + | 300 | 300 250 200 | month | region payerType | volume access
  count(Patient where in_period(registeredAt))
  Patients registered for the first time in the period.
`);
