/**
 * Roles, permissions and the one rule that decides access: a grant of a role within a region
 * subtree (and, where it applies, one department) allows the role's permissions on targets inside
 * that subtree. Pure: no I/O, tested directly.
 */

export const ROLES = [
  'platform_admin',
  'catalog_admin',
  'window_clerk',
  'reviewer',
  'department_head',
  'supervisor',
  'inspector',
  'exchange_admin',
  'market_admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  platform_admin: { zh: '平台管理员', en: 'Platform admin' },
  catalog_admin: { zh: '事项管理员', en: 'Catalog admin' },
  window_clerk: { zh: '窗口人员', en: 'Window clerk' },
  reviewer: { zh: '审查人员', en: 'Reviewer' },
  department_head: { zh: '部门负责人', en: 'Department head' },
  supervisor: { zh: '监察人员', en: 'Supervisor' },
  inspector: { zh: '执法检查人员', en: 'Inspector' },
  exchange_admin: { zh: '交换管理员', en: 'Exchange admin' },
  market_admin: { zh: '中介超市管理员', en: 'Market admin' },
  auditor: { zh: '审计人员', en: 'Auditor' },
};

/** Later issues add their permissions here and grant them to roles below. */
export const PERMISSIONS = {
  'org:read': 'read regions, departments, halls and windows',
  'org:manage': 'create and change departments, halls and windows',
  'staff:read': 'read staff accounts and their grants',
  'staff:manage': 'create staff accounts, grant and revoke roles, reset passwords',
  'audit:read': 'read the audit trail',
  'file:upload': 'upload files to the blob store',
  'person:read': 'find a person by ID number (masked view) at a window',
  'person:verify': 'record an in-person identity check (real-name level 3)',
  'person:read_id': 'read a full ID number, stating a reason that is audited',
  'enterprise:accept_code': 'accept a really issued credit code that fails a check character (flagged, audited)',
  'client:manage': 'register and remove OpenID Connect clients (single sign-on relying parties, machine clients)',
  'catalog:read': 'read catalog items with their drafts, history and operations',
  'catalog:edit': 'create items, edit drafts, submit them, import items from Excel',
  'catalog:approve': 'approve a submitted item version or return it with a reason',
  'catalog:publish': 'publish approved versions; suspend, cancel, split and merge items (region-wide grants only)',
  'calendar:manage': "enter a year's holiday calendar not yet published (province-wide grants only)",
  'case:read': 'read cases in the workbench: queues, details, materials, timelines; export a queue',
  'case:handle': 'act on cases as the step needs: accept, refuse, ask for supplements, review, decide, issue, deliver',
  'case:intake': 'take in cases at a window for applicants present, and answer online pre-reviews',
  'case:assign': 'assign cases of your department to a colleague',
  'evaluation:rectify': 'handle the rectification of a poor rating and appeal a mistaken or malicious one',
  'evaluation:appeal': 'decide departments’ appeals against ratings',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const EVERY_STAFF: Permission[] = ['org:read', 'file:upload', 'catalog:read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  platform_admin: [...EVERY_STAFF, 'org:manage', 'staff:read', 'staff:manage', 'enterprise:accept_code', 'client:manage', 'calendar:manage'],
  catalog_admin: [...EVERY_STAFF, 'catalog:edit', 'catalog:publish'],
  window_clerk: [...EVERY_STAFF, 'person:read', 'person:verify', 'person:read_id', 'case:read', 'case:handle', 'case:intake'],
  reviewer: [...EVERY_STAFF, 'person:read', 'person:read_id', 'case:read', 'case:handle'],
  department_head: [...EVERY_STAFF, 'staff:read', 'catalog:approve', 'case:read', 'case:handle', 'case:assign', 'evaluation:rectify'],
  supervisor: [...EVERY_STAFF, 'staff:read', 'case:read', 'evaluation:appeal'],
  inspector: EVERY_STAFF,
  exchange_admin: EVERY_STAFF,
  market_admin: EVERY_STAFF,
  auditor: [...EVERY_STAFF, 'audit:read', 'staff:read', 'case:read'],
};

export interface Grant {
  role: Role;
  regionCode: string;
  departmentId: string | null;
}

/** Who is calling: a staff member, or a person (citizen) who may act for an enterprise. */
interface PrincipalBase {
  id: string;
  name: string;
  /** Roles within regions; persons have none. */
  grants: Grant[];
  /**
   * A step the account must take first (change its password, enrol a second factor): until then
   * only routes open to any authenticated principal answer.
   */
  pending?: 'password-change' | 'mfa-enrolment' | null;
}
export interface StaffPrincipal extends PrincipalBase {
  kind: 'staff';
}
export interface PersonPrincipal extends PrincipalBase {
  kind: 'person';
  /** Real-name level: 1 registered, 2 checked against the identity-verification service, 3 checked in person. */
  level: 1 | 2 | 3;
  /** The enterprise the person acts for in this session (chosen at login, switched without logging in again). */
  actingFor?: ActingFor | null;
}

export interface ActingFor {
  enterpriseId: string;
  creditCode: string;
  name: string;
  /** The legal representative acts for everything; an agent within the scope of the grant. */
  as: 'legal_representative' | 'agent';
  /** For an agent: all items, or only items of these types (national item type codes). */
  itemTypes: string[] | 'all';
}
/** A registered machine client (a department system, a city platform) calling with a client-credentials token. */
export interface MachinePrincipal extends PrincipalBase {
  kind: 'machine';
  /** The token's scopes that the client is registered for. */
  scopes: string[];
}
export type Principal = StaffPrincipal | PersonPrincipal | MachinePrincipal;

/** What a request acts upon: the region it lies in and, where it has one, its department. */
export interface Scope {
  regionCode: string;
  departmentId?: string | null;
}

/** Parent lookup of the region tree; null above the root. */
export type ParentOf = (code: string) => string | null | undefined;

export function isWithin(parentOf: ParentOf, code: string, ancestor: string): boolean {
  for (let c: string | null | undefined = code, depth = 0; c && depth < 16; c = parentOf(c), depth++) {
    if (c === ancestor) return true;
  }
  return false;
}

export const roleAllows = (role: Role, permission: Permission): boolean =>
  ROLE_PERMISSIONS[role].includes(permission);

/**
 * The grant that allows `permission` on `scope`, or undefined. A department-bound grant applies to
 * a scope that names no department (reading a region's list) or names its own department.
 */
export function authorizingGrant(
  grants: readonly Grant[],
  permission: Permission,
  scope: Scope | undefined,
  parentOf: ParentOf,
): Grant | undefined {
  return grants.find(
    (g) =>
      roleAllows(g.role, permission) &&
      (scope === undefined ||
        (isWithin(parentOf, scope.regionCode, g.regionCode) &&
          (g.departmentId === null || !scope.departmentId || scope.departmentId === g.departmentId))),
  );
}

/** Region codes under which the principal holds `permission`: list endpoints filter by these. */
export const regionsWith = (grants: readonly Grant[], permission: Permission): string[] => [
  ...new Set(grants.filter((g) => roleAllows(g.role, permission)).map((g) => g.regionCode)),
];
