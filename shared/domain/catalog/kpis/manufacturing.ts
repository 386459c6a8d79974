import { kpiTable } from '../kpi-table';

/** Production, asset and maintenance KPIs. Format: see kpi-table.ts. */
export const manufacturingKpis = kpiTable(`
@WorkOrder
availability | Availability | % | + | 90 | 90 85 80 | day | machine.line machine.plant machine.type | oee production asset | ISO 22400-2; Availability; Ratio of actual production time to planned busy time
  sum(WorkOrder.runMinutes) / sum(WorkOrder.plannedMinutes) * 100
  Share of planned production time the machines were actually running.
performance-efficiency | Performance efficiency | % | + | 95 | 95 90 85 | day | machine.line machine.plant machine.type | oee production | ISO 22400-2; Effectiveness; Ideal time for the quantity produced relative to actual production time
  sum(WorkOrder.producedQuantity * WorkOrder.idealCycleSeconds) / 60 / sum(WorkOrder.runMinutes) * 100
  Ideal time for the units produced as a share of the time actually running: speed losses.
quality-rate | Quality rate | % | + | 98 | 98 96 94 | day | machine.line product.category | oee quality production | ISO 22400-2; Quality ratio; Good quantity relative to produced quantity
  sum(WorkOrder.goodQuantity) / sum(WorkOrder.producedQuantity) * 100
  Share of produced units that were good the first time.
oee | Overall equipment effectiveness | % | + | 85 | 85 70 60 | day | machine.line machine.plant | oee production asset | ISO 22400-2; OEE index; Availability times effectiveness times quality ratio
  kpi('availability') * kpi('performance-efficiency') * kpi('quality-rate') / 10000
  Availability times performance times quality: the share of planned time that produced good units at ideal speed.
scrap-rate | Scrap rate | % | - | 1.5 | 1.5 3 5 | day | machine.line product.category | quality waste production | ISO 22400-2; Scrap ratio; Scrap quantity relative to produced quantity
  sum(WorkOrder.scrapQuantity) / sum(WorkOrder.producedQuantity) * 100
  Share of produced units scrapped.
rework-rate | Rework rate | % | - | 2 | 2 4 6 | day | machine.line product.category | quality production | ISO 22400-2; Rework ratio; Rework quantity relative to produced quantity
  sum(WorkOrder.reworkQuantity) / sum(WorkOrder.producedQuantity) * 100
  Share of produced units that needed rework.
schedule-adherence | Production schedule adherence | % | + | 90 | 90 85 80 | week | machine.line machine.plant | planning production
  count(WorkOrder where status = 'completed' and actualEnd <= plannedEnd) / count(WorkOrder where status = 'completed') * 100
  Share of completed production orders finished by their scheduled end.
plan-attainment | Production plan attainment | % | + | 95 | 95 90 85 | week | machine.line product.category | planning production
  sum(WorkOrder.goodQuantity where status != 'cancelled') / sum(WorkOrder.plannedQuantity where status != 'cancelled') * 100
  Good units produced as a share of units scheduled.
throughput-rate | Throughput rate | ratio:units/h | + | 400 | 400 350 300 | day | machine.line machine.type | production productivity | ISO 22400-2; Throughput rate; Produced quantity per unit of actual production time
  sum(WorkOrder.producedQuantity) / sum(WorkOrder.runMinutes) * 60
  Units produced per running hour.
average-changeover-time | Average changeover time | min | - | 30 | 30 45 60 | week | machine.line machine.type | changeover lean production
  avg(WorkOrder.changeoverMinutes)
  Average set-up time between production orders.
setup-ratio | Setup ratio | % | - | 8 | 8 12 15 | week | machine.line machine.type | changeover lean production | ISO 22400-2; Setup ratio; Setup time relative to planned busy time
  sum(WorkOrder.changeoverMinutes) / sum(WorkOrder.plannedMinutes) * 100
  Set-up time as a share of planned production time.
make-cycle-time | Make cycle time | h | - | 10 | 10 14 18 | week | machine.line product.category | cycle-time production
  avg(hours_between(WorkOrder.actualStart, WorkOrder.actualEnd))
  Average hours from starting a production order to finishing it.
labour-productivity | Units per labour hour | ratio:units/h | + | 50 | 50 40 30 | week | machine.line machine.plant | productivity workforce production
  sum(WorkOrder.goodQuantity) / sum(WorkOrder.laborHours)
  Good units produced per direct labour hour.
energy-per-unit | Energy per good unit | quantity:kWh/unit | - | 0.5 | 0.5 0.7 0.9 | month | machine.line machine.plant | energy sustainability cost production
  sum(WorkOrder.energyKwh) / sum(WorkOrder.goodQuantity)
  Kilowatt-hours used per good unit produced.
unit-manufacturing-cost | Unit manufacturing cost | $.2 | - | 10 | 10 12 14 | month | product.category machine.plant | cost production
  (sum(WorkOrder.materialCost) + sum(WorkOrder.conversionCost)) / sum(WorkOrder.goodQuantity)
  Material and conversion cost per good unit.
conversion-cost-per-unit | Conversion cost per unit | $.2 | - | 3 | 3 4 5 | month | product.category machine.plant | cost production
  sum(WorkOrder.conversionCost) / sum(WorkOrder.goodQuantity)
  Labour and overhead cost per good unit.
work-order-completion-rate | Work order completion rate | % | + | 95 | 95 90 85 | week | machine.line | planning production
  count(WorkOrder where status = 'completed') / count(WorkOrder where status != 'cancelled') * 100
  Share of scheduled production orders that were completed.
@DowntimeEvent
unplanned-downtime-hours | Unplanned downtime | h | - | 20 | 20 40 60 | day | machine.line machine.type reason | downtime asset maintenance
  sum(DowntimeEvent.durationMinutes where not isPlanned) / 60
  Hours of unplanned machine stops.
unplanned-downtime-share | Unplanned downtime share | % | - | 40 | 40 55 70 | week | machine.line machine.type | downtime asset maintenance
  sum(DowntimeEvent.durationMinutes where not isPlanned) / sum(DowntimeEvent.durationMinutes) * 100
  Share of all stop time that was not planned.
mean-time-between-failures | Mean time between failures | h | + | 100 | 100 60 30 | month | machine.line machine.type | reliability asset maintenance | ISO 22400-2; Mean operating time between failures; Operating time divided by the number of failures
  sum(WorkOrder.runMinutes) / 60 / count(DowntimeEvent where reason = 'breakdown')
  Running hours per breakdown.
mean-time-to-repair | Mean time to repair | h | - | 2 | 2 4 6 | month | machine.line machine.type | reliability maintenance | ISO 22400-2; Mean time to restoration; Average time to restore a failed asset
  avg(DowntimeEvent.durationMinutes where reason = 'breakdown') / 60
  Average hours to bring a broken-down machine back into production.
stops-per-machine | Unplanned stops per machine | x | - | 5 | 5 8 12 | month | machine.line machine.type | reliability asset
  count(DowntimeEvent where not isPlanned) / count(Machine)
  Number of unplanned stops per machine.
material-shortage-downtime | Downtime from material shortage | h | - | 5 | 5 10 20 | week | machine.line | downtime supply planning
  sum(DowntimeEvent.durationMinutes where reason = 'material_shortage') / 60
  Hours machines stood still because material was missing.
critical-asset-breakdowns | Critical asset breakdowns | # | - | 2 | 2 5 10 | month | machine.line machine.type | reliability asset risk
  count(DowntimeEvent where reason = 'breakdown' and machine.isCritical)
  Breakdowns of bottleneck or safety-critical machines.
@MaintenanceOrder
planned-maintenance-share | Planned maintenance share | % | + | 80 | 80 70 60 | month | machine.line machine.type | maintenance strategy
  count(MaintenanceOrder where type in ('preventive', 'predictive', 'inspection')) / count(MaintenanceOrder where status != 'cancelled') * 100
  Share of maintenance orders that were planned rather than raised by a failure.
corrective-maintenance-ratio | Corrective maintenance ratio | % | - | 20 | 20 30 40 | month | machine.line | maintenance strategy | ISO 22400-2; Corrective maintenance ratio; Corrective maintenance time relative to all maintenance time
  sum(MaintenanceOrder.laborHours where type = 'corrective') / sum(MaintenanceOrder.laborHours) * 100
  Share of maintenance hours spent on repairs after failures.
preventive-maintenance-compliance | Preventive maintenance compliance | % | + | 90 | 90 80 70 | month | machine.line machine.type | maintenance compliance
  count(MaintenanceOrder where type = 'preventive' and completedAt < add_days(scheduledFor, 1)) / count(MaintenanceOrder where type = 'preventive' and status != 'cancelled') * 100
  Share of preventive maintenance orders completed by their due date.
maintenance-backlog | Open maintenance orders | # | - | 20 | 20 40 60 | week | machine.line | maintenance backlog
  to_date(count(MaintenanceOrder where status != 'cancelled' and (completedAt is null or completedAt >= period_end())))
  Maintenance orders raised and not yet completed at the end of the period.
maintenance-cost-per-unit | Maintenance cost per unit | $.2 | - | 0.5 | 0.5 0.7 0.9 | month | | maintenance cost
  (sum(MaintenanceOrder.laborCost) + sum(MaintenanceOrder.partsCost)) / sum(WorkOrder.goodQuantity)
  Maintenance labour and parts cost per good unit produced.
maintenance-cost-rav | Maintenance cost to asset value | % | - | 3 | 3 4 5 | quarter | | maintenance cost asset
  (sum(MaintenanceOrder.laborCost) + sum(MaintenanceOrder.partsCost)) * 365 / period_days() / sum(Machine.replacementValue) * 100
  Annualised maintenance cost as a share of the replacement value of the machines.
@QualityInspection
first-pass-yield | First pass yield | % | + | 95 | 95 90 85 | day | product.category workOrder.machine.line | quality production | ISO 22400-2; First pass yield; Parts passing the first inspection relative to parts inspected
  count(QualityInspection where stage in ('in_process', 'final') and isFirstPass) / count(QualityInspection where stage in ('in_process', 'final')) * 100
  Share of production inspection lots accepted at the first inspection without rework.
final-inspection-pass-rate | Final inspection pass rate | % | + | 98 | 98 96 94 | day | product.category | quality production
  count(QualityInspection where stage = 'final' and passed) / count(QualityInspection where stage = 'final') * 100
  Share of final inspection lots accepted.
defective-ppm | Defective parts per million | quantity:ppm | - | 2000 | 2000 5000 10000 | month | product.category stage | quality production
  sum(QualityInspection.defectiveUnits) / sum(QualityInspection.sampleSize) * 1000000
  Defective units per million units inspected.
`);
