import { systemActor } from '../../core/audit.ts';
import { ROLE_LABELS, ROLES, type ActingFor, type Grant, type Role } from '../../core/permissions.ts';
import type { Module, Platform } from '../../core/platform.ts';
import type { OrgApi } from '../org/index.ts';
import { createOidc, oidcMigrations, type OidcApi } from './oidc/index.ts';
import { enterpriseRoutes } from './enterprise-routes.ts';
import { EnterpriseService } from './enterprises.ts';
import { personRoutes } from './person-routes.ts';
import { DevelopmentMarketRegistry, HttpMarketRegistry } from './registry.ts';
import { PersonService, type PersonContact } from './persons.ts';
import { identityRoutes, SESSION_COOKIE } from './routes.ts';
import { identityMigrations } from './schema.ts';
import { IdentityService } from './service.ts';
import { StaffAdmin } from './staff-admin.ts';
import { DevelopmentIdentityVerifier, HttpIdentityVerifier } from './verification.ts';

export { passwordProblems } from './model.ts';
export { requireLevel } from './levels.ts';
export type { PersonContact } from './persons.ts';
export { parseCreditCode, parseIdNumber, type CreditCode, type IdNumber, type Parsed } from './codes.ts';

export const DEMO_PASSWORD = 'Demo-2026!';
/** The demo citizen (level 3, password DEMO_PASSWORD) and the enterprise they represent: demo data only. */
export const DEMO_PERSON = { name: '张三（演示）', idNumber: '420102199001011236', mobile: '13800000001', password: DEMO_PASSWORD };
export const DEMO_ENTERPRISE = { creditCode: '91420100MA4KDE0CXQ', name: '武汉示例餐饮管理有限公司（演示）' };

/** Demo accounts: which department (by kind) a role's demo account works in, where it works in one. */
const DEMO_DEPARTMENT: Partial<Record<Role, string>> = {
  window_clerk: 'government_services',
  reviewer: 'market_supervision',
  department_head: 'market_supervision',
  inspector: 'market_supervision',
};

export interface IdentityApi {
  createAdmin(input: { username: string; name: string; password: string; regionCode: string }): Promise<string>;
  person(id: string): Promise<PersonContact | null>;
  /** Finds a person by a full ID number (validated; 400 when malformed). */
  personByIdNumber(idNumber: string): Promise<PersonContact | null>;
  /** The enterprises a person represents or is a current agent of. */
  enterprisesOf(personId: string): Promise<{ id: string; creditCode: string; name: string }[]>;
  /** What a person may do for an enterprise now (legal representative or current agent), or null. */
  actingFor(personId: string, enterpriseId: string): Promise<ActingFor | null>;
  /** An active staff member with their grants, or null. */
  staff(id: string): Promise<{ id: string; name: string; grants: Grant[] } | null>;
  /** Single sign-on: client registration, key rotation (the CLI). */
  oidc: OidcApi;
}

