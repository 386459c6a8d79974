import { kpiTable } from '../kpi-table';

/** Sourcing and supplier KPIs. Format: see kpi-table.ts. */
export const procurementKpis = kpiTable(`
@PurchaseOrder
supplier-on-time-delivery | Supplier on-time delivery | % | + | 95 | 95 90 85 | month | supplier.category supplier.riskRating supplier.country | supplier delivery sourcing
  count(PurchaseOrder where receivedAt < add_days(promisedAt, 1)) / count(PurchaseOrder where receivedAt is not null) * 100
  Share of received purchase orders that arrived no later than the day the supplier confirmed.
supplier-lead-time | Supplier lead time | d | - | 10 | 10 14 21 | month | supplier.category supplier.country | supplier sourcing cycle-time
  avg(days_between(PurchaseOrder.orderedAt, PurchaseOrder.receivedAt))
  Average days from sending a purchase order to receiving the goods.
requisition-to-order-time | Requisition-to-order time | d | - | 2 | 2 4 7 | month | supplier.category | sourcing cycle-time procurement-efficiency
  avg(days_between(PurchaseOrder.requisitionedAt, PurchaseOrder.orderedAt))
  Average days from a purchase request to the order being sent.
requisition-approval-time | Requisition approval time | h | - | 24 | 24 48 72 | month | supplier.category | sourcing cycle-time procurement-efficiency
  avg(hours_between(PurchaseOrder.requisitionedAt, PurchaseOrder.approvedAt))
  Average hours a purchase request waits for approval.
contract-compliance-rate | Spend under contract | % | + | 80 | 80 70 60 | month | supplier.category | spend compliance sourcing
  sum(PurchaseOrder.amount where isOnContract and status != 'cancelled') / sum(PurchaseOrder.amount where status != 'cancelled') * 100
  Share of purchase spend placed under negotiated contracts.
non-preferred-spend-share | Non-preferred supplier spend | % | - | 15 | 15 25 35 | month | supplier.category | spend compliance sourcing
  sum(PurchaseOrder.amount where not supplier.isPreferred and status != 'cancelled') / sum(PurchaseOrder.amount where status != 'cancelled') * 100
  Share of purchase spend with suppliers outside the preferred list.
emergency-order-rate | Emergency purchase order rate | % | - | 5 | 5 10 15 | month | supplier.category | planning sourcing
  count(PurchaseOrder where isEmergency) / count(PurchaseOrder) * 100
  Share of purchase orders placed as rush orders outside the normal cycle.
po-amendment-rate | Purchase order amendment rate | % | - | 10 | 10 15 20 | month | supplier.category | sourcing quality procurement-efficiency
  count(PurchaseOrder where changeCount > 0) / count(PurchaseOrder) * 100
  Share of purchase orders changed after they were sent.
purchase-spend | Purchase spend | $ | - | 500000 | 500000 600000 700000 | month | supplier.category supplier.country | spend sourcing
  sum(PurchaseOrder.amount where status != 'cancelled')
  Value of purchase orders placed and not cancelled.
active-suppliers | Active suppliers | # | - | 40 | 40 50 60 | quarter | supplier.category | supplier-base sourcing
  count(distinct PurchaseOrder.supplierId where status != 'cancelled')
  Suppliers that received at least one order; fewer suppliers means more leverage and less overhead.
high-risk-supplier-spend | High-risk supplier spend | % | - | 5 | 5 10 15 | quarter | supplier.category | risk supplier sourcing
  sum(PurchaseOrder.amount where supplier.riskRating = 'high') / sum(PurchaseOrder.amount) * 100
  Share of spend with suppliers rated high risk.
certified-supplier-spend | Certified supplier spend | % | + | 85 | 85 75 65 | quarter | supplier.category | quality supplier sourcing
  sum(PurchaseOrder.amount where supplier.isCertified) / sum(PurchaseOrder.amount) * 100
  Share of spend with suppliers holding a quality-management certification.
average-po-value | Average purchase order value | $ | + | 5000 | 5000 4000 3000 | month | supplier.category | procurement-efficiency sourcing
  avg(PurchaseOrder.amount where status != 'cancelled')
  Average value of a purchase order; small orders carry the same processing cost as large ones.
@PurchaseOrderLine
purchase-price-variance | Purchase price variance | Δ% | - | 0 | 0 2 5 | month | product.category purchaseOrder.supplier.category | cost sourcing
  (sum(PurchaseOrderLine.netAmount) - sum(PurchaseOrderLine.quantity * PurchaseOrderLine.standardPrice)) / sum(PurchaseOrderLine.quantity * PurchaseOrderLine.standardPrice) * 100
  Price paid against standard (budgeted) price on the same quantities; positive means paying more than planned.
supplier-fill-rate | Supplier fill rate | % | + | 98 | 98 95 92 | month | product.category purchaseOrder.supplier.category | supplier delivery sourcing
  sum(PurchaseOrderLine.receivedQuantity) / sum(PurchaseOrderLine.quantity) * 100
  Units received as a share of units ordered from suppliers.
goods-receipt-rejection-rate | Goods receipt rejection rate | % | - | 1 | 1 2 4 | month | product.category purchaseOrder.supplier.category | supplier quality sourcing
  sum(PurchaseOrderLine.rejectedQuantity) / sum(PurchaseOrderLine.receivedQuantity) * 100
  Share of received units rejected at goods receipt.
supplier-defect-ppm | Supplier defects per million | quantity:ppm | - | 5000 | 5000 10000 20000 | month | product.category purchaseOrder.supplier.category | supplier quality sourcing
  sum(PurchaseOrderLine.rejectedQuantity) / sum(PurchaseOrderLine.receivedQuantity) * 1000000
  Rejected units per million units received from suppliers.
@QualityInspection
incoming-inspection-pass-rate | Incoming inspection pass rate | % | + | 97 | 97 94 90 | month | supplier.category product.category | supplier quality sourcing
  count(QualityInspection where stage = 'incoming' and passed) / count(QualityInspection where stage = 'incoming') * 100
  Share of incoming inspection lots accepted.
`);
