import { kpiTable } from '../kpi-table';

/** Receivables, payables and cash KPIs. Format: see kpi-table.ts. */
export const financeKpis = kpiTable(`
@Invoice
open-receivables | Open receivables | $ | - | 500000 | 500000 650000 800000 | month | customer.segment customer.region | receivables cash finance
  to_date(sum(Invoice.amount where paidAt is null or paidAt >= period_end()))
  Invoiced amounts not yet paid at the end of the period.
days-sales-outstanding | Days sales outstanding | d | - | 45 | 45 55 65 | month | customer.segment customer.region | receivables cash working-capital finance | SCOR; AM.2.1; Days sales outstanding
  kpi('open-receivables') / sum(Invoice.amount) * period_days()
  Open receivables at period end divided by the average invoiced amount per day of the period.
overdue-receivables-share | Overdue receivables share | % | - | 15 | 15 25 35 | month | customer.segment customer.region | receivables cash finance
  to_date(sum(Invoice.amount where dueAt < period_end() and (paidAt is null or paidAt >= period_end()))) / kpi('open-receivables') * 100
  Share of open receivables that are past their due date at period end.
collection-effectiveness-index | Collection effectiveness index | % | + | 85 | 85 75 65 | month | customer.segment | receivables collections finance
  (previous_period(kpi('open-receivables')) + sum(Invoice.amount) - kpi('open-receivables')) / (previous_period(kpi('open-receivables')) + sum(Invoice.amount) - to_date(sum(Invoice.amount where dueAt >= period_end() and (paidAt is null or paidAt >= period_end())))) * 100
  What was collected in the period as a share of what was collectible (opening plus new receivables, less those not yet due).
bad-debt-ratio | Bad debt ratio | % | - | 0.5 | 0.5 1 2 | quarter | customer.segment customer.region | receivables risk finance
  sum(Invoice.writtenOffAmount) / sum(Invoice.amount) * 100
  Amounts written off as uncollectible as a share of invoiced revenue.
invoice-dispute-rate | Invoice dispute rate | % | - | 2 | 2 4 6 | month | customer.segment | billing quality finance
  count(Invoice where isDisputed) / count(Invoice) * 100
  Share of invoices the customer disputed.
invoice-accuracy | Invoice accuracy | % | + | 98 | 98 96 94 | month | customer.segment | billing quality finance
  count(Invoice where not hasError) / count(Invoice) * 100
  Share of invoices that did not need a correction or credit note.
e-invoicing-rate | E-invoicing rate | % | + | 80 | 80 70 60 | month | customer.segment | billing digital finance
  count(Invoice where isElectronic) / count(Invoice) * 100
  Share of invoices sent electronically.
@Payment
cash-collected | Cash collected | $ | + | 900000 | 900000 800000 700000 | month | method customer.segment | cash collections finance
  sum(Payment.amount)
  Customer payments received in the period.
average-days-to-pay | Average days to pay | d | - | 35 | 35 45 55 | month | method customer.segment | receivables collections finance
  avg(days_between(Payment.invoice.issuedAt, Payment.receivedAt))
  Average days from invoice date to payment.
average-payment-delay | Average payment delay | d | - | 3 | 3 7 12 | month | method customer.segment | receivables collections finance
  avg(greatest(days_between(Payment.invoice.dueAt, Payment.receivedAt), 0))
  Average days a payment arrived after the due date (early payments count as zero).
on-time-payment-rate | On-time payment rate | % | + | 85 | 85 75 65 | month | method customer.segment | receivables collections finance
  count(Payment where receivedAt <= invoice.dueAt) / count(Payment) * 100
  Share of payments received by the invoice due date.
direct-debit-share | Direct debit share | % | + | 40 | 40 30 20 | month | customer.segment | collections cash finance
  sum(Payment.amount where method = 'direct_debit') / sum(Payment.amount) * 100
  Share of cash collected by direct debit, the cheapest and most predictable method.
@SupplierInvoice
open-payables | Open payables | $ | + | 300000 | 300000 250000 200000 | month | supplier.category | payables cash finance
  to_date(sum(SupplierInvoice.amount where paidAt is null or paidAt >= period_end()))
  Supplier invoices not yet paid at the end of the period.
days-payable-outstanding | Days payable outstanding | d | + | 40 | 40 30 20 | month | supplier.category | payables cash working-capital finance | SCOR; AM.2.3; Days payable outstanding
  kpi('open-payables') / sum(SupplierInvoice.amount) * period_days()
  Open payables at period end divided by the average supplier invoice amount per day of the period.
first-time-match-rate | First-time match rate | % | + | 85 | 85 75 65 | month | supplier.category | payables automation finance
  count(SupplierInvoice where isMatchedFirstTime) / count(SupplierInvoice) * 100
  Share of supplier invoices that matched order and receipt without manual work.
supplier-on-time-payment-rate | Supplier on-time payment rate | % | + | 95 | 95 90 85 | month | supplier.category | payables supplier finance
  count(SupplierInvoice where paidAt <= dueAt) / count(SupplierInvoice where paidAt is not null) * 100
  Share of paid supplier invoices paid by their due date.
early-payment-discount-captured | Early-payment discounts captured | $ | + | 5000 | 5000 3000 1000 | month | supplier.category | payables cash finance
  sum(SupplierInvoice.discountTaken)
  Discounts earned by paying suppliers early.
payables-cycle-time | Invoice-to-pay cycle time | d | - | 30 | 30 40 50 | month | supplier.category | payables automation finance
  avg(days_between(SupplierInvoice.receivedAt, SupplierInvoice.paidAt))
  Average days from receiving a supplier invoice to paying it.
cash-to-cash-cycle-time | Cash-to-cash cycle time | d | - | 60 | 60 75 90 | month | | working-capital cash finance | SCOR; AM.1.1; Cash-to-cash cycle time
  kpi('days-sales-outstanding') + kpi('inventory-days-of-supply') - kpi('days-payable-outstanding')
  Days between paying suppliers and being paid by customers: receivable days plus inventory days minus payable days.
`);
