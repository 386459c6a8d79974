import { industryTable } from '../industry-table';

export const manufacturing = industryTable(
  {
    id: 'manufacturing',
    name: 'Manufacturing',
    description:
      'Discrete and process manufacturers: plan, source, make, deliver, return and service products.',
  },
  `
== plan | Plan | Balance demand, supply and capacity over the planning horizon.
- demand-planning | Demand planning | Forecast what customers will order and measure how good the forecast was. | forecast-accuracy forecast-bias mean-absolute-percentage-error
- sales-operations-planning | Sales and operations planning | Agree one plan for sales, production and stock, and track how well it is executed. | plan-attainment schedule-adherence inventory-days-of-supply below-safety-stock-rate work-order-completion-rate
== source | Source | Buy materials and services at the right quality, time and price.
- supplier-performance | Supplier performance | Score suppliers on delivery and quality. | supplier-on-time-delivery supplier-fill-rate supplier-lead-time supplier-defect-ppm incoming-inspection-pass-rate goods-receipt-rejection-rate
- procurement-efficiency | Procurement efficiency | Shorten and simplify the purchase-to-pay process. | requisition-to-order-time requisition-approval-time po-amendment-rate emergency-order-rate average-po-value first-time-match-rate
- spend-management | Spend management | Steer spend to contracts, preferred and low-risk suppliers at planned prices. | purchase-spend contract-compliance-rate non-preferred-spend-share purchase-price-variance active-suppliers high-risk-supplier-spend certified-supplier-spend
== make | Make | Turn materials into good products efficiently and safely.
- overall-equipment-effectiveness | Overall equipment effectiveness | Find availability, speed and quality losses on the lines. | oee availability performance-efficiency quality-rate throughput-rate
- production-quality | Production quality | Build quality in and reduce scrap and rework. | first-pass-yield scrap-rate rework-rate final-inspection-pass-rate defective-ppm
- asset-reliability | Asset reliability | Keep machines running and shorten breakdowns. | mean-time-between-failures mean-time-to-repair unplanned-downtime-hours unplanned-downtime-share stops-per-machine critical-asset-breakdowns material-shortage-downtime
- maintenance-management | Maintenance management | Shift from reactive to planned maintenance at a sound cost. | planned-maintenance-share corrective-maintenance-ratio preventive-maintenance-compliance maintenance-backlog maintenance-cost-per-unit maintenance-cost-rav
- production-cost | Production cost and productivity | Lower the cost, energy and time per good unit. | unit-manufacturing-cost conversion-cost-per-unit energy-per-unit labour-productivity average-changeover-time setup-ratio make-cycle-time
== deliver | Deliver | Store, pick, ship and deliver customer orders.
- order-fulfilment | Order fulfilment | Deliver complete orders on the date promised. | perfect-order-rate otif-rate on-time-delivery-rate in-full-delivery-rate order-fulfillment-cycle-time line-fill-rate unit-fill-rate backorder-rate request-date-commit-rate
- warehouse-operations | Warehouse operations | Run accurate, productive warehouses. | picking-accuracy picking-productivity put-away-cycle-time pick-cycle-time units-per-labour-hour storage-utilisation inventory-record-accuracy cycle-count-coverage
- inventory-management | Inventory management | Hold the right stock: enough to serve, little enough to free cash. | inventory-value inventory-turnover stockout-rate slow-moving-inventory-share
- outbound-transport | Outbound transport | Ship at the right cost and carbon footprint. | freight-cost-per-kg freight-cost-to-sales contracted-carrier-share express-shipment-share co2-intensity
== return | Return | Take back, inspect and recover returned products.
- returns-management | Returns management | Process returns quickly and learn from their causes. | return-rate return-processing-time restock-rate defect-return-share return-transit-time
== service | Service | Support customers and products after the sale.
- warranty-management | Warranty management | Control warranty cost and find product defects early. | warranty-claim-rate warranty-cost-ratio warranty-processing-time early-failure-share
- field-service | Field service | Fix installed equipment at the first visit. | first-time-fix-rate arrival-in-window-rate wrench-time-share jobs-per-technician-day repair-turnaround-time visit-cancellation-rate
- customer-support | Customer support | Resolve customer requests fast and well. | first-contact-resolution average-resolution-time sla-compliance escalation-rate net-promoter-score customer-satisfaction-score
== enable | Enable | Finance, commercial and people processes that support the value chain.
- working-capital | Working capital | Free cash tied up in receivables and stock, pay suppliers on terms. | cash-to-cash-cycle-time days-sales-outstanding days-payable-outstanding open-receivables open-payables supplier-on-time-payment-rate
- commercial-performance | Commercial performance | Grow profitable revenue. | net-revenue gross-margin gross-profit revenue-growth revenue-growth-yoy revenue-ytd win-rate pipeline-value average-deal-size sales-cycle-length enterprise-revenue-share
- health-and-safety | Health and safety | Prevent injuries at work. | total-recordable-incident-rate lost-time-injury-frequency lost-day-severity-rate near-miss-ratio
- workforce | Workforce | Keep a stable, skilled and productive workforce. | headcount employee-turnover-rate absenteeism-rate overtime-rate training-hours-per-employee labour-cost-per-fte revenue-per-employee span-of-control
- talent-acquisition | Talent acquisition | Fill vacancies quickly with people who stay. | time-to-fill offer-acceptance-rate cost-per-hire applicants-per-vacancy early-leaver-share
`,
);
