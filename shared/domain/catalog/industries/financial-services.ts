import { industryTable } from '../industry-table';

export const financialServices = industryTable(
  {
    id: 'financial-services',
    name: 'Financial services',
    description:
      'Retail and commercial banks and lenders: acquire, onboard, lend, serve, pay and manage risk.',
  },
  `
== acquire | Acquire | Attract new customers and business.
- customer-acquisition | Customer acquisition | Win customers at a sound cost through digital channels. | digital-application-share customer-acquisition-cost new-accounts-opened new-customers
- business-banking-sales | Business banking sales | Manage the commercial lending pipeline. | win-rate pipeline-value average-deal-size sales-cycle-length
== onboard | Onboard | Verify and open customers quickly and compliantly.
- kyc-onboarding | KYC onboarding | Know your customer without losing them on the way. | onboarding-time straight-through-onboarding-rate onboarding-abandonment-rate
== lend | Lend | Decide and disburse credit.
- credit-decisioning | Credit decisioning | Decide fast and consistently. | loan-approval-rate time-to-decision auto-decision-rate application-withdrawal-rate approved-to-requested-ratio
- loan-origination | Loan origination | Grow lending at the right price. | new-lending-volume new-loan-rate origination-fee-yield
== serve | Serve | Look after customers and their accounts.
- customer-engagement | Customer engagement | Deepen and keep relationships. | digital-adoption-rate dormant-account-share products-per-customer transactions-per-active-account account-attrition-rate
- deposits | Deposits | Fund the bank at a low cost. | total-deposits average-deposit-rate
- contact-centre | Contact centre | Resolve customer requests in one go. | first-contact-resolution average-handle-time first-response-time net-promoter-score ticket-volume
== pay | Payments | Move money reliably and safely.
- payment-operations | Payment operations | Process payments without failures. | digital-transaction-share transaction-failure-rate fee-income
- fraud-prevention | Fraud prevention | Stop fraud without drowning in false alerts. | card-fraud-loss-rate fraud-alert-precision
== risk | Manage risk | Keep the portfolio healthy, collect arrears and fight financial crime.
- portfolio-quality | Portfolio quality | Watch arrears, defaults and provisions. | non-performing-loan-ratio delinquency-rate-30 charge-off-rate npl-coverage-ratio loan-loss-allowance-ratio restructured-loan-share
- portfolio-profitability | Portfolio profitability | Earn a sound margin on the loan book. | gross-loan-portfolio net-interest-margin portfolio-yield
- collections-recovery | Collections and recovery | Bring borrowers back to paying. | cure-rate recovery-rate promise-kept-rate contacts-per-case
- financial-crime | Financial crime compliance | Investigate alerts promptly and train staff. | aml-false-positive-rate aml-alert-closure-time aml-alert-backlog mandatory-training-pass-rate
`,
);
