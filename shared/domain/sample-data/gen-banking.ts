import type { Row } from '../formula/compile-expr';
import { type GenContext, volume } from './context';
import { DAY, day, HOUR, monthStarts, perMonth, refId } from './random';

const CHANNELS: readonly (readonly [string, number])[] = [
  ['branch', 2],
  ['online', 4],
  ['mobile', 4],
  ['broker', 1],
];

/** Accounts, transactions, loan applications, loans, loan tape, KYC, collections and AML alerts. */
export function generateBanking(ctx: GenContext): void {
  const { tables: t, window: w } = ctx;
  let r = ctx.random('Account');
  t.Account = Array.from({ length: 700 }, (_, i): Row => {
    const productType = r.weighted(
      ['current', 4],
      ['savings', 3],
      ['term_deposit', 1],
      ['credit_card', 2],
      ['investment', 0.5],
    );
    const openedAt = day(w.start - r.skew(0, 3000, 0) * DAY + r.next() * 700 * DAY);
    const closedAt = r.chance(0.1)
      ? day(Math.max(openedAt + 30 * DAY, w.start) + r.next() * 720 * DAY)
      : null;
    return {
      id: `A${i}`,
      customerId: i < 400 ? `C${i}` : refId(r, t, 'Customer'),
      productType,
      channel: r.weighted(...CHANNELS),
      openedAt,
      closedAt: closedAt !== null && closedAt < w.end ? closedAt : null,
      balance: r.skew(100, 250000, 0),
      interestRate:
        productType === 'savings'
          ? r.num(0.5, 2.5)
          : productType === 'term_deposit'
            ? r.num(1.5, 3.5)
            : productType === 'credit_card'
              ? r.num(14, 22)
              : 0,
      monthlyFee: productType === 'current' ? r.pick([0, 2.5, 5]) : 0,
      isDigitallyActive: r.chance(0.7),
      isDormant: r.chance(0.07),
    };
  });

  r = ctx.random('Transaction');
  t.Transaction = perMonth(r, w, volume(ctx, 1500), (postedAt, i) => {
    const type = r.weighted(
      ['deposit', 2],
      ['withdrawal', 2],
      ['transfer_in', 2],
      ['transfer_out', 2],
      ['card_payment', 6],
      ['fee', 0.5],
      ['interest_credit', 0.3],
      ['interest_charge', 0.2],
    );
    const fraud = type === 'card_payment' && r.chance(0.004);
    return {
      id: `TX${i}`,
      accountId: refId(r, t, 'Account'),
      postedAt,
      amount: type === 'fee' ? r.pick([1, 2.5, 5, 15]) : r.skew(5, 3000, 2),
      type,
      channel:
        type === 'card_payment'
          ? r.pick(['pos', 'online', 'mobile'])
          : r.weighted(['branch', 1], ['atm', 2], ['online', 4], ['mobile', 5]),
      isFlagged: fraud || r.chance(0.01),
      isConfirmedFraud: fraud,
      isFailed: r.chance(0.004),
    };
  });

  r = ctx.random('LoanApplication');
  t.LoanApplication = perMonth(r, w, volume(ctx, 120), (submittedAt, i) => {
    const creditScore = r.int(480, 850);
    const auto = r.chance(0.55);
    const decidedAt = submittedAt + (auto ? r.num(0.01, 0.5) : r.skew(4, 120, 1)) * HOUR;
    const withdrawn = r.chance(0.07);
    const pending = decidedAt >= w.end;
    const decision = withdrawn
      ? 'withdrawn'
      : pending
        ? 'pending'
        : creditScore > 600 || r.chance(0.2)
          ? 'approved'
          : 'declined';
    const requestedAmount = r.int(2, 300) * 1000;
    return {
      id: `LA${i}`,
      customerId: refId(r, t, 'Customer'),
      submittedAt,
      decidedAt: withdrawn || pending ? null : decidedAt,
      decision,
      product: r.weighted(['mortgage', 2], ['personal', 3], ['auto', 2], ['sme', 1], ['credit_card', 2]),
      channel: r.weighted(...CHANNELS),
      requestedAmount,
      approvedAmount: decision === 'approved' ? Math.round(requestedAmount * r.num(0.7, 1)) : null,
      creditScore,
      isAutoDecided: auto && !withdrawn,
      isNewCustomer: r.chance(0.35),
      acquisitionCost: r.int(20, 250),
    };
  });

  r = ctx.random('Loan');
  t.Loan = t.LoanApplication.filter((a) => a.decision === 'approved')
    .map((a, i): Row | null => {
      const disbursedAt = day((a.decidedAt as number) + r.int(1, 10) * DAY);
      if (disbursedAt >= w.end) return null;
      const principal = a.approvedAmount as number;
      return {
        id: `L${i}`,
        customerId: a.customerId,
        applicationId: a.id,
        disbursedAt,
        product: a.product,
        riskGrade: r.weighted(['a', 3], ['b', 3], ['c', 2], ['d', 1], ['e', 0.5]),
        principal,
        interestRate: r.num(3, 11),
        termMonths: r.pick([12, 24, 36, 60, 120, 240]),
        originationFee: Math.round(principal * r.num(0.002, 0.015)),
      };
    })
    .filter((x): x is Row => x !== null);

  // Month-end loan tape: a pre-existing book plus the loans disbursed in the window.
  r = ctx.random('LoanSnapshot');
  const starts = monthStarts(w);
  const snaps: Row[] = [];
  let k = 0;
  for (const loan of t.Loan) {
    let balance = loan.principal as number;
    let dpd = 0;
    for (let m = 1; m < starts.length; m++) {
      const monthEnd = starts[m]! - DAY;
      if (monthEnd < (loan.disbursedAt as number)) continue;
      balance = Math.round(balance * (1 - 1 / (loan.termMonths as number)));
      dpd = dpd > 0 ? (r.chance(0.5) ? 0 : dpd + 30) : r.chance(0.04) ? 30 : 0;
      const writtenOff = dpd > 180;
      const nonPerforming = dpd > 90;
      const rate = loan.interestRate as number;
      snaps.push({
        id: `LS${k++}`,
        loanId: loan.id,
        snapshotDate: monthEnd,
        outstandingBalance: balance,
        daysPastDue: dpd,
        status: writtenOff
          ? 'written_off'
          : nonPerforming
            ? 'non_performing'
            : dpd > 0
              ? 'delinquent'
              : r.chance(0.01)
                ? 'restructured'
                : 'current',
        interestIncome: Math.round((balance * rate) / 1200),
        fundingCost: Math.round((balance * 2) / 1200),
        provisionAmount: Math.round(balance * (nonPerforming ? r.num(0.35, 0.7) : r.num(0.005, 0.02))),
        chargedOffAmount: writtenOff ? balance : 0,
      });
      if (writtenOff) break;
    }
  }
  t.LoanSnapshot = snaps;

  r = ctx.random('KycCase');
  t.KycCase = perMonth(r, w, volume(ctx, 60), (openedAt, i) => {
    const straight = r.chance(0.6);
    const completedAt = openedAt + (straight ? r.num(0.05, 2) : r.skew(6, 200, 1)) * HOUR;
    const abandoned = r.chance(0.1);
    const done = !abandoned && completedAt < w.end;
    return {
      id: `KYC${i}`,
      customerId: refId(r, t, 'Customer'),
      openedAt,
      completedAt: done ? completedAt : null,
      status: abandoned ? 'abandoned' : done ? r.weighted(['approved', 9], ['rejected', 1]) : 'pending',
      riskLevel: r.weighted(['low', 7], ['medium', 2.5], ['high', 0.5]),
      channel: r.weighted(...CHANNELS),
      isStraightThrough: straight,
      documentsRequested: straight ? 0 : r.int(1, 4),
    };
  });

  r = ctx.random('CollectionCase');
  t.CollectionCase = perMonth(r, w, volume(ctx, 25), (ts, i) => {
    const openedAt = day(ts);
    const closedAt = openedAt + r.int(10, 120) * DAY;
    const closed = closedAt < w.end;
    const outcome = closed
      ? r.weighted(['cured', 5], ['payment_plan', 2], ['settled', 1.5], ['charged_off', 1.5])
      : 'open';
    const amountDue = r.int(200, 20000);
    const promises = r.int(0, 4);
    return {
      id: `CC${i}`,
      loanId: refId(r, t, 'Loan'),
      openedAt,
      closedAt: closed ? closedAt : null,
      outcome,
      amountDue,
      amountRecovered:
        outcome === 'charged_off'
          ? Math.round(amountDue * r.num(0, 0.2))
          : Math.round(amountDue * r.num(0.4, 1)),
      contactAttempts: r.int(1, 12),
      promisesToPay: promises,
      promisesKept: Math.min(promises, r.int(0, promises)),
    };
  });

  r = ctx.random('AmlAlert');
  t.AmlAlert = perMonth(r, w, volume(ctx, 40), (raisedAt, i) => {
    const closedAt = raisedAt + r.skew(1, 40, 1) * DAY;
    const closed = closedAt < w.end;
    return {
      id: `AML${i}`,
      customerId: refId(r, t, 'Customer'),
      raisedAt,
      closedAt: closed ? closedAt : null,
      outcome: closed ? r.weighted(['false_positive', 92], ['escalated', 6], ['reported', 2]) : 'open',
      riskScore: r.int(30, 100),
    };
  });
}
