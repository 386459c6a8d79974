import { kpiTable } from '../kpi-table';

/** Sales, customers, e-commerce and store KPIs. Format: see kpi-table.ts. */
export const salesKpis = kpiTable(`
@SalesOrderLine
net-revenue | Net revenue | $ | + | 1000000 | 1000000 900000 800000 | month | order.channel product.category order.customer.region order.customer.segment | revenue sales finance
  sum(SalesOrderLine.netAmount)
  Revenue from order lines after line discounts, counted when the order is placed.
revenue-growth | Revenue growth vs previous period | Δ% | + | 2 | 2 0 -5 | month | order.channel product.category | revenue growth trend
  (kpi('net-revenue') - previous_period(kpi('net-revenue'))) / previous_period(kpi('net-revenue')) * 100
  Change of net revenue against the preceding period of the same length.
revenue-growth-yoy | Revenue growth vs last year | Δ% | + | 5 | 5 0 -5 | month | order.channel product.category | revenue growth trend
  (kpi('net-revenue') - same_period_last_year(kpi('net-revenue'))) / same_period_last_year(kpi('net-revenue')) * 100
  Change of net revenue against the same period one year earlier, which removes seasonality.
revenue-ytd | Revenue year to date | $ | + | 6000000 | 6000000 5500000 5000000 | month | order.channel product.category | revenue finance
  year_to_date(kpi('net-revenue'))
  Net revenue accumulated from 1 January to the end of the period.
gross-margin | Gross margin | % | + | 35 | 35 30 25 | month | product.category order.channel order.customer.segment | margin profitability finance
  (sum(SalesOrderLine.netAmount) - sum(SalesOrderLine.costAmount)) / sum(SalesOrderLine.netAmount) * 100
  Share of net revenue left after the cost of the goods sold.
gross-profit | Gross profit | $ | + | 350000 | 350000 300000 250000 | month | product.category order.channel | margin profitability finance
  sum(SalesOrderLine.netAmount) - sum(SalesOrderLine.costAmount)
  Net revenue minus the cost of the goods sold on the same order lines.
discount-rate | Discount rate | % | - | 5 | 5 8 12 | month | product.category order.channel | pricing margin
  sum(SalesOrderLine.discountAmount) / (sum(SalesOrderLine.netAmount) + sum(SalesOrderLine.discountAmount)) * 100
  Discounts granted as a share of revenue before discounts.
promotional-sales-share | Promotional sales share | % | - | 20 | 20 30 40 | month | product.category order.channel | pricing promotion
  sum(SalesOrderLine.netAmount where isPromotional) / sum(SalesOrderLine.netAmount) * 100
  Share of revenue sold under a promotion; a high share erodes margin and trains customers to wait for deals.
average-selling-price | Average selling price | $.2 | + | 100 | 100 90 80 | month | product.category order.channel | pricing
  sum(SalesOrderLine.netAmount) / sum(SalesOrderLine.quantity)
  Net revenue per unit sold.
price-realisation | Price realisation | % | + | 92 | 92 88 84 | month | product.category order.customer.segment | pricing margin
  sum(SalesOrderLine.netAmount) / sum(SalesOrderLine.quantity * product.listPrice) * 100
  Net revenue as a share of what the same units would have earned at list price.
backorder-rate | Backorder rate | % | - | 3 | 3 5 8 | month | product.category | availability fulfilment
  count(SalesOrderLine where isBackordered) / count(SalesOrderLine) * 100
  Share of order lines that could not be served from stock when ordered.
line-fill-rate | Order line fill rate | % | + | 97 | 97 94 90 | month | product.category order.channel | availability fulfilment service-level
  count(SalesOrderLine where shippedQuantity >= quantity) / count(SalesOrderLine) * 100
  Share of order lines shipped complete.
unit-fill-rate | Unit fill rate | % | + | 98 | 98 95 92 | month | product.category order.channel | availability fulfilment service-level
  sum(SalesOrderLine.shippedQuantity) / sum(SalesOrderLine.quantity) * 100
  Units shipped as a share of units ordered.
@SalesOrder
order-count | Orders | # | + | 1000 | 1000 900 800 | day | channel customer.segment customer.region | volume sales
  count(SalesOrder where status != 'cancelled')
  Number of orders placed and not cancelled.
average-order-value | Average order value | $.2 | + | 250 | 250 220 200 | month | channel customer.segment store.region | basket sales
  sum(SalesOrder.totalAmount where status != 'cancelled') / count(SalesOrder where status != 'cancelled')
  Net value of an average order.
units-per-order | Units per order | x | + | 4 | 4 3.5 3 | month | channel customer.segment | basket sales
  sum(SalesOrder.itemCount where status != 'cancelled') / count(SalesOrder where status != 'cancelled')
  Average number of units in an order (basket size).
online-sales-share | Online sales share | % | + | 30 | 30 25 20 | month | customer.region customer.segment | digital channel
  sum(SalesOrder.totalAmount where channel = 'online' and status != 'cancelled') / sum(SalesOrder.totalAmount where status != 'cancelled') * 100
  Share of order value placed through the online shop.
order-cancellation-rate | Order cancellation rate | % | - | 2 | 2 4 6 | month | channel customer.segment | fulfilment sales
  count(SalesOrder where status = 'cancelled') / count(SalesOrder) * 100
  Share of placed orders that were cancelled before delivery.
active-customers | Active customers | # | + | 500 | 500 450 400 | month | channel customer.segment customer.region | customer volume
  count(distinct SalesOrder.customerId where status != 'cancelled')
  Customers who placed at least one order in the period.
revenue-per-customer | Revenue per active customer | $ | + | 600 | 600 500 400 | month | customer.segment customer.region | customer revenue
  sum(SalesOrder.totalAmount where status != 'cancelled') / count(distinct SalesOrder.customerId where status != 'cancelled')
  Order value per customer who bought in the period.
repeat-purchase-rate | Repeat purchase rate | % | + | 60 | 60 50 40 | month | channel customer.segment | loyalty customer retention
  count(distinct SalesOrder.customerId where not isFirstOrder) / count(distinct SalesOrder.customerId) * 100
  Share of buying customers who had bought before.
first-order-share | New-customer order share | % | + | 15 | 15 10 5 | month | channel customer.region | acquisition customer
  count(SalesOrder where isFirstOrder) / count(SalesOrder) * 100
  Share of orders that were a customer's first order ever.
enterprise-revenue-share | Enterprise revenue share | % | + | 40 | 40 35 30 | quarter | channel customer.region | customer revenue b2b
  sum(SalesOrder.totalAmount where customer.segment = 'enterprise' and status != 'cancelled') / sum(SalesOrder.totalAmount where status != 'cancelled') * 100
  Share of order value coming from enterprise customers.
loyalty-sales-share | Loyalty member sales share | % | + | 50 | 50 40 30 | month | channel store.region | loyalty customer retail
  sum(SalesOrder.totalAmount where customer.loyaltyTier != 'none' and status != 'cancelled') / sum(SalesOrder.totalAmount where status != 'cancelled') * 100
  Share of order value bought by loyalty programme members.
request-date-commit-rate | Request date commit rate | % | + | 90 | 90 85 80 | month | channel customer.segment | service-level fulfilment
  count(SalesOrder where promisedAt <= requestedAt and status != 'cancelled') / count(SalesOrder where status != 'cancelled') * 100
  Share of orders confirmed for delivery on or before the date the customer asked for.
@Customer
new-customers | New customers | # | + | 50 | 50 40 30 | month | segment region | acquisition customer
  count(Customer where in_period(createdAt))
  Customers whose relationship started in the period.
customer-churn-rate | Customer churn rate | % | - | 1 | 1 2 3 | month | segment region loyaltyTier | retention customer
  count(Customer where in_period(churnedAt)) / count(Customer where createdAt < period_start() and (churnedAt is null or churnedAt >= period_start())) * 100
  Share of customers at the start of the period who ended the relationship during it.
@Opportunity
win-rate | Opportunity win rate | % | + | 30 | 30 25 20 | quarter | source owner.region customer.segment | pipeline b2b sales
  count(Opportunity where stage = 'won') / count(Opportunity where stage in ('won', 'lost')) * 100
  Share of decided opportunities that were won.
pipeline-value | Open pipeline value | $ | + | 2000000 | 2000000 1500000 1000000 | month | source customer.segment | pipeline b2b sales
  sum(Opportunity.amount where stage in ('prospecting', 'qualified', 'proposal'))
  Expected value of opportunities opened in the period that are still open.
sales-cycle-length | Sales cycle length | d | - | 45 | 45 60 90 | quarter | source customer.segment | pipeline b2b sales
  avg(days_between(Opportunity.createdAt, Opportunity.closedAt) where stage = 'won')
  Average days from opening an opportunity to winning it.
average-deal-size | Average deal size | $ | + | 25000 | 25000 20000 15000 | quarter | source customer.segment | pipeline b2b sales
  avg(Opportunity.amount where stage = 'won')
  Average value of won opportunities.
@WebSession
ecommerce-conversion-rate | E-commerce conversion rate | % | + | 3 | 3 2 1.5 | day | device source | digital conversion ecommerce
  count(WebSession where converted) / count(WebSession) * 100
  Share of online sessions that ended with an order.
bounce-rate | Bounce rate | % | - | 35 | 35 45 55 | day | device source | digital ecommerce
  count(WebSession where isBounce) / count(WebSession) * 100
  Share of online sessions that left after viewing a single page.
cart-abandonment-rate | Cart abandonment rate | % | - | 65 | 65 72 80 | day | device source | digital conversion ecommerce
  count(WebSession where addedToCart and not converted) / count(WebSession where addedToCart) * 100
  Share of sessions with a filled basket that did not order.
mobile-session-share | Mobile session share | % | + | 60 | 60 50 40 | month | source | digital ecommerce
  count(WebSession where device in ('mobile', 'app')) / count(WebSession) * 100
  Share of online sessions from phones and the app.
average-session-duration | Average session duration | min | + | 5 | 5 4 3 | month | device source | digital engagement
  avg(WebSession.durationSeconds) / 60
  Average length of an online session in minutes.
@StoreTraffic
store-conversion-rate | Store conversion rate | % | + | 25 | 25 20 15 | day | store.region store.format | store conversion retail
  sum(StoreTraffic.transactions) / sum(StoreTraffic.visitors) * 100
  Sales tickets as a share of people entering the store.
sales-per-square-metre | Sales per square metre | $.2 | + | 1000 | 1000 800 600 | month | store.region store.format | store productivity retail
  sum(StoreTraffic.salesAmount) / sum(Store.sellingAreaSqm)
  Till revenue of the period per square metre of selling area.
average-transaction-value | Average transaction value | $.2 | + | 40 | 40 35 30 | day | store.region store.format | store basket retail
  sum(StoreTraffic.salesAmount) / sum(StoreTraffic.transactions)
  Till revenue per sales ticket.
sales-per-labour-hour | Sales per labour hour | $.2 | + | 250 | 250 200 150 | week | store.region store.format | store productivity workforce retail
  sum(StoreTraffic.salesAmount) / sum(StoreTraffic.staffHours)
  Till revenue per staff hour worked in stores.
footfall | Store footfall | # | + | 100000 | 100000 90000 80000 | day | store.region store.format | store traffic retail
  sum(StoreTraffic.visitors)
  People counted entering the stores.
footfall-growth-yoy | Footfall growth vs last year | Δ% | + | 2 | 2 0 -5 | month | store.region store.format | store traffic trend retail
  (kpi('footfall') - same_period_last_year(kpi('footfall'))) / same_period_last_year(kpi('footfall')) * 100
  Change of store visitors against the same period one year earlier.
`);
