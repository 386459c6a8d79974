import { kpiTable } from '../kpi-table';

/** Financial services KPIs: lending, portfolio, collections, onboarding, compliance, payments. Format: see kpi-table.ts. */
export const bankingKpis = kpiTable(`
@LoanApplication
loan-approval-rate | Loan approval rate | % | + | 65 | 65 55 45 | week | product channel | lending origination
  count(LoanApplication where decision = 'approved') / count(LoanApplication where decision in ('approved', 'declined')) * 100
  Share of decided loan applications that were approved.
time-to-decision | Time to credit decision | h | - | 24 | 24 48 72 | week | product channel | lending origination cycle-time
  median(hours_between(LoanApplication.submittedAt, LoanApplication.decidedAt))
  Median hours from a complete application to the credit decision.
auto-decision-rate | Automated decision rate | % | + | 60 | 60 45 30 | month | product channel | lending automation
  count(LoanApplication where isAutoDecided and decidedAt is not null) / count(LoanApplication where decidedAt is not null) * 100
  Share of credit decisions taken by the scoring engine without manual review.
application-withdrawal-rate | Application withdrawal rate | % | - | 8 | 8 12 16 | month | product channel | lending origination customer-experience
  count(LoanApplication where decision = 'withdrawn') / count(LoanApplication) * 100
  Share of applications the applicant abandoned before a decision.
digital-application-share | Digital application share | % | + | 60 | 60 50 40 | month | product | lending digital
  count(LoanApplication where channel in ('online', 'mobile')) / count(LoanApplication) * 100
  Share of loan applications submitted online or in the app.
customer-acquisition-cost | Customer acquisition cost | $ | - | 300 | 300 400 500 | month | product channel | lending acquisition cost
  sum(LoanApplication.acquisitionCost) / count(LoanApplication where decision = 'approved' and isNewCustomer)
  Marketing and broker cost per new customer approved.
approved-to-requested-ratio | Approved-to-requested amount | % | + | 90 | 90 80 70 | month | product | lending origination
  sum(LoanApplication.approvedAmount where decision = 'approved') / sum(LoanApplication.requestedAmount where decision = 'approved') * 100
  Amount approved as a share of the amount requested on approved applications.
@Loan
new-lending-volume | New lending volume | $ | + | 20000000 | 20000000 15000000 10000000 | month | product riskGrade | lending growth
  sum(Loan.principal)
  Principal disbursed in the period.
new-loan-rate | Average rate on new loans | % | + | 6 | 6 5 4 | month | product riskGrade | lending pricing
  sum(Loan.principal * Loan.interestRate) / sum(Loan.principal)
  Interest rate of new loans weighted by principal, in percent per year.
origination-fee-yield | Origination fee yield | % | + | 1 | 1 0.7 0.4 | month | product | lending revenue
  sum(Loan.originationFee) / sum(Loan.principal) * 100
  Origination fees as a share of principal disbursed.
@LoanSnapshot
gross-loan-portfolio | Gross loan portfolio | $ | + | 500000000 | 500000000 450000000 400000000 | month | loan.product loan.riskGrade | portfolio lending
  sum(LoanSnapshot.outstandingBalance where status != 'written_off') / count(distinct LoanSnapshot.snapshotDate)
  Principal outstanding at month end, averaged over the month ends of the period.
non-performing-loan-ratio | Non-performing loan ratio | % | - | 3 | 3 5 8 | month | loan.product loan.riskGrade | credit-risk portfolio
  sum(LoanSnapshot.outstandingBalance where status != 'written_off' and (daysPastDue > 90 or status = 'non_performing')) / sum(LoanSnapshot.outstandingBalance where status != 'written_off') * 100
  Balance of loans more than 90 days past due or otherwise non-performing, as a share of the portfolio.
delinquency-rate-30 | 30+ days delinquency rate | % | - | 5 | 5 7 10 | month | loan.product loan.riskGrade | credit-risk collections
  sum(LoanSnapshot.outstandingBalance where status != 'written_off' and daysPastDue >= 30) / sum(LoanSnapshot.outstandingBalance where status != 'written_off') * 100
  Balance at least 30 days past due as a share of the portfolio.
net-interest-margin | Net interest margin | % | + | 3 | 3 2.5 2 | month | loan.product | profitability portfolio
  (sum(LoanSnapshot.interestIncome) - sum(LoanSnapshot.fundingCost)) * 365 / period_days() / kpi('gross-loan-portfolio') * 100
  Annualised interest earned minus funding cost, as a share of the average loan portfolio.
portfolio-yield | Portfolio yield | % | + | 6 | 6 5 4 | month | loan.product loan.riskGrade | profitability portfolio
  sum(LoanSnapshot.interestIncome) * 365 / period_days() / kpi('gross-loan-portfolio') * 100
  Annualised interest income as a share of the average loan portfolio.
charge-off-rate | Net charge-off rate | % | - | 0.5 | 0.5 1 2 | month | loan.product loan.riskGrade | credit-risk portfolio
  sum(LoanSnapshot.chargedOffAmount) * 365 / period_days() / kpi('gross-loan-portfolio') * 100
  Annualised write-offs as a share of the average loan portfolio.
npl-coverage-ratio | Non-performing loan coverage | % | + | 60 | 60 45 30 | month | loan.product | credit-risk provisioning
  sum(LoanSnapshot.provisionAmount where status != 'written_off' and (daysPastDue > 90 or status = 'non_performing')) / sum(LoanSnapshot.outstandingBalance where status != 'written_off' and (daysPastDue > 90 or status = 'non_performing')) * 100
  Loss allowance held against non-performing loans as a share of their balance.
loan-loss-allowance-ratio | Loan loss allowance ratio | % | - | 2 | 2 3 4 | month | loan.product | credit-risk provisioning
  sum(LoanSnapshot.provisionAmount) / sum(LoanSnapshot.outstandingBalance where status != 'written_off') * 100
  Loss allowance held as a share of the loan portfolio.
restructured-loan-share | Restructured loan share | % | - | 2 | 2 4 6 | month | loan.product | credit-risk portfolio
  sum(LoanSnapshot.outstandingBalance where status = 'restructured') / sum(LoanSnapshot.outstandingBalance where status != 'written_off') * 100
  Share of the portfolio whose terms were changed because the borrower struggled to pay.
@CollectionCase
cure-rate | Collections cure rate | % | + | 50 | 50 40 30 | month | loan.product | collections credit-risk
  count(CollectionCase where outcome = 'cured') / count(CollectionCase where outcome != 'open') * 100
  Share of closed collection cases where the borrower caught up with payments.
recovery-rate | Recovery rate | % | + | 60 | 60 50 40 | month | loan.product | collections
  sum(CollectionCase.amountRecovered) / sum(CollectionCase.amountDue) * 100
  Amount recovered as a share of arrears at case opening.
promise-kept-rate | Promise-to-pay kept rate | % | + | 70 | 70 60 50 | month | loan.product | collections
  sum(CollectionCase.promisesKept) / sum(CollectionCase.promisesToPay) * 100
  Share of promises to pay that borrowers honoured.
contacts-per-case | Contact attempts per case | x | - | 6 | 6 8 10 | month | loan.product | collections efficiency
  avg(CollectionCase.contactAttempts)
  Average contact attempts made per collection case.
@KycCase
onboarding-time | Onboarding completion time | h | - | 24 | 24 48 72 | week | channel riskLevel | onboarding customer-experience compliance
  median(hours_between(KycCase.openedAt, KycCase.completedAt) where status = 'approved')
  Median hours to complete identity checks for approved customers.
straight-through-onboarding-rate | Straight-through onboarding rate | % | + | 70 | 70 55 40 | month | channel riskLevel | onboarding automation
  count(KycCase where isStraightThrough and status = 'approved') / count(KycCase where status = 'approved') * 100
  Share of approved onboardings completed without manual review.
onboarding-abandonment-rate | Onboarding abandonment rate | % | - | 10 | 10 15 20 | month | channel | onboarding customer-experience
  count(KycCase where status = 'abandoned') / count(KycCase) * 100
  Share of onboarding cases the customer did not finish.
@AmlAlert
aml-false-positive-rate | AML false positive rate | % | - | 90 | 90 95 98 | month | | compliance financial-crime efficiency
  count(AmlAlert where outcome = 'false_positive') / count(AmlAlert where outcome != 'open') * 100
  Share of closed monitoring alerts that turned out to be harmless.
aml-alert-closure-time | AML alert closure time | d | - | 10 | 10 20 30 | month | outcome | compliance financial-crime
  avg(days_between(AmlAlert.raisedAt, AmlAlert.closedAt))
  Average days to investigate and close a monitoring alert.
aml-alert-backlog | Open AML alerts | # | - | 100 | 100 200 300 | week | | compliance financial-crime backlog
  to_date(count(AmlAlert where closedAt is null or closedAt >= period_end()))
  Monitoring alerts raised and not yet closed at the end of the period.
@Transaction
card-fraud-loss-rate | Card fraud loss rate | ratio:basis points | - | 5 | 5 8 12 | month | channel | fraud payments risk
  sum(Transaction.amount where isConfirmedFraud) / sum(Transaction.amount where type = 'card_payment') * 10000
  Confirmed fraud as basis points (hundredths of a percent) of card payment value.
fraud-alert-precision | Fraud alert precision | % | + | 20 | 20 10 5 | month | channel | fraud efficiency
  count(Transaction where isConfirmedFraud) / count(Transaction where isFlagged) * 100
  Share of flagged transactions confirmed as fraud.
digital-transaction-share | Digital transaction share | % | + | 75 | 75 65 55 | month | type | digital payments
  count(Transaction where channel in ('online', 'mobile')) / count(Transaction) * 100
  Share of transactions made online or in the app.
transaction-failure-rate | Transaction failure rate | % | - | 0.5 | 0.5 1 2 | day | channel type | payments reliability
  count(Transaction where isFailed) / count(Transaction) * 100
  Share of transactions rejected or failed.
fee-income | Fee income | $ | + | 200000 | 200000 150000 100000 | month | channel account.productType | revenue payments
  sum(Transaction.amount where type = 'fee')
  Fees charged to accounts in the period.
transactions-per-active-account | Transactions per active account | x | + | 20 | 20 15 10 | month | account.productType | engagement payments
  count(Transaction) / count(distinct Transaction.accountId)
  Transactions per account that had at least one transaction.
@Account
digital-adoption-rate | Digital adoption rate | % | + | 70 | 70 60 50 | month | productType channel | digital engagement
  count(Account where isDigitallyActive and closedAt is null) / count(Account where closedAt is null) * 100
  Share of open accounts used through online or mobile banking in the last 90 days.
dormant-account-share | Dormant account share | % | - | 8 | 8 12 16 | quarter | productType | engagement
  count(Account where isDormant and closedAt is null) / count(Account where closedAt is null) * 100
  Share of open accounts without customer activity for a year.
account-attrition-rate | Account attrition rate | % | - | 1 | 1 1.5 2 | month | productType channel | retention
  count(Account where in_period(closedAt)) / count(Account where openedAt < period_start() and (closedAt is null or closedAt >= period_start())) * 100
  Share of accounts open at the start of the period that were closed during it.
products-per-customer | Products per customer | x | + | 2 | 2 1.6 1.3 | quarter | customer.segment | cross-sell engagement
  count(Account where closedAt is null) / count(distinct Account.customerId where closedAt is null)
  Open accounts per customer holding at least one.
total-deposits | Total deposits | $ | + | 800000000 | 800000000 700000000 600000000 | month | productType channel | funding balance-sheet
  sum(Account.balance where productType in ('current', 'savings', 'term_deposit') and closedAt is null)
  Current balances of open deposit accounts.
new-accounts-opened | New accounts opened | # | + | 500 | 500 400 300 | month | productType channel | growth acquisition
  count(Account where in_period(openedAt))
  Accounts opened in the period.
average-deposit-rate | Average deposit rate | % | - | 1.5 | 1.5 2 2.5 | month | productType | funding pricing
  sum(Account.balance * Account.interestRate where productType in ('savings', 'term_deposit') and closedAt is null) / sum(Account.balance where productType in ('savings', 'term_deposit') and closedAt is null)
  Interest rate paid on savings and term deposits weighted by balance, in percent per year.
`);
