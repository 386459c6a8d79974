import type { KpiDefinition } from '../types';
import { bankingKpis } from './banking';
import { energyKpis } from './energy';
import { financeKpis } from './finance';
import { healthcareKpis } from './healthcare';
import { inventoryKpis } from './inventory';
import { logisticsKpis } from './logistics';
import { manufacturingKpis } from './manufacturing';
import { peopleKpis } from './people';
import { procurementKpis } from './procurement';
import { salesKpis } from './sales';
import { serviceKpis } from './service';

/** Every catalog KPI, once. Industries reference them by id through their use cases. */
export const KPIS: readonly KpiDefinition[] = [
  ...salesKpis,
  ...financeKpis,
  ...procurementKpis,
  ...inventoryKpis,
  ...logisticsKpis,
  ...manufacturingKpis,
  ...serviceKpis,
  ...peopleKpis,
  ...healthcareKpis,
  ...bankingKpis,
  ...energyKpis,
];