export function createIdentity(org: OrgApi): { module: Module; api: IdentityApi } {
  let service: IdentityService | undefined;
  let persons: PersonService | undefined;
  let enterprises: EnterpriseService | undefined;
  let staffAdmin: StaffAdmin | undefined;
  let platform: Platform | undefined;
  const ready = () => {
    if (!service || !platform) throw new Error('identity module is not initialized');
    return { service, platform };
  };
  const oidc = createOidc({
    org,
    sessionCookie: SESSION_COOKIE,
    platformSession: (token) => ready().service.authenticate(token),
    endPlatformSession: (actor, sessionId) => ready().service.logout(actor, sessionId),
  });

  async function seedDemo(): Promise<string[]> {
    ready();
    const admin = staffAdmin!;
    const lines = [`演示账号 / demo accounts (password ${DEMO_PASSWORD}):`];
    for (const [suffix, regionCode] of [['hubei', '420000'], ['wuhan', '420100']] as const) {
      const region = org.region(regionCode)!;
      for (const role of ROLES) {
        const kind = DEMO_DEPARTMENT[role];
        const dept = kind ? await org.departmentOfKind(regionCode, kind) : null;
        const username = `${role}.${suffix}`;
        await admin.createWithGrant(systemActor('seed-demo'), {
          username,
          name: `${region.name}${ROLE_LABELS[role].zh}（演示）`,
          password: DEMO_PASSWORD,
          regionCode,
          departmentId: dept?.id ?? null,
          role,
          mustChangePassword: false,
          mfaExempt: true,
        });
        lines.push(`  ${username}`);
      }
    }
    const seed = systemActor('seed-demo');
    const person = await persons!.seedDemoPerson(seed, DEMO_PERSON);
    const enterprise = await enterprises!.register({ ...seed, principal: { kind: 'person', id: person.id, name: person.name, grants: [], level: 3 } }, DEMO_ENTERPRISE);
    lines.push(`演示自然人 / demo person: 身份证号 ${DEMO_PERSON.idNumber}（手机 ${DEMO_PERSON.mobile}），法定代表人 of ${enterprise.name} ${enterprise.creditCode}`);
    return lines;
  }

  const module: Module = {
    name: 'identity',
    migrations: { ...identityMigrations, ...oidcMigrations },
    async init(p) {
      platform = p;
      service = new IdentityService(p, org);
      staffAdmin = new StaffAdmin(p, org, service);
      const c = p.config;
      const identity = service;
      persons = new PersonService(p, c.IDV_URL ? new HttpIdentityVerifier(c.IDV_URL, c.IDV_TOKEN ?? '') : new DevelopmentIdentityVerifier(), (personId) => identity.forget(personId));
      const registry = c.MARKET_REGISTRY_URL ? new HttpMarketRegistry(c.MARKET_REGISTRY_URL, c.MARKET_REGISTRY_TOKEN ?? '') : new DevelopmentMarketRegistry();
      const ents = new EnterpriseService(p, registry, (personId) => identity.forget(personId));
      enterprises = ents;
      service.actingFor = (personId, enterpriseId) => ents.actingFor(personId, enterpriseId);
      service.changed = (accountId) => oidc.api.forgetAccount(accountId);
      p.authenticators.push(async (req) => {
        const token = req.cookies[SESSION_COOKIE];
        return token ? ready().service.authenticate(token) : null;
      });
      await oidc.init(p);
      const personService = persons;
      oidc.api.addAccountSource('person', {
        async find(accountId) {
          const [base, creditCode] = accountId.split('@');
          const account = await personService.oidcAccount(base!);
          if (!account || !creditCode) return account;
          const enterprise = (await ents.mine(account.id)).find((e) => e.creditCode === creditCode);
          return enterprise ? { ...account, actingFor: { creditCode, name: enterprise.name } } : null;
        },
      });
    },
    routes: (app, p) => {
      identityRoutes(app, p, ready().service, staffAdmin!, org, (req, reply) => oidc.api.signOut(req.raw, reply.raw, req.principal!));
      personRoutes(app, p, persons!);
      enterpriseRoutes(app, enterprises!, (code) => (org.region(code) ? code : null));
      oidc.routes(app, p);
    },
    seedDemo,
  };
  const api: IdentityApi = {
    oidc: oidc.api,
    createAdmin: (input) =>
      staffAdmin!.createWithGrant(systemActor('cli'), { ...input, role: 'platform_admin', mustChangePassword: true }),
    person: (id) => persons!.contact(id),
    actingFor: (personId, enterpriseId) => enterprises!.actingFor(personId, enterpriseId),
    enterprisesOf: (personId) => enterprises!.mine(personId),
    personByIdNumber: async (idNumber) => {
      const found = await persons!.findByIdNumber(idNumber);
      return found ? persons!.contact(found.id) : null;
    },
    staff: async (id) => {
      const s = await ready().service.staffView(id);
      return s?.active ? { id: s.id, name: s.name, grants: s.grants.map((g) => ({ role: g.role, regionCode: g.regionCode, departmentId: g.departmentId })) } : null;
    },
  };
  return { module, api };
}
