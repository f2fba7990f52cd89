/** Shapes of the server's JSON, as the web app reads them. */

export type Lang = 'zh' | 'en';
export type Text = Record<Lang, string>;

export type Permission = 'org:read' | 'org:manage' | 'staff:read' | 'staff:manage' | 'audit:read' | 'file:upload';

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  current?: unknown;
}

export interface Grant {
  id: string;
  role: string;
  roleLabel: Text;
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
}

export interface Me {
  id: string;
  username: string;
  name: string;
  mustChangePassword: boolean;
  csrfToken: string;
  grants: Grant[];
  permissions: Permission[];
}

export interface RoleInfo {
  role: string;
  label: Text;
  permissions: { permission: Permission; meaning: string }[];
}

export type RegionLevel = 'province' | 'prefecture' | 'county';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  type: string;
}

export interface RegionChild {
  code: string;
  name: string;
  level: RegionLevel;
  type: string;
  childCount: number;
  departmentCount: number;
  hallCount: number;
}

export interface DepartmentKind {
  kind: string;
  label: Text;
}

export interface Department {
  id: string;
  regionCode: string;
  regionName: string;
  kind: string;
  name: string;
  creditCode: string | null;
  phone: string | null;
  address: string | null;
  active: boolean;
  version: number;
}

export type WindowKind = 'comprehensive' | 'dedicated';

export interface HallWindow {
  id: string;
  number: number;
  name: string;
  kind: WindowKind;
  active: boolean;
  version: number;
}

export interface Hall {
  id: string;
  regionCode: string;
  regionName: string;
  name: string;
  address: string;
  hours: string;
  phone: string | null;
  active: boolean;
  version: number;
  windows: HallWindow[];
}

export interface PublicDepartment {
  id: string;
  name: string;
  kind: string;
  creditCode: string | null;
  phone: string | null;
  address: string | null;
}

export interface PublicHall {
  id: string;
  name: string;
  address: string;
  hours: string;
  phone: string | null;
  windowCount: number;
}

export interface Staff {
  id: string;
  username: string;
  name: string;
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  version: number;
  grants: Grant[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  regionCode: string | null;
  requestId: string | null;
  clientIp: string | null;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  seq?: number;
  problem?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Items<T> {
  items: T[];
}
