import { kpiTable } from '../kpi-table';

/** Delivery, transport and fleet KPIs. Format: see kpi-table.ts. */
export const logisticsKpis = kpiTable(`
@Shipment
on-time-delivery-rate | On-time delivery rate | % | + | 95 | 95 90 85 | day | carrier.name mode serviceLevel origin.region customer.region | delivery service-level | SCOR; RL.2.2; Delivery performance to customer commit date
  count(Shipment where deliveredAt <= promisedAt) / count(Shipment where deliveredAt is not null) * 100
  Share of delivered shipments that arrived no later than the promised time.
in-full-delivery-rate | In-full delivery rate | % | + | 97 | 97 94 90 | day | carrier.name origin.region customer.segment | delivery fulfilment service-level | SCOR; RL.2.1; Percentage of orders delivered in full
  count(Shipment where isInFull) / count(Shipment) * 100
  Share of shipments that contained every unit ordered.
otif-rate | On time in full (OTIF) | % | + | 92 | 92 88 84 | day | carrier.name mode origin.region customer.segment | delivery fulfilment service-level
  count(Shipment where deliveredAt <= promisedAt and isInFull) / count(Shipment where deliveredAt is not null) * 100
  Share of delivered shipments that were both on time and complete.
perfect-order-rate | Perfect order fulfilment | % | + | 90 | 90 85 80 | month | carrier.name origin.region customer.segment | delivery quality service-level | SCOR; RL.1.1; Perfect order fulfillment
  count(Shipment where deliveredAt <= promisedAt and isInFull and not isDamaged and not hasDocumentError) / count(Shipment where deliveredAt is not null) * 100
  Share of delivered shipments that were on time, complete, undamaged and correctly documented.
documentation-accuracy | Documentation accuracy | % | + | 99 | 99 97 95 | month | carrier.name origin.region | delivery quality | SCOR; RL.2.3; Documentation accuracy
  count(Shipment where not hasDocumentError) / count(Shipment) * 100
  Share of shipments whose shipping, invoice and customs documents were right.
perfect-condition-rate | Perfect condition rate | % | + | 99 | 99 98 96 | month | carrier.name mode | delivery quality | SCOR; RL.2.4; Perfect condition
  count(Shipment where not isDamaged) / count(Shipment) * 100
  Share of shipments that arrived undamaged.
average-transit-time | Average transit time | d | - | 2 | 2 3 4 | day | carrier.name mode serviceLevel | delivery cycle-time
  avg(days_between(Shipment.shippedAt, Shipment.deliveredAt))
  Average days from dispatch to delivery.
order-fulfillment-cycle-time | Order fulfilment cycle time | d | - | 4 | 4 6 8 | month | carrier.name order.channel customer.segment | delivery cycle-time | SCOR; RS.1.1; Order fulfillment cycle time
  avg(days_between(Shipment.order.orderedAt, Shipment.deliveredAt))
  Average days from the customer placing the order to receiving it.
late-delivery-delay | Average delay of late deliveries | h | - | 12 | 12 24 48 | week | carrier.name mode | delivery service-level
  avg(hours_between(Shipment.promisedAt, Shipment.deliveredAt) where deliveredAt > promisedAt)
  How late, on average, the late shipments were.
first-attempt-delivery-rate | First-attempt delivery rate | % | + | 92 | 92 88 84 | day | carrier.name serviceLevel customer.region | delivery last-mile
  count(Shipment where deliveryAttempts = 1) / count(Shipment where deliveredAt is not null) * 100
  Share of delivered shipments delivered at the first attempt.
proof-of-delivery-rate | Proof-of-delivery capture rate | % | + | 98 | 98 95 90 | week | carrier.name | delivery last-mile quality
  count(Shipment where hasProofOfDelivery) / count(Shipment where deliveredAt is not null) * 100
  Share of delivered shipments with a signature or photo as proof.
shipment-exception-rate | Shipment exception rate | % | - | 2 | 2 4 6 | day | carrier.name mode | delivery quality
  count(Shipment where status in ('exception', 'returned', 'lost')) / count(Shipment) * 100
  Share of shipments that ended in an exception, a return to sender or a loss.
freight-cost-per-kg | Freight cost per kg | $.2 | - | 0.3 | 0.3 0.4 0.5 | month | carrier.name mode origin.region | transport cost
  sum(Shipment.freightCost) / sum(Shipment.weightKg)
  Transport cost per kilogram shipped.
freight-cost-per-unit | Freight cost per unit | $.2 | - | 1.5 | 1.5 2 2.5 | month | carrier.name mode | transport cost
  sum(Shipment.freightCost) / sum(Shipment.units)
  Transport cost per unit shipped.
freight-cost-to-sales | Freight cost to sales | % | - | 4 | 4 6 8 | month | | transport cost finance
  sum(Shipment.freightCost) / sum(SalesOrderLine.netAmount) * 100
  Outbound transport cost as a share of net revenue.
co2-intensity | CO2 per tonne-kilometre | ratio:g CO2/tkm | - | 80 | 80 100 120 | month | carrier.name mode | sustainability transport
  sum(Shipment.co2Kg) * 1000 / sum(Shipment.weightKg / 1000 * Shipment.distanceKm)
  Grams of CO2 emitted per tonne of goods moved one kilometre.
express-shipment-share | Express shipment share | % | - | 10 | 10 15 20 | month | carrier.name origin.region | transport cost
  count(Shipment where serviceLevel in ('express', 'same_day')) / count(Shipment) * 100
  Share of shipments sent with a premium service, usually to recover from late supply.
contracted-carrier-share | Contracted carrier share | % | + | 85 | 85 75 65 | month | mode origin.region | transport cost procurement
  count(Shipment where carrier.isContracted) / count(Shipment) * 100
  Share of shipments moved by carriers at contract rates rather than spot rates.
shipments-handled | Shipments handled | # | + | 5000 | 5000 4500 4000 | day | carrier.name mode origin.region | volume transport
  count(Shipment)
  Number of shipments dispatched.
freight-revenue | Freight revenue | $ | + | 500000 | 500000 450000 400000 | month | mode serviceLevel customer.segment | revenue logistics-provider
  sum(Shipment.revenue)
  Transport charges billed to customers.
freight-margin | Freight margin | % | + | 15 | 15 10 5 | month | mode serviceLevel carrier.name | margin logistics-provider
  (sum(Shipment.revenue) - sum(Shipment.freightCost)) / sum(Shipment.revenue) * 100
  Share of freight revenue left after the transport cost.
revenue-per-shipment | Revenue per shipment | $.2 | + | 120 | 120 100 80 | month | mode serviceLevel | revenue logistics-provider
  sum(Shipment.revenue) / count(Shipment)
  Average freight revenue per shipment.
claims-ratio | Freight claims ratio | % | - | 0.5 | 0.5 1 2 | month | carrier.name mode | quality cost logistics-provider
  sum(Shipment.claimAmount) / sum(Shipment.revenue) * 100
  Loss and damage claims paid as a share of freight revenue.
@Trip
empty-running-rate | Empty running rate | % | - | 15 | 15 20 25 | week | vehicle.type vehicle.depot.region | fleet cost sustainability
  sum(Trip.emptyKm) / sum(Trip.distanceKm) * 100
  Share of kilometres driven without load.
fuel-consumption | Fuel consumption per 100 km | ratio:l/100 km | - | 25 | 25 28 32 | month | vehicle.type vehicle.fuelType | fleet cost sustainability
  sum(Trip.fuelLiters) / sum(Trip.distanceKm) * 100
  Litres of fuel (diesel equivalent) used per 100 kilometres.
cost-per-km | Transport cost per km | $.2 | - | 1.5 | 1.5 1.8 2.1 | month | vehicle.type vehicle.depot.region | fleet cost
  sum(Trip.cost) / sum(Trip.distanceKm)
  Trip cost per kilometre driven.
vehicle-load-factor | Vehicle load factor | % | + | 75 | 75 65 55 | week | vehicle.type vehicle.depot.region | fleet utilisation
  sum(Trip.loadKg) / sum(Trip.vehicle.capacityKg) * 100
  Average load carried as a share of the payload of the vehicles used.
on-time-stop-rate | On-time stop rate | % | + | 95 | 95 90 85 | day | vehicle.depot.region vehicle.type | last-mile delivery service-level
  sum(Trip.onTimeStops) / sum(Trip.stops) * 100
  Share of delivery stops served within their time window.
idle-time-share | Idle time share | % | - | 10 | 10 15 20 | week | vehicle.type | fleet cost sustainability
  sum(Trip.idleHours) / (sum(Trip.drivingHours) + sum(Trip.idleHours)) * 100
  Share of engine-on time spent idling.
route-completion-on-plan | Routes completed on plan | % | + | 90 | 90 85 80 | day | vehicle.depot.region | last-mile planning
  count(Trip where endedAt <= plannedEndAt) / count(Trip where endedAt is not null) * 100
  Share of finished trips back no later than planned.
stops-per-route | Stops per route | x | + | 80 | 80 70 60 | day | vehicle.depot.region vehicle.type | last-mile productivity
  sum(Trip.stops) / count(Trip)
  Average number of delivery stops on a trip.
fleet-utilisation | Fleet utilisation | % | + | 90 | 90 80 70 | week | | fleet utilisation
  count(distinct Trip.vehicleId) / count(Vehicle) * 100
  Share of fleet vehicles that made at least one trip.
driving-hours-per-driver | Driving hours per driver | h | - | 160 | 160 180 200 | month | vehicle.depot.region | fleet workforce safety
  sum(Trip.drivingHours) / count(distinct Trip.driverId)
  Average driving hours per active driver; high values signal fatigue risk.
@Vehicle
low-emission-fleet-share | Low-emission fleet share | % | + | 30 | 30 20 10 | quarter | type depot.region | fleet sustainability
  count(Vehicle where fuelType in ('electric', 'hybrid')) / count(Vehicle) * 100
  Share of fleet vehicles with electric or hybrid drive.
`);
