/** Shapes of the catalog API's JSON (src/modules/catalog), as the web app reads them. */
import type { Text } from '../types.ts';

/** When an element applies: every clause must hold (an answer among its options). Empty = always. */
export type When = { question: string; anyOf: string[] }[];

export interface FileRef {
  sha256: string;
  filename: string;
}

export interface Question {
  id: string;
  text: string;
  options: { id: string; label: string }[];
}

export interface Condition {
  id: string;
  kind: string;
  text: string;
  when?: When;
  baseId?: string;
}

export interface Material {
  id: string;
  name: string;
  requirement: 'required' | 'conditional';
  conditionNote?: string;
  originals: number;
  copies: number;
  form: string;
  source: string;
  sourceRef?: string;
  basis: string;
  template?: FileRef;
  sample?: FileRef;
  notes?: string;
  when?: When;
  checkpoints: string[];
  baseId?: string;
}

export interface Step {
  id: string;
  name: string;
  role: string;
  days: number;
  standard: string;
  checkpoints: string[];
}

export interface Fee {
  name: string;
  standard: string;
  basis: string;
  waivable: boolean;
}

/** The service guide (办事指南) of one item version. */
export interface Guide {
  summary: string;
  legalBasis: { law: string; article: string }[];
  conditions: Condition[];
  prohibitedRequirements: string[];
  materials: Material[];
  steps: Step[];
  statutoryDays: number;
  promisedDays: number;
  limitNote: string;
  caseType: string;
  handlingForms: string[];
  onlineDepth: string[];
  visits: number;
  fees: Fee[];
  result: { name: string; kind: string; sample?: FileRef; licenseType?: string };
  delivery: string[];
  audience: string[];
  themes: string[];
  hall: { address: string; hours: string };
  consultPhone: string;
  complaintPhone: string;
  faq: { q: string; a: string }[];
  oneVisit: boolean;
  scope: string;
  intermediaries: { name: string; required: boolean; basis: string }[];
  situations: Question[];
}

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
export type ItemStatus = 'active' | 'suspended' | 'cancelled';
export type VersionStatus = 'draft' | 'submitted' | 'approved' | 'published' | 'superseded';

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
