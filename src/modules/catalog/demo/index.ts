/**
 * Demo content of the catalog: forty fully specified items with their local items (实施清单) at the
 * province, city and county levels.
 *
 * This is demo data, written for the demo from public laws and regulations (each guide cites the
 * law and article it rests on); it is not an official publication of any department. Base codes
 * ending in D00 are demo codes composed as 42 + item type + department number + sequence + D00 and
 * are NOT official codes; the other codes are real codes of Hubei's published catalog
 * (../shared/data/items.json). Hall addresses and phone numbers are demo values.
 */
import { CIVIL_AFFAIRS_ITEMS } from './civil-affairs.ts';
import { ECONOMY_ITEMS } from './economy.ts';
import { EDUCATION_CULTURE_ITEMS } from './education-culture.ts';
import { EMERGENCY_ITEMS } from './emergency.ts';
import { HEALTH_PRACTICE_ITEMS } from './health-practice.ts';
import { HEALTH_ITEMS } from './health.ts';
import { HOUSING_ITEMS } from './housing.ts';
import { HUMAN_RESOURCES_ITEMS } from './human-resources.ts';
import { MARKET_SAFETY_ITEMS } from './market-safety.ts';
import { MARKET_ITEMS } from './market.ts';
import { MEDICAL_SECURITY_ITEMS } from './medical-security.ts';
import { PUBLIC_SECURITY_ITEMS } from './public-security.ts';
import { RESOURCES_ENVIRONMENT_ITEMS } from './resources-environment.ts';
import type { DemoItem } from './types.ts';

export type { DemoItem, DemoLocal } from './types.ts';

export const DEMO_ITEMS: DemoItem[] = [
  ...MARKET_ITEMS,
  ...MARKET_SAFETY_ITEMS,
  ...HEALTH_ITEMS,
  ...HEALTH_PRACTICE_ITEMS,
  ...HOUSING_ITEMS,
  ...PUBLIC_SECURITY_ITEMS,
  ...CIVIL_AFFAIRS_ITEMS,
  ...HUMAN_RESOURCES_ITEMS,
  ...MEDICAL_SECURITY_ITEMS,
  ...EDUCATION_CULTURE_ITEMS,
  ...RESOURCES_ENVIRONMENT_ITEMS,
  ...ECONOMY_ITEMS,
  ...EMERGENCY_ITEMS,
];
