import { industryTable } from '../industry-table';

export const retail = industryTable(
  {
    id: 'retail',
    name: 'Retail and consumer goods',
    description:
      'Store and online retailers and consumer brands: plan, buy, move, sell, engage and take back.',
  },
  `
== plan | Plan | Decide assortment, prices and promotions and forecast demand.
- demand-forecasting | Demand forecasting | Forecast sales by product and week. | forecast-accuracy forecast-bias mean-absolute-percentage-error
- merchandise-performance | Merchandise performance | Track sales and margin of the assortment. | net-revenue revenue-growth-yoy revenue-ytd gross-margin gross-profit
- pricing-promotion | Pricing and promotion | Price for margin and measure promotion dependence. | discount-rate promotional-sales-share average-selling-price price-realisation
== buy | Buy | Buy goods for resale from vendors.
- vendor-management | Vendor management | Hold vendors to their delivery and price commitments. | supplier-on-time-delivery supplier-fill-rate supplier-lead-time purchase-price-variance contract-compliance-rate
== move | Move | Distribute goods to stores and homes.
- store-replenishment | Store replenishment | Keep shelves full and fresh without overstock. | stockout-rate below-safety-stock-rate spoilage-rate inventory-turnover inventory-days-of-supply slow-moving-inventory-share
- distribution-centre | Distribution centre | Pick and ship store and online orders accurately. | picking-accuracy units-per-labour-hour storage-utilisation inventory-record-accuracy
- home-delivery | Home delivery | Deliver online orders on time at a low cost. | on-time-delivery-rate first-attempt-delivery-rate order-fulfillment-cycle-time freight-cost-per-unit perfect-order-rate
== sell | Sell | Turn visitors into buyers in stores and online.
- store-performance | Store performance | Traffic, conversion and productivity of the stores. | footfall footfall-growth-yoy store-conversion-rate average-transaction-value sales-per-square-metre sales-per-labour-hour
- e-commerce | E-commerce | Conversion and engagement of the online shop. | ecommerce-conversion-rate bounce-rate cart-abandonment-rate mobile-session-share average-session-duration online-sales-share
- basket-and-orders | Basket and orders | Size and value of customer orders. | average-order-value units-per-order order-count order-cancellation-rate
== engage | Engage | Win, keep and delight customers.
- loyalty | Loyalty | Grow the active, returning customer base. | loyalty-sales-share repeat-purchase-rate active-customers revenue-per-customer customer-churn-rate new-customers first-order-share
- customer-experience | Customer experience | Measure how customers feel about shopping and service. | net-promoter-score customer-satisfaction-score customer-effort-score delivery-nps ticket-satisfaction digital-contact-share contact-rate
== return | Return | Take back goods and refund customers.
- returns | Returns | Keep returns low and refunds fast. | return-rate refund-rate return-processing-time restock-rate defect-return-share
== people | Store people | Staff stores with engaged, productive people.
- store-workforce | Store workforce | Keep store teams stable and trained. | headcount voluntary-turnover-rate absenteeism-rate time-to-fill training-hours-per-employee revenue-per-employee
`,
);
