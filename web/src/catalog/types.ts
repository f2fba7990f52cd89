/** Shapes of the catalog API's JSON (src/modules/catalog), as the web app reads them. */
import type { Text } from '../types.ts';

import type { Condition, Guide, ItemStatus, Material, VersionStatus } from '../../../src/modules/catalog/model.ts';

/** The guide's shapes are the server's own (type-only: nothing of the server is bundled). */
export type { Condition, FileRef, Fee, Guide, ItemStatus, Material, Question, Step, VersionStatus, When } from '../../../src/modules/catalog/model.ts';

export type Table = Record<string, Text>;

/** GET /api/catalog/dictionaries: the code tables of guide elements. */
export interface Dictionaries {
  itemTypes: Table;
  levels: Table;
  applicationKinds: Table;
  onlineDepths: Table;
  handlingForms: Table;
  deliveryMethods: Table;
  caseTypes: Table;
  audiences: Table;
  handlingScopes: Table;
  materialSources: Table;
  materialForms: Table;
  stepRoles: Table;
  operations: Table;
  themes: Record<string, Text & { audience: string }>;
}

export type ItemKind = 'base' | 'local';

export interface CatalogItem {
  id: string;
  kind: ItemKind;
  code: string;
  baseCode: string;
  baseId: string | null;
  implementationCode: string | null;
  name: string;
  type: string;
  levels: string[];
  level: string;
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
  entrustedDepartmentId: string | null;
  entrustedDepartmentName: string | null;
  status: ItemStatus;
  publishedVersion: number | null;
  version: number;
}

/** A row of the staff list: the item and its open (unpublished) version, if any. */
export interface CatalogListItem extends CatalogItem {
  openVersion: { number: number; status: VersionStatus } | null;
}

export interface VersionSummary {
  number: number;
  status: VersionStatus;
  changeNote: string;
  createdBy: string;
  createdAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  returnedReason: string | null;
}

export interface ItemDetail {
  item: CatalogItem;
  versions: VersionSummary[];
}

export interface Version {
  itemId: string;
  number: number;
  status: VersionStatus;
  guide: Guide;
  rev: number;
  changeNote: string;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
  returnedReason: string | null;
}

/** GET …/problems: a publication or inheritance rule the version breaks, at an element path. */
export interface GuideProblem {
  element: string;
  rule: string;
  zh: string;
  en: string;
}

export interface DiffEntry {
  element: string;
  before: unknown;
  after: unknown;
}

export interface Operation {
  id: string;
  op: string;
  reason: string;
  sources: string[];
  targets: string[];
  actorName: string;
  at: string;
}

/** GET /api/portal/items/:code. */
export interface PublishedItem {
  item: CatalogItem;
  version: number;
  publishedAt: string;
  guide: Guide;
  canApplyOnline: boolean;
}

/** POST /api/portal/items/:code/applicable. */
export interface Applicable {
  materials: Material[];
  conditions: Condition[];
  unanswered: string[];
}

/** Character ranges [start, end) of a name that match the query. */
export type Highlights = [number, number][];

/** A hit of GET /api/portal/search. */
export interface SearchHit {
  id: string;
  code: string;
  name: string;
  type: string;
  level: string;
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
  audience: string[];
  themes: string[];
  canApplyOnline: boolean;
  highlights: Highlights;
}

/** A suggestion of GET /api/portal/suggest. */
export interface Suggestion {
  code: string;
  name: string;
  regionName: string;
  highlights: Highlights;
}
