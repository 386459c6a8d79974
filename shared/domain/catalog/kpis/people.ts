import { kpiTable } from '../kpi-table';

/** Workforce, recruiting, training and safety KPIs. Format: see kpi-table.ts. */
export const peopleKpis = kpiTable(`
@Employee
headcount | Headcount | # | + | 500 | 500 450 400 | month | department region | workforce
  count(Employee where hiredAt < period_end() and (terminatedAt is null or terminatedAt >= period_end()))
  Employees on the payroll at the end of the period.
full-time-equivalents | Full-time equivalents | quantity:FTE | + | 450 | 450 420 400 | month | department region | workforce capacity
  sum(Employee.fte where hiredAt < period_end() and (terminatedAt is null or terminatedAt >= period_end()))
  Contracted working time of the employees at period end, in full-time equivalents.
employee-turnover-rate | Employee turnover rate | % | - | 1 | 1 1.5 2 | month | department region exitType | workforce retention
  count(Employee where in_period(terminatedAt)) / kpi('headcount') * 100
  Leavers in the period as a share of headcount at period end.
voluntary-turnover-rate | Voluntary turnover rate | % | - | 0.8 | 0.8 1.2 1.6 | month | department region | workforce retention engagement
  count(Employee where in_period(terminatedAt) and exitType = 'voluntary') / kpi('headcount') * 100
  Employees who chose to leave in the period as a share of headcount at period end.
early-leaver-share | Early leaver share | % | - | 20 | 20 30 40 | quarter | department | workforce retention recruiting
  count(Employee where in_period(terminatedAt) and days_between(hiredAt, terminatedAt) < 365) / count(Employee where in_period(terminatedAt)) * 100
  Share of leavers who left within their first year, a sign of hiring or onboarding problems.
labour-cost-per-fte | Labour cost per FTE | $ | - | 60000 | 60000 65000 70000 | quarter | department region | workforce cost
  sum(Employee.annualCost where hiredAt < period_end() and (terminatedAt is null or terminatedAt >= period_end())) / kpi('full-time-equivalents')
  Yearly employment cost per full-time equivalent.
revenue-per-employee | Revenue per employee | $ | + | 15000 | 15000 12000 10000 | month | | workforce productivity finance
  sum(SalesOrderLine.netAmount) / kpi('headcount')
  Net revenue of the period per employee at period end.
span-of-control | Span of control | x | + | 8 | 8 6 4 | quarter | department | workforce organisation
  count(Employee where not isManager and terminatedAt is null) / count(Employee where isManager and terminatedAt is null)
  Current employees without direct reports per manager.
@TimeEntry
absenteeism-rate | Absenteeism rate | % | - | 3 | 3 4.5 6 | month | employee.department employee.region | workforce wellbeing
  sum(TimeEntry.absenceHours where absenceType in ('sick', 'other')) / sum(TimeEntry.scheduledHours) * 100
  Unplanned absence hours (sickness and other) as a share of rostered hours.
sickness-absence-rate | Sickness absence rate | % | - | 2.5 | 2.5 3.5 5 | month | employee.department employee.region | workforce wellbeing
  sum(TimeEntry.absenceHours where absenceType = 'sick') / sum(TimeEntry.scheduledHours) * 100
  Sickness absence hours as a share of rostered hours.
overtime-rate | Overtime rate | % | - | 5 | 5 8 12 | week | employee.department | workforce cost
  sum(TimeEntry.overtimeHours) / sum(TimeEntry.workedHours) * 100
  Overtime hours as a share of hours worked.
@JobRequisition
time-to-fill | Time to fill | d | - | 40 | 40 55 70 | month | department | recruiting
  avg(days_between(JobRequisition.openedAt, JobRequisition.filledAt))
  Average days from approving a vacancy to an accepted offer.
offer-acceptance-rate | Offer acceptance rate | % | + | 85 | 85 75 65 | quarter | department | recruiting
  sum(JobRequisition.offersAccepted) / sum(JobRequisition.offers) * 100
  Share of job offers accepted.
cost-per-hire | Cost per hire | $ | - | 4000 | 4000 5500 7000 | quarter | department | recruiting cost
  sum(JobRequisition.hiringCost where status = 'filled') / count(JobRequisition where status = 'filled')
  Advertising, agency and assessment cost per filled vacancy.
applicants-per-vacancy | Applicants per vacancy | x | + | 25 | 25 15 8 | quarter | department | recruiting employer-brand
  avg(JobRequisition.applicants)
  Average number of applications per vacancy.
@TrainingRecord
training-hours-per-employee | Training hours per employee | h | + | 3 | 3 2 1 | month | employee.department | workforce development
  sum(TrainingRecord.hours) / kpi('headcount')
  Training hours completed per employee.
mandatory-training-pass-rate | Mandatory training pass rate | % | + | 98 | 98 95 90 | quarter | employee.department | compliance workforce development
  count(TrainingRecord where isMandatory and passed) / count(TrainingRecord where isMandatory) * 100
  Share of mandatory courses completed with a pass.
@SafetyIncident
lost-time-injury-frequency | Lost time injury frequency rate | ratio:per million hours | - | 2 | 2 4 6 | month | region | safety workforce | GRI; 403-9; Work-related injuries (rates per hours worked)
  count(SafetyIncident where severity in ('lost_time', 'fatality')) / sum(TimeEntry.workedHours) * 1000000
  Injuries causing lost working time per million hours worked.
total-recordable-incident-rate | Total recordable incident rate | ratio:per 200,000 hours | - | 1.5 | 1.5 3 4.5 | month | region | safety workforce | OSHA; TRIR; Total recordable incident rate (per 200,000 hours)
  count(SafetyIncident where severity in ('recordable', 'lost_time', 'fatality')) / sum(TimeEntry.workedHours) * 200000
  Recordable injuries and illnesses per 200,000 hours worked (about 100 full-time employees for a year).
lost-day-severity-rate | Lost day severity rate | ratio:days per 200,000 hours | - | 10 | 10 20 40 | quarter | region | safety workforce
  sum(SafetyIncident.lostDays) / sum(TimeEntry.workedHours) * 200000
  Working days lost to injuries per 200,000 hours worked.
near-miss-ratio | Near misses per injury | x | + | 10 | 10 5 2 | quarter | region | safety culture
  count(SafetyIncident where severity = 'near_miss') / count(SafetyIncident where severity != 'near_miss')
  Near misses reported per injury: a reporting culture catches hazards before they hurt someone.
`);
