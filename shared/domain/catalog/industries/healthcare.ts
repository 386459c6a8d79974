import { industryTable } from '../industry-table';

export const healthcare = industryTable(
  {
    id: 'healthcare',
    name: 'Healthcare providers',
    description:
      'Hospitals and clinics: patient access, care delivery, quality and safety, discharge, revenue cycle and workforce.',
  },
  `
== access | Access and scheduling | Get patients seen at the right time and place.
- outpatient-access | Outpatient access | Book appointments quickly and fill the clinics. | appointment-lead-time no-show-rate late-cancellation-rate slot-utilisation telehealth-share new-patient-registrations
- emergency-department | Emergency department | See emergency patients quickly and move them on. | ed-door-to-provider-time ed-left-without-being-seen ed-length-of-stay-discharged encounters
== care | Care delivery | Use beds and theatres well while patients are in hospital.
- patient-flow | Patient flow and capacity | Match beds to demand and avoid needless days in hospital. | average-length-of-stay length-of-stay-index bed-occupancy-rate icu-occupancy-rate average-daily-census bed-turnover-rate
- surgical-services | Surgical services | Run operating rooms on time and fully used. | or-booked-time-utilisation first-case-on-time-start same-day-surgery-cancellation or-turnover-time surgical-complication-rate
== quality | Quality and safety | Prevent harm and improve outcomes.
- patient-safety | Patient safety | Track harm events per patient day. | hospital-infection-rate medication-error-rate patient-fall-rate
- clinical-outcomes | Clinical outcomes | Watch readmissions and mortality. | readmission-rate-30d inpatient-mortality-rate left-against-advice-rate
== discharge | Discharge and follow-up | Send patients home safely and early in the day.
- discharge-planning | Discharge planning | Discharge on time and prevent returns. | discharge-before-noon discharge-order-to-departure readmission-rate-30d
- patient-experience | Patient experience | Listen to patients about their care. | clinic-waiting-time net-promoter-score customer-satisfaction-score
== revenue-cycle | Revenue cycle | Bill correctly and get paid.
- claims-management | Claims management | Submit clean claims fast and avoid denials. | claim-denial-rate clean-claim-rate claim-resubmission-rate authorization-denial-share days-to-bill
- payment-collection | Payment collection | Collect what payers and patients owe. | days-in-accounts-receivable net-collection-rate days-to-payment write-off-rate self-pay-encounter-share
- cost-of-care | Cost of care | Understand what care costs. | cost-per-inpatient-case cost-to-charge-ratio
== workforce | Workforce | Staff safely and keep clinicians.
- nurse-staffing | Nurse staffing | Provide enough nursing time without burning staff out. | nursing-hours-per-patient-day overtime-rate sickness-absence-rate
- clinical-workforce | Clinical workforce | Recruit, train and keep staff safe. | headcount full-time-equivalents voluntary-turnover-rate time-to-fill mandatory-training-pass-rate total-recordable-incident-rate
`,
);
