import type { IndustryDefinition } from '../industry-table';
import { energy } from './energy';
import { financialServices } from './financial-services';
import { healthcare } from './healthcare';
import { logistics } from './logistics';
import { manufacturing } from './manufacturing';
import { retail } from './retail';

/** Industries in display order. */
export const INDUSTRIES: readonly IndustryDefinition[] = [
  manufacturing,
  retail,
  healthcare,
  financialServices,
  energy,
  logistics,
];
