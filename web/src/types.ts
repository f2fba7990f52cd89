/** Shapes of the server's JSON, as the web app reads them. */

export type Lang = 'zh' | 'en';
export type Text = Record<Lang, string>;

export type { Permission } from '../../src/core/permissions.ts';
import type { Permission } from '../../src/core/permissions.ts';

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
  /** Seconds to wait (429 too many requests, 423 account locked): the body's, else the Retry-After header's. */
  retryAfter?: number;
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

/** The step a staff member must take before anything else. */
export type PendingStep = 'password-change' | 'mfa-enrolment';

export interface Me {
  id: string;
  username: string;
  name: string;
  mustChangePassword: boolean;
  csrfToken: string;
  grants: Grant[];
  permissions: Permission[];
  /** A second factor (TOTP authenticator app) is enrolled. Absent from servers without MFA. */
  mfaEnabled?: boolean;
  /** The account holds a role that decides cases or manages accounts, which needs a second factor. */
  mfaRequired?: boolean;
  pending?: PendingStep | null;
}

export interface MfaSetup {
  /** Base32, for typing into an authenticator app by hand. */
  secret: string;
  otpauthUri: string;
}

/** One entry of a login history (staff: /api/auth/logins; persons: /api/persons/me/logins). */
export interface LoginEvent {
  at: string;
  action: string;
  clientIp: string | null;
  method?: string | null;
}

export type RealNameLevel = 1 | 2 | 3;

/** A person (citizen) as they see themselves. */
export interface Person {
  id: string;
  name: string;
  idNumberMasked: string;
  mobileMasked: string;
  level: RealNameLevel;
  levelVerifiedAt: string | null;
  hasPassword: boolean;
}

export interface PersonMe extends Person {
  csrfToken: string;
  /** The enterprise the person now acts for (my space), or null for themselves. */
  actingFor?: ActingFor | null;
}

/** How a person may act for an enterprise. */
export type EnterpriseRole = 'legal_representative' | 'agent';
/** 'all', or national item type codes ('01' … '10', '20'). */
export type ItemTypes = 'all' | string[];

export interface ActingFor {
  enterpriseId: string;
  creditCode: string;
  name: string;
  as: EnterpriseRole;
  itemTypes: ItemTypes;
}

export interface Enterprise {
  id: string;
  creditCode: string;
  name: string;
  as: EnterpriseRole;
  itemTypes: ItemTypes;
  expiresAt: string | null;
}

export interface AgentGrant {
  id: string;
  personName: string;
  idNumberMasked: string;
  itemTypes: ItemTypes;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
}

/** A single sign-on client the person has authorized. */
export interface AuthorizedApplication {
  clientId: string;
  clientName: string;
  scopes: string[];
  grantedAt: string;
}

export type CodePurpose = 'register' | 'login';

export interface CodeSent {
  sentTo: string;
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

export interface MailboxMessage {
  id: number;
  channel: string;
  recipient: string;
  text: string;
  purpose: string;
  createdAt: string;
}

export interface Mailbox {
  notice: string;
  items: MailboxMessage[];
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
  /** A second factor is enrolled (when the server reports it). */
  mfaEnabled?: boolean;
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

export type OidcGrant = 'authorization_code' | 'client_credentials';

/** A single sign-on (relying party) or machine client (/api/oidc/clients). */
export interface OidcClient {
  clientId: string;
  name: string;
  grant: OidcGrant;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  scopes: string[];
  regionCode: string;
  createdAt: string;
}

/** The answer to a registration: the only time the secret is shown. */
export interface OidcClientCreated extends OidcClient {
  clientSecret: string;
}
