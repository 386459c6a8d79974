import { kpiTable } from '../kpi-table';

/** Customer service, feedback, field service, warranty and returns KPIs. Format: see kpi-table.ts. */
export const serviceKpis = kpiTable(`
@Ticket
first-contact-resolution | First contact resolution | % | + | 75 | 75 65 55 | day | channel category priority | service customer-experience efficiency
  count(Ticket where resolvedAt is not null and contacts = 1) / count(Ticket where resolvedAt is not null) * 100
  Share of resolved tickets that needed only one contact.
average-resolution-time | Average resolution time | h | - | 24 | 24 36 48 | day | channel category priority | service cycle-time
  avg(hours_between(Ticket.createdAt, Ticket.resolvedAt))
  Average hours from opening a ticket to resolving it.
median-resolution-time | Median resolution time | h | - | 12 | 12 24 36 | day | channel category priority | service cycle-time
  median(hours_between(Ticket.createdAt, Ticket.resolvedAt))
  Hours within which half of the tickets were resolved.
p90-resolution-time | 90th percentile resolution time | h | - | 72 | 72 96 120 | week | channel category priority | service cycle-time
  percentile(hours_between(Ticket.createdAt, Ticket.resolvedAt), 90)
  Hours within which 90% of the tickets were resolved: the long tail customers remember.
first-response-time | First response time | h | - | 2 | 2 4 8 | day | channel priority | service responsiveness
  avg(hours_between(Ticket.createdAt, Ticket.firstResponseAt))
  Average hours until the customer got a first answer.
sla-compliance | Service level compliance | % | + | 95 | 95 90 85 | day | channel category priority | service service-level
  count(Ticket where resolvedAt <= slaDueAt) / count(Ticket where resolvedAt is not null or slaDueAt < period_end()) * 100
  Share of tickets resolved within their service level, out of those resolved or already due.
ticket-backlog | Open tickets | # | - | 200 | 200 350 500 | day | category priority | service backlog
  to_date(count(Ticket where resolvedAt is null or resolvedAt >= period_end()))
  Tickets opened and not yet resolved at the end of the period.
ticket-volume | Ticket volume | # | - | 3000 | 3000 3500 4000 | day | channel category | service volume
  count(Ticket)
  Tickets opened in the period.
contact-rate | Tickets per 100 customers | ratio:per 100 customers | - | 5 | 5 8 12 | month | category | service customer-experience
  count(Ticket) / count(Customer where isActive) * 100
  Tickets opened per hundred active customers: how often customers need help.
reopen-rate | Reopen rate | % | - | 5 | 5 8 12 | week | category agent.department | service quality
  count(Ticket where reopenCount > 0) / count(Ticket where resolvedAt is not null) * 100
  Share of resolved tickets that had to be reopened.
escalation-rate | Escalation rate | % | - | 10 | 10 15 20 | week | category priority | service quality
  count(Ticket where isEscalated) / count(Ticket) * 100
  Share of tickets escalated to a second line or management.
average-handle-time | Average handle time | min | - | 12 | 12 15 20 | day | channel category | service efficiency
  avg(Ticket.handleMinutes)
  Agent minutes spent per ticket.
ticket-satisfaction | Support satisfaction | % | + | 85 | 85 75 65 | week | channel category | service customer-experience
  count(Ticket where satisfaction >= 4) / count(Ticket where satisfaction is not null) * 100
  Share of rated tickets scored 4 or 5 out of 5.
digital-contact-share | Digital contact share | % | + | 50 | 50 40 30 | month | category | service digital efficiency
  count(Ticket where channel in ('chat', 'web', 'email', 'social')) / count(Ticket) * 100
  Share of tickets raised through digital channels rather than phone or in person.
billing-complaint-rate | Billing complaint share | % | - | 15 | 15 25 35 | month | channel | service billing quality
  count(Ticket where category = 'billing') / count(Ticket) * 100
  Share of tickets about bills and payments.
@SurveyResponse
net-promoter-score | Net promoter score | score | + | 40 | 40 20 0 | month | touchpoint customer.segment | customer-experience loyalty
  (count(SurveyResponse where npsScore >= 9) - count(SurveyResponse where npsScore <= 6)) / count(SurveyResponse where npsScore is not null) * 100
  Promoters (9-10) minus detractors (0-6) as a share of all answers, from -100 to 100.
customer-satisfaction-score | Customer satisfaction (CSAT) | % | + | 85 | 85 75 65 | month | touchpoint customer.segment | customer-experience
  count(SurveyResponse where csatScore >= 4) / count(SurveyResponse where csatScore is not null) * 100
  Share of answers rating satisfaction 4 or 5 out of 5.
customer-effort-score | Customer effort score | score | - | 2.5 | 2.5 3.5 4.5 | month | touchpoint | customer-experience efficiency
  avg(SurveyResponse.effortScore)
  Average effort customers reported, from 1 (very easy) to 7 (very hard).
delivery-nps | Delivery experience NPS | score | + | 40 | 40 20 0 | month | customer.region | customer-experience delivery
  (count(SurveyResponse where touchpoint = 'delivery' and npsScore >= 9) - count(SurveyResponse where touchpoint = 'delivery' and npsScore <= 6)) / count(SurveyResponse where touchpoint = 'delivery' and npsScore is not null) * 100
  Net promoter score of answers given right after a delivery.
@FieldServiceVisit
first-time-fix-rate | First-time fix rate | % | + | 85 | 85 75 65 | week | type technician.region | field-service quality
  count(FieldServiceVisit where isFirstTimeFix and completedAt is not null) / count(FieldServiceVisit where completedAt is not null) * 100
  Share of completed jobs fixed at the first visit.
arrival-in-window-rate | Arrival within window | % | + | 90 | 90 85 80 | day | type technician.region | field-service service-level
  count(FieldServiceVisit where arrivedAt <= windowEndAt) / count(FieldServiceVisit where arrivedAt is not null) * 100
  Share of visits where the technician arrived before the promised window closed.
wrench-time-share | Wrench time share | % | + | 65 | 65 55 45 | week | type technician.region | field-service productivity
  sum(FieldServiceVisit.workMinutes) / (sum(FieldServiceVisit.workMinutes) + sum(FieldServiceVisit.travelMinutes)) * 100
  Share of technician time spent working on site rather than travelling.
jobs-per-technician-day | Jobs per technician per day | x | + | 5 | 5 4 3 | week | technician.region | field-service productivity
  count(FieldServiceVisit where completedAt is not null) / count(distinct FieldServiceVisit.technicianId where completedAt is not null) / (period_days() * 5 / 7)
  Completed jobs per active technician per working day.
visit-cancellation-rate | Visit cancellation rate | % | - | 5 | 5 8 12 | week | type | field-service planning
  count(FieldServiceVisit where isCancelled) / count(FieldServiceVisit) * 100
  Share of scheduled visits that were cancelled.
repair-turnaround-time | Repair turnaround time | h | - | 24 | 24 48 72 | week | technician.region | field-service cycle-time
  avg(hours_between(FieldServiceVisit.scheduledAt, FieldServiceVisit.completedAt) where type = 'repair')
  Average hours from the scheduled start of a repair visit to its completion.
@WarrantyClaim
warranty-claim-rate | Warranty claims per 1,000 units | ratio:per 1,000 units | - | 5 | 5 8 12 | month | product.category failureMode | warranty quality after-sales
  count(WarrantyClaim) / sum(SalesOrderLine.quantity) * 1000
  Warranty claims filed per thousand units sold in the same period.
warranty-cost-ratio | Warranty cost ratio | % | - | 1 | 1 2 3 | quarter | product.category | warranty cost after-sales
  sum(WarrantyClaim.approvedAmount) / sum(SalesOrderLine.netAmount) * 100
  Accepted warranty cost as a share of net revenue.
warranty-processing-time | Warranty claim processing time | d | - | 10 | 10 15 20 | month | product.category | warranty cycle-time after-sales
  avg(days_between(WarrantyClaim.filedAt, WarrantyClaim.closedAt))
  Average days to decide a warranty claim.
early-failure-share | Early-life failure share | % | - | 20 | 20 30 40 | quarter | product.category failureMode | warranty quality
  count(WarrantyClaim where days_between(soldAt, filedAt) <= 90) / count(WarrantyClaim) * 100
  Share of warranty claims filed within 90 days of sale, a sign of manufacturing or design defects.
@ReturnOrder
return-rate | Return rate | % | - | 5 | 5 8 12 | week | product.category reason channel | returns quality
  sum(ReturnOrder.quantity) / sum(SalesOrderLine.quantity) * 100
  Units returned as a share of units sold in the same period.
refund-rate | Refund rate | % | - | 4 | 4 6 9 | month | product.category reason | returns revenue
  sum(ReturnOrder.refundAmount) / sum(SalesOrderLine.netAmount) * 100
  Refunds paid as a share of net revenue.
return-processing-time | Return processing time | d | - | 7 | 7 10 14 | week | channel reason | returns cycle-time customer-experience
  avg(days_between(ReturnOrder.requestedAt, ReturnOrder.refundedAt))
  Average days from a return request to the customer's refund.
restock-rate | Restock rate | % | + | 70 | 70 60 50 | month | product.category reason | returns recovery
  count(ReturnOrder where isRestocked) / count(ReturnOrder where receivedAt is not null) * 100
  Share of received returns that went back into sellable stock.
defect-return-share | Defect-related return share | % | - | 30 | 30 40 50 | month | product.category channel | returns quality
  count(ReturnOrder where reason in ('defective', 'damaged')) / count(ReturnOrder) * 100
  Share of returns caused by defective or damaged goods.
return-transit-time | Return transit time | d | - | 4 | 4 6 8 | month | channel | returns logistics
  avg(days_between(ReturnOrder.requestedAt, ReturnOrder.receivedAt))
  Average days from a return request until the goods arrive back.
`);
