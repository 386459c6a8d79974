import { kpiTable } from '../kpi-table';

/** Energy and utilities KPIs: reliability, metering, billing, connections, generation. Format: see kpi-table.ts. */
export const energyKpis = kpiTable(`
@Outage
saidi | System average interruption duration (SAIDI) | min | - | 60 | 60 90 120 | month | feeder.region cause | reliability network regulatory | IEEE 1366; SAIDI; System average interruption duration index
  sum(Outage.customerMinutes where not isMomentary) / sum(Feeder.customersServed)
  Minutes without supply per customer served, from sustained interruptions.
saifi | System average interruption frequency (SAIFI) | x | - | 0.1 | 0.1 0.15 0.2 | month | feeder.region cause | reliability network regulatory | IEEE 1366; SAIFI; System average interruption frequency index
  sum(Outage.customersAffected where not isMomentary) / sum(Feeder.customersServed)
  Sustained interruptions per customer served.
caidi | Customer average interruption duration (CAIDI) | min | - | 90 | 90 120 150 | month | feeder.region | reliability network regulatory | IEEE 1366; CAIDI; Customer average interruption duration index
  kpi('saidi') / kpi('saifi')
  Average minutes to restore supply for a customer who had a sustained interruption.
maifi | Momentary interruption frequency (MAIFI) | x | - | 0.2 | 0.2 0.4 0.6 | month | feeder.region | reliability network power-quality | IEEE 1366; MAIFI; Momentary average interruption frequency index
  sum(Outage.customersAffected where isMomentary) / sum(Feeder.customersServed)
  Momentary interruptions (five minutes or less) per customer served.
asai | Average service availability (ASAI) | % | + | 99.99 | 99.99 99.98 99.95 | month | feeder.region | reliability network regulatory | IEEE 1366; ASAI; Average service availability index
  (1 - kpi('saidi') / (period_days() * 1440)) * 100
  Share of customer minutes with supply available.
unplanned-outages | Unplanned outages | # | - | 50 | 50 80 120 | day | feeder.region cause | reliability network
  count(Outage where not isPlanned and not isMomentary)
  Sustained interruptions that were not planned.
average-restoration-time | Average restoration time | min | - | 90 | 90 120 180 | day | feeder.region cause | reliability field-operations
  avg(minutes_between(Outage.startedAt, Outage.restoredAt) where not isMomentary)
  Average minutes from losing supply to restoring it for all affected customers.
weather-outage-share | Weather-related outage share | % | - | 30 | 30 40 50 | month | feeder.region | reliability resilience
  count(Outage where cause = 'weather') / count(Outage where not isPlanned) * 100
  Share of unplanned outages caused by weather.
vegetation-outages-per-100km | Vegetation outages per 100 km | ratio:per 100 km | - | 0.5 | 0.5 1 2 | quarter | feeder.region | reliability asset-management
  count(Outage where cause = 'vegetation') / sum(Feeder.lengthKm) * 100
  Outages caused by trees and plants per 100 km of circuit: a measure of the vegetation management programme.
@MeterReading
meter-read-success-rate | Meter read success rate | % | + | 98 | 98 95 92 | day | method servicePoint.tariff | metering data-quality
  count(MeterReading where not isEstimated and isValid) / count(MeterReading) * 100
  Share of scheduled reads obtained as an actual, valid value.
estimated-read-rate | Estimated read rate | % | - | 3 | 3 6 10 | month | servicePoint.tariff servicePoint.feeder.region | metering data-quality
  count(MeterReading where isEstimated) / count(MeterReading) * 100
  Share of meter reads that had to be estimated.
on-schedule-read-rate | On-schedule read rate | % | + | 97 | 97 94 90 | month | method | metering
  count(MeterReading where wasOnSchedule) / count(MeterReading) * 100
  Share of reads obtained on the scheduled day.
remote-read-share | Remote read share | % | + | 80 | 80 70 60 | month | servicePoint.tariff | metering digital
  count(MeterReading where method = 'remote') / count(MeterReading) * 100
  Share of reads collected remotely from smart meters.
consumption-per-service-point | Consumption per service point | quantity:kWh | - | 300 | 300 350 400 | month | servicePoint.tariff servicePoint.commodity | consumption efficiency
  sum(MeterReading.consumptionKwh) / count(distinct MeterReading.servicePointId)
  Energy used per metered connection.
@ServicePoint
smart-meter-penetration | Smart meter penetration | % | + | 80 | 80 65 50 | quarter | tariff commodity feeder.region | metering digital
  count(ServicePoint where isSmartMeter and isActive) / count(ServicePoint where isActive) * 100
  Share of active connections with a remotely read meter.
@UtilityBill
billing-accuracy | Billing accuracy | % | + | 99 | 99 98 96 | month | servicePoint.tariff | billing quality
  count(UtilityBill where not isRebilled) / count(UtilityBill) * 100
  Share of bills that did not need to be cancelled and reissued.
estimated-bill-rate | Estimated bill rate | % | - | 5 | 5 8 12 | month | servicePoint.tariff | billing data-quality
  count(UtilityBill where isEstimated) / count(UtilityBill) * 100
  Share of bills based on an estimated read.
bill-collection-rate | Bill collection rate | % | + | 97 | 97 94 90 | month | servicePoint.tariff customer.segment | billing collections cash
  sum(UtilityBill.paidAmount) / sum(UtilityBill.amount) * 100
  Amount paid as a share of amount billed.
late-or-unpaid-bill-rate | Late or unpaid bill rate | % | - | 10 | 10 15 20 | month | servicePoint.tariff customer.segment | billing collections arrears
  count(UtilityBill where dueAt < period_end() and (paidAt is null or paidAt > dueAt)) / count(UtilityBill) * 100
  Share of bills issued in the period that were paid late or not at all.
paperless-billing-rate | Paperless billing rate | % | + | 60 | 60 50 40 | month | servicePoint.tariff | billing digital sustainability
  count(UtilityBill where isPaperless) / count(UtilityBill) * 100
  Share of bills delivered electronically.
bill-dispute-rate | Bill dispute rate | % | - | 1 | 1 2 3 | month | servicePoint.tariff | billing quality customer-experience
  count(UtilityBill where isDisputed) / count(UtilityBill) * 100
  Share of bills disputed by the customer.
billed-revenue | Billed revenue | $ | + | 5000000 | 5000000 4500000 4000000 | month | servicePoint.tariff servicePoint.commodity | revenue billing
  sum(UtilityBill.amount)
  Amount billed to customers in the period.
average-revenue-per-mwh | Average revenue per MWh | $.2 | + | 150 | 150 130 110 | month | servicePoint.tariff | revenue pricing
  sum(UtilityBill.amount) / sum(UtilityBill.consumptionKwh) * 1000
  Billed amount per megawatt-hour of billed consumption.
@ConnectionRequest
new-connection-time | New connection time | d | - | 20 | 20 30 45 | month | customer.segment | connections customer-experience regulatory
  avg(days_between(ConnectionRequest.requestedAt, ConnectionRequest.completedAt) where type = 'new_connection')
  Average days from a complete connection request to energising the supply.
connection-promise-kept-rate | Connection promise kept | % | + | 95 | 95 90 85 | month | type | connections service-level
  count(ConnectionRequest where completedAt <= promisedAt) / count(ConnectionRequest where completedAt is not null) * 100
  Share of completed connection work done by the date committed to the customer.
non-payment-disconnections | Non-payment disconnections per 1,000 customers | ratio:per 1,000 customers | - | 2 | 2 4 6 | month | customer.segment | collections vulnerability regulatory
  count(ConnectionRequest where type = 'disconnection' and isNonPayment and status = 'completed') / count(ServicePoint where isActive) * 1000
  Supplies disconnected for non-payment per thousand active connections.
@GenerationOutput
net-capacity-factor | Net capacity factor | % | + | 50 | 50 40 30 | month | unit.fuel unit.region | generation asset-performance | IEEE 762; NCF; Net capacity factor
  sum(GenerationOutput.generatedMwh) / sum(GenerationOutput.periodHours * unit.capacityMw) * 100
  Energy generated as a share of what the units would produce at full capacity all the time.
availability-factor | Availability factor | % | + | 90 | 90 85 80 | month | unit.fuel unit.region | generation asset-performance | IEEE 762; AF; Availability factor
  sum(GenerationOutput.availableHours) / sum(GenerationOutput.periodHours) * 100
  Share of hours the units were able to generate.
forced-outage-rate | Forced outage rate | % | - | 5 | 5 8 12 | month | unit.fuel | generation reliability | IEEE 762; FOR; Forced outage rate
  sum(GenerationOutput.forcedOutageHours) / (sum(GenerationOutput.forcedOutageHours) + sum(GenerationOutput.availableHours)) * 100
  Unplanned outage hours relative to the hours the units were either available or forced out.
planned-outage-factor | Planned outage factor | % | - | 6 | 6 9 12 | quarter | unit.fuel | generation maintenance | IEEE 762; POF; Planned outage factor
  sum(GenerationOutput.plannedOutageHours) / sum(GenerationOutput.periodHours) * 100
  Share of hours the units were out for planned maintenance.
renewable-generation-share | Renewable generation share | % | + | 50 | 50 40 30 | month | unit.region | generation sustainability
  sum(GenerationOutput.generatedMwh where unit.isRenewable) / sum(GenerationOutput.generatedMwh) * 100
  Share of generated energy from renewable sources.
generation-carbon-intensity | Generation carbon intensity | ratio:kg CO2/MWh | - | 300 | 300 400 500 | month | unit.fuel | generation sustainability
  sum(GenerationOutput.emissionsTonnes) * 1000 / sum(GenerationOutput.generatedMwh)
  Kilograms of CO2 emitted per megawatt-hour generated.
fuel-cost-per-mwh | Fuel cost per MWh | $.2 | - | 30 | 30 40 50 | month | unit.fuel | generation cost
  sum(GenerationOutput.fuelCost) / sum(GenerationOutput.generatedMwh)
  Fuel cost per megawatt-hour generated across the fleet.
curtailment-rate | Curtailment rate | % | - | 3 | 3 6 10 | month | unit.fuel unit.region | generation renewables grid
  sum(GenerationOutput.curtailedMwh) / (sum(GenerationOutput.generatedMwh) + sum(GenerationOutput.curtailedMwh)) * 100
  Share of available energy that had to be curtailed.
energy-generated | Energy generated | quantity:MWh | + | 500000 | 500000 450000 400000 | month | unit.fuel unit.region | generation volume
  sum(GenerationOutput.generatedMwh)
  Net energy generated.
`);
