import type { DataObject } from '../types';
import { bankingObjects } from './banking';
import { commercialObjects } from './commercial';
import { energyObjects } from './energy';
import { healthcareObjects } from './healthcare';
import { inventoryObjects } from './inventory';
import { logisticsObjects } from './logistics';
import { manufacturingObjects } from './manufacturing';
import { peopleObjects } from './people';
import { procurementObjects } from './procurement';
import { serviceObjects } from './service';

/** The whole data object model, area by area. */
export const DATA_OBJECTS: readonly DataObject[] = [
  ...commercialObjects,
  ...procurementObjects,
  ...inventoryObjects,
  ...logisticsObjects,
  ...manufacturingObjects,
  ...serviceObjects,
  ...peopleObjects,
  ...healthcareObjects,
  ...bankingObjects,
  ...energyObjects,
];
