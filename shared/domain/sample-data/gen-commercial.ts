import type { Row } from '../formula/compile-expr';
import { type GenContext, volume } from './context';
import { DAY, day, perMonth, refId } from './random';

const REGIONS = ['north', 'south', 'east', 'west'];
const CATEGORIES = ['electronics', 'apparel', 'grocery', 'home', 'industrial', 'spare_parts'];

/** Customers, products, stores, orders, invoices, payments, returns, traffic, pipeline, web. */
export function generateCommercial(ctx: GenContext): void {
  const { tables: t, window: w } = ctx;
  let r = ctx.random('Customer');
  t.Customer = Array.from({ length: 400 }, (_, i): Row => {
    const createdAt = day(w.start - 4 * 365 * DAY + r.next() * (4 * 365 + 700) * DAY);
    const churned = r.chance(0.12) && createdAt < w.end - 200 * DAY;
    const churnedAt = churned ? day(Math.max(createdAt + 90 * DAY, w.start) + r.next() * 600 * DAY) : null;
    return {
      id: `C${i}`,
      name: `Customer ${i}`,
      segment: r.weighted(['consumer', 5], ['smb', 3], ['enterprise', 1.5], ['public', 0.5]),
      region: r.pick(REGIONS),
      createdAt,
      churnedAt: churnedAt !== null && churnedAt < w.end ? churnedAt : null,
      loyaltyTier: r.weighted(['none', 5], ['silver', 3], ['gold', 1.5], ['platinum', 0.5]),
      creditLimit: r.int(1, 50) * 1000,
      isActive: !churned,
    };
  });
  r = ctx.random('Product');
  t.Product = Array.from({ length: 120 }, (_, i): Row => {
    const listPrice = r.num(10, 150);
    return {
      id: `P${i}`,
      sku: `SKU-${1000 + i}`,
      name: `Product ${i}`,
      category: CATEGORIES[i % CATEGORIES.length]!,
      unitCost: Math.round(listPrice * r.num(0.45, 0.7) * 100) / 100,
      listPrice,
      launchedAt: day(w.start - r.next() * 1500 * DAY),
      isActive: r.chance(0.95),
    };
  });
  r = ctx.random('Store');
  t.Store = Array.from(
    { length: 20 },
    (_, i): Row => ({
      id: `S${i}`,
      name: `Store ${i}`,
      region: REGIONS[i % 4]!,
      format: r.pick(['hypermarket', 'supermarket', 'convenience', 'specialty', 'outlet']),
      sellingAreaSqm: r.num(400, 4000, 0),
      openedAt: day(w.start - r.next() * 3000 * DAY),
    }),
  );

  r = ctx.random('SalesOrder');
  const lines: Row[] = [];
  const rl = ctx.random('SalesOrderLine');
  t.SalesOrder = perMonth(r, w, volume(ctx, 150), (orderedAt, i) => {
    const channel = r.weighted(['online', 3], ['store', 3], ['partner', 1], ['phone', 1], ['edi', 1]);
    const requestedAt = day(orderedAt + r.int(2, 10) * DAY);
    const promisedAt = day(requestedAt + r.weighted([0, 6], [-1, 2], [1, 1.5], [3, 0.5]) * DAY);
    const status =
      orderedAt > w.end - 5 * DAY ? 'open' : r.weighted(['delivered', 90], ['shipped', 3], ['cancelled', 3]);
    const id = `SO${i}`;
    let total = 0;
    let discount = 0;
    let items = 0;
    const n = rl.int(1, 4);
    for (let k = 0; k < n; k++) {
      const p = rl.pick(t.Product!);
      const quantity = rl.int(1, 8);
      const unitPrice = Math.round((p.listPrice as number) * rl.num(0.9, 1) * 100) / 100;
      const promo = rl.chance(0.2);
      const lineDiscount =
        Math.round(quantity * unitPrice * (promo ? rl.num(0.1, 0.25) : rl.num(0, 0.05)) * 100) / 100;
      const net = Math.round((quantity * unitPrice - lineDiscount) * 100) / 100;
      const backordered = rl.chance(0.04);
      total += net;
      discount += lineDiscount;
      items += quantity;
      lines.push({
        id: `${id}-L${k}`,
        orderId: id,
        productId: p.id,
        orderedAt,
        quantity,
        shippedQuantity:
          status === 'cancelled' ? 0 : backordered || rl.chance(0.03) ? rl.int(0, quantity - 1) : quantity,
        unitPrice,
        discountAmount: lineDiscount,
        netAmount: net,
        costAmount: Math.round(quantity * (p.unitCost as number) * 100) / 100,
        isBackordered: backordered,
        isPromotional: promo,
      });
    }
    return {
      id,
      customerId: r.pick(t.Customer!).id,
      storeId: channel === 'store' ? r.pick(t.Store!).id : null,
      orderedAt,
      requestedAt,
      promisedAt,
      channel,
      status,
      totalAmount: Math.round(total * 100) / 100,
      discountAmount: Math.round(discount * 100) / 100,
      shippingFee: channel === 'online' ? r.pick([0, 4.99, 9.99]) : 0,
      itemCount: items,
      isFirstOrder: r.chance(0.12),
    };
  });
  t.SalesOrderLine = lines;

  r = ctx.random('Invoice');
  const rp = ctx.random('Payment');
  const payments: Row[] = [];
  t.Invoice = t.SalesOrder.filter((o) => o.status !== 'cancelled').map((o, i): Row => {
    const issuedAt = day((o.orderedAt as number) + r.int(0, 3) * DAY);
    const dueAt = issuedAt + 30 * DAY;
    const amount = o.totalAmount as number;
    const lateness = r.weighted([-10, 3], [0, 4], [10, 2], [35, 1]);
    const paidCandidate = day(dueAt + (lateness + r.int(-5, 10)) * DAY);
    const writtenOff = r.chance(0.005);
    const paidAt = !writtenOff && paidCandidate < w.end ? paidCandidate : null;
    const disputed = r.chance(0.02);
    const status = paidAt
      ? 'paid'
      : writtenOff
        ? 'written_off'
        : disputed
          ? 'disputed'
          : dueAt < w.end
            ? 'overdue'
            : 'open';
    const id = `INV${i}`;
    if (paidAt) {
      payments.push({
        id: `PAY${i}`,
        invoiceId: id,
        customerId: o.customerId,
        receivedAt: paidAt,
        amount,
        method: rp.weighted(
          ['transfer', 4],
          ['direct_debit', 3],
          ['card', 2],
          ['cash', 0.5],
          ['wallet', 0.5],
        ),
      });
    }
    return {
      id,
      customerId: o.customerId,
      orderId: o.id,
      issuedAt,
      dueAt,
      amount,
      paidAmount: paidAt ? amount : 0,
      paidAt,
      status,
      isDisputed: disputed,
      isElectronic: r.chance(0.75),
      hasError: r.chance(0.03),
      writtenOffAmount: writtenOff ? amount : 0,
    };
  });
  t.Payment = payments;

  r = ctx.random('ReturnOrder');
  const orders = new Map(t.SalesOrder.map((o) => [o.id, o]));
  t.ReturnOrder = lines
    .filter((l) => (l.shippedQuantity as number) > 0 && r.chance(0.04))
    .map((l, i): Row => {
      const requestedAt = (l.orderedAt as number) + r.num(3, 20) * DAY;
      const receivedAt = requestedAt + r.num(1, 7) * DAY;
      const refundedAt = receivedAt + r.num(0.5, 5) * DAY;
      const quantity = Math.min(l.shippedQuantity as number, r.int(1, 2));
      return {
        id: `RET${i}`,
        orderId: l.orderId,
        productId: l.productId,
        customerId: orders.get(l.orderId as string)!.customerId,
        requestedAt,
        receivedAt: receivedAt < w.end ? receivedAt : null,
        refundedAt: refundedAt < w.end ? refundedAt : null,
        quantity,
        refundAmount: Math.round(((l.netAmount as number) / (l.quantity as number)) * quantity * 100) / 100,
        reason: r.weighted(
          ['defective', 2],
          ['damaged', 1],
          ['wrong_item', 1],
          ['not_as_described', 1],
          ['no_longer_needed', 3],
          ['other', 1],
        ),
        isRestocked: r.chance(0.65),
        channel: r.pick(['online', 'store']),
      };
    });

  r = ctx.random('StoreTraffic');
  const traffic: Row[] = [];
  for (let d = w.start, k = 0; d < w.end; d += DAY) {
    for (const s of t.Store) {
      const visitors = r.int(600, 1500);
      const transactions = Math.round(visitors * r.num(0.15, 0.3));
      traffic.push({
        id: `ST${k++}`,
        storeId: s.id,
        trafficDate: d,
        visitors,
        transactions,
        salesAmount: Math.round(transactions * r.num(25, 50)),
        staffHours: r.num(60, 140, 1),
      });
    }
  }
  t.StoreTraffic = traffic;

  r = ctx.random('Opportunity');
  t.Opportunity = perMonth(r, w, volume(ctx, 30), (ts, i) => {
    const createdAt = day(ts);
    const closeAt = createdAt + r.int(10, 120) * DAY;
    const closed = closeAt < w.end && r.chance(0.85);
    return {
      id: `OP${i}`,
      customerId: refId(r, t, 'Customer'),
      ownerId: `E${r.int(0, 19)}`,
      createdAt,
      closedAt: closed ? closeAt : null,
      stage: closed ? r.weighted(['won', 3], ['lost', 7]) : r.pick(['prospecting', 'qualified', 'proposal']),
      amount: r.int(2, 80) * 1000,
      source: r.pick(['inbound', 'outbound', 'partner', 'event']),
    };
  });

  r = ctx.random('WebSession');
  t.WebSession = perMonth(r, w, volume(ctx, 400), (startedAt, i) => {
    const bounce = r.chance(0.4);
    const cart = !bounce && r.chance(0.2);
    return {
      id: `WS${i}`,
      customerId: r.chance(0.4) ? refId(r, t, 'Customer') : null,
      startedAt,
      device: r.weighted(['desktop', 3], ['mobile', 4], ['tablet', 1], ['app', 2]),
      source: r.pick(['organic', 'paid', 'email', 'social', 'direct']),
      pageViews: bounce ? 1 : r.int(2, 20),
      durationSeconds: bounce ? r.int(5, 40) : r.int(40, 900),
      isBounce: bounce,
      addedToCart: cart,
      converted: cart && r.chance(0.3),
    };
  });
}
