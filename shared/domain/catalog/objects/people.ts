import { defineObjects } from '../object-dsl';

const DEPARTMENT =
  'enum(operations|sales|finance|hr|it|logistics|clinical|customer_service|maintenance|risk)';

/** Workforce: employees, time, safety, recruiting and training. */
export const peopleObjects = defineObjects('people', {
  Employee: {
    label: 'Employee',
    description: 'A person employed by the client (also drivers, agents, clinicians).',
    fields: [
      'id:string! Personnel number',
      'name:string Name',
      `department:${DEPARTMENT} Department`,
      'role:string Job title',
      'region:enum(north|south|east|west) Work location region',
      'hiredAt:date Start date',
      'terminatedAt:date? Leaving date',
      'exitType:enum(voluntary|involuntary|retirement)? Why the employee left',
      'isFullTime:boolean Full-time contract',
      'fte:decimal Full-time equivalent',
      'annualCost:money Yearly employment cost',
      'isManager:boolean Has direct reports',
    ],
  },
  TimeEntry: {
    label: 'Time entry',
    description: 'Scheduled, worked and absent hours of an employee for a work period (a day or a week).',
    time: 'workDate',
    fields: [
      'id:string! Row id',
      'employeeId:string> Employee',
      'workDate:date First day of the work period',
      'scheduledHours:decimal Rostered hours',
      'workedHours:decimal Hours worked',
      'overtimeHours:decimal Overtime hours',
      'absenceHours:decimal Hours absent',
      'absenceType:enum(none|sick|vacation|training|other) Absence reason',
    ],
    rels: [['employee', 'Employee', 'employeeId', '0..*', 'Employee']],
  },
  SafetyIncident: {
    label: 'Safety incident',
    description: 'A work-related injury, illness or near miss.',
    time: 'occurredAt',
    fields: [
      'id:string! Incident id',
      'employeeId:string>? Person involved',
      'occurredAt:datetime When it happened',
      'severity:enum(near_miss|first_aid|recordable|lost_time|fatality) Severity',
      'lostDays:integer Working days lost',
      'region:enum(north|south|east|west) Site region',
      'closedAt:datetime? Investigation closed',
    ],
    rels: [['employee', 'Employee', 'employeeId', '0..*', 'Person involved']],
  },
  JobRequisition: {
    label: 'Job requisition',
    description: 'An open position to fill.',
    time: 'openedAt',
    fields: [
      'id:string! Requisition id',
      `department:${DEPARTMENT} Department`,
      'openedAt:date Approved to hire',
      'filledAt:date? Offer accepted',
      'status:enum(open|filled|cancelled|on_hold) Status',
      'applicants:integer Applications received',
      'offers:integer Offers made',
      'offersAccepted:integer Offers accepted',
      'hiringCost:money Advertising, agency and assessment cost',
    ],
  },
  TrainingRecord: {
    label: 'Training record',
    description: 'A completed training course.',
    time: 'completedAt',
    fields: [
      'id:string! Row id',
      'employeeId:string> Employee',
      'completedAt:date Completion day',
      'hours:decimal Training hours',
      'isMandatory:boolean Required by regulation or policy',
      'passed:boolean Assessment passed',
      'cost:money Course cost',
    ],
    rels: [['employee', 'Employee', 'employeeId', '0..*', 'Employee']],
  },
});
