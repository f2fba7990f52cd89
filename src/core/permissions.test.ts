import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizingGrant, isWithin, PERMISSIONS, regionsWith, ROLE_PERMISSIONS, ROLES, type Grant, type Permission } from './permissions.ts';

// A small tree: province P, cities A and B, counties A1, A2 under A, B1 under B.
const parents: Record<string, string | null> = { P: null, A: 'P', B: 'P', A1: 'A', A2: 'A', B1: 'B' };
const parentOf = (c: string) => parents[c];
const codes = Object.keys(parents);
const permissions = Object.keys(PERMISSIONS) as Permission[];

const grantArb = fc.record({
  role: fc.constantFrom(...ROLES),
  regionCode: fc.constantFrom(...codes),
  departmentId: fc.constantFrom(null, 'd1', 'd2'),
});

describe('region subtrees', () => {
  it('a region is within itself and its ancestors, never within a sibling or a descendant', () => {
    expect(isWithin(parentOf, 'A1', 'A1')).toBe(true);
    expect(isWithin(parentOf, 'A1', 'A')).toBe(true);
    expect(isWithin(parentOf, 'A1', 'P')).toBe(true);
    expect(isWithin(parentOf, 'A1', 'B')).toBe(false);
    expect(isWithin(parentOf, 'A', 'A1')).toBe(false);
    expect(isWithin(parentOf, 'unknown', 'P')).toBe(false);
  });
});

describe('authorizingGrant', () => {
  it('denies by default: no grants, no access', () => {
    fc.assert(fc.property(fc.constantFrom(...permissions), fc.constantFrom(...codes), (p, c) => authorizingGrant([], p, { regionCode: c }, parentOf) === undefined));
  });

  it('returns a grant only if its role holds the permission and the target lies in its subtree and department (property)', () => {
    fc.assert(
      fc.property(fc.array(grantArb, { maxLength: 4 }), fc.constantFrom(...permissions), fc.constantFrom(...codes), fc.constantFrom(undefined, null, 'd1', 'd2'), (grants, p, region, dept) => {
        const g = authorizingGrant(grants as Grant[], p, { regionCode: region, departmentId: dept }, parentOf);
        const expected = grants.some(
          (x) => ROLE_PERMISSIONS[x.role].includes(p) && isWithin(parentOf, region, x.regionCode) && (x.departmentId === null || !dept || dept === x.departmentId),
        );
        expect(g !== undefined).toBe(expected);
        if (g) {
          expect(ROLE_PERMISSIONS[g.role]).toContain(p);
          expect(isWithin(parentOf, region, g.regionCode)).toBe(true);
        }
      }),
    );
  });

  it('adding a grant never removes access (monotonic, property)', () => {
    fc.assert(
      fc.property(fc.array(grantArb, { maxLength: 3 }), grantArb, fc.constantFrom(...permissions), fc.constantFrom(...codes), (grants, extra, p, region) => {
        const before = authorizingGrant(grants as Grant[], p, { regionCode: region }, parentOf) !== undefined;
        const after = authorizingGrant([...grants, extra] as Grant[], p, { regionCode: region }, parentOf) !== undefined;
        expect(!before || after).toBe(true);
      }),
    );
  });

  it('a department-bound grant does not reach another department of its region', () => {
    const g: Grant[] = [{ role: 'reviewer', regionCode: 'A', departmentId: 'd1' }];
    expect(authorizingGrant(g, 'org:read', { regionCode: 'A1', departmentId: 'd1' }, parentOf)).toBeDefined();
    expect(authorizingGrant(g, 'org:read', { regionCode: 'A1', departmentId: 'd2' }, parentOf)).toBeUndefined();
    expect(authorizingGrant(g, 'org:read', { regionCode: 'A1' }, parentOf)).toBeDefined();
  });

  it('lists the regions under which a permission is held', () => {
    expect(regionsWith([{ role: 'auditor', regionCode: 'A', departmentId: null }, { role: 'reviewer', regionCode: 'B', departmentId: null }], 'audit:read')).toEqual(['A']);
  });

  it('only the auditor reads the audit trail and only the platform admin manages organizations and staff', () => {
    expect(ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('audit:read'))).toEqual(['auditor']);
    expect(ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('org:manage'))).toEqual(['platform_admin']);
    expect(ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('staff:manage'))).toEqual(['platform_admin']);
  });
});
