import { industryTable } from '../industry-table';

export const energy = industryTable(
  {
    id: 'energy-utilities',
    name: 'Energy and utilities',
    description: 'Generators, network operators and retailers of electricity, gas and water.',
  },
  `
== generate | Generate | Produce energy reliably, cheaply and cleanly.
- plant-performance | Plant performance | Keep units available and productive. | net-capacity-factor availability-factor forced-outage-rate planned-outage-factor fuel-cost-per-mwh energy-generated
- decarbonisation | Decarbonisation | Cut the carbon of generation and fleet. | renewable-generation-share generation-carbon-intensity curtailment-rate low-emission-fleet-share
== distribute | Transmit and distribute | Keep the lights on across the network.
- network-reliability | Network reliability | Regulatory reliability indices and restoration. | saidi saifi caidi maifi asai unplanned-outages average-restoration-time weather-outage-share vegetation-outages-per-100km
- network-maintenance | Network maintenance | Maintain network assets on plan. | preventive-maintenance-compliance maintenance-backlog planned-maintenance-share
== connect | Connect | Connect customers and do field work.
- connections | Connections | Connect new customers on the date promised. | new-connection-time connection-promise-kept-rate
- field-operations | Field operations | Productive, punctual field crews. | first-time-fix-rate arrival-in-window-rate wrench-time-share jobs-per-technician-day visit-cancellation-rate
== meter | Meter | Turn meters into trusted consumption data.
- meter-to-data | Meter to data | Read meters remotely, on time and without estimates. | meter-read-success-rate estimated-read-rate on-schedule-read-rate remote-read-share smart-meter-penetration consumption-per-service-point
== bill | Bill and collect | Send correct bills and collect the money.
- billing | Billing | Bill on actual reads, correctly and digitally. | billing-accuracy estimated-bill-rate paperless-billing-rate bill-dispute-rate billed-revenue average-revenue-per-mwh
- credit-collections | Credit and collections | Collect fairly and keep disconnections low. | bill-collection-rate late-or-unpaid-bill-rate non-payment-disconnections
== serve | Serve customers | Answer customers well and keep staff safe.
- contact-centre | Contact centre | Resolve customer contacts with little effort. | first-contact-resolution average-handle-time billing-complaint-rate ticket-backlog contact-rate customer-effort-score net-promoter-score
- workforce-safety | Workforce safety | Keep field and plant staff safe. | lost-time-injury-frequency total-recordable-incident-rate lost-day-severity-rate
`,
);
