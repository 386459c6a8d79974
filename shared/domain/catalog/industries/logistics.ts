import { industryTable } from '../industry-table';

export const logistics = industryTable(
  {
    id: 'logistics',
    name: 'Logistics and transportation',
    description: 'Carriers, parcel and freight forwarders and third-party logistics providers.',
  },
  `
== plan | Plan capacity | Match fleet and network capacity to volume.
- capacity-planning | Capacity planning | Use the fleet and routes fully. | fleet-utilisation vehicle-load-factor stops-per-route shipments-handled
== warehouse | Warehouse | Receive, store and pick for shippers.
- warehousing | Contract warehousing | Accurate and productive warehouse service. | picking-accuracy picking-productivity put-away-cycle-time pick-cycle-time storage-utilisation units-per-labour-hour
== transport | Line haul | Move freight between hubs efficiently.
- fleet-efficiency | Fleet efficiency | Lower cost, fuel and empty kilometres. | empty-running-rate fuel-consumption cost-per-km idle-time-share driving-hours-per-driver low-emission-fleet-share
- carrier-management | Carrier management | Buy subcontracted transport well. | contracted-carrier-share freight-cost-per-kg co2-intensity average-transit-time
== deliver | Last-mile delivery | Deliver to the consignee as promised.
- delivery-performance | Delivery performance | On-time, first-attempt delivery with proof. | on-time-delivery-rate otif-rate first-attempt-delivery-rate proof-of-delivery-rate on-time-stop-rate route-completion-on-plan late-delivery-delay
- delivery-quality | Delivery quality | Deliver complete, undamaged and correctly documented. | perfect-order-rate perfect-condition-rate documentation-accuracy shipment-exception-rate in-full-delivery-rate
== return | Reverse logistics | Bring returns back fast.
- reverse-logistics | Reverse logistics | Return flows for shippers. | return-transit-time return-processing-time restock-rate
== commercial | Bill and serve | Earn a margin and serve shippers.
- freight-commercials | Freight commercials | Revenue, margin and claims. | freight-revenue freight-margin revenue-per-shipment claims-ratio express-shipment-share
- shipper-service | Shipper service | Answer shippers' and consignees' requests. | ticket-volume first-response-time sla-compliance median-resolution-time p90-resolution-time reopen-rate delivery-nps
- driver-workforce | Driver workforce | Keep drivers safe and on board. | total-recordable-incident-rate lost-time-injury-frequency absenteeism-rate labour-cost-per-fte voluntary-turnover-rate
== finance | Finance | Get paid and manage cash.
- receivables | Receivables | Invoice correctly and collect on time. | invoice-accuracy invoice-dispute-rate e-invoicing-rate days-sales-outstanding overdue-receivables-share collection-effectiveness-index bad-debt-ratio cash-collected average-days-to-pay average-payment-delay on-time-payment-rate direct-debit-share
- payables | Payables | Pay subcontractors on terms and capture discounts. | days-payable-outstanding payables-cycle-time early-payment-discount-captured first-time-match-rate
`,
);
