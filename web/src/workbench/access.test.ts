import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../src/core/calendar.ts';
import { isWithin, ROLES, type Grant, type Role } from '../../../src/core/permissions.ts';
import { CASE_STATES, processOf, signsAgreed, transition, type CaseAction, type CaseCore, type CaseState, type ProcessStep } from '../../../src/modules/cases/model.ts';
import { roleFor, rolesFor } from '../../../src/modules/cases/service.ts';
import { actingRole, caseRoles, mayGrant, offeredActions, STAFF_ACTIONS, type CaseRole, type StaffActionType } from './access.ts';

const cal = new WorkingCalendar();
const TODAY = '2026-03-20';
const PEOPLE = ['u1', 'u2'];
const CASE_ROLE_LIST: CaseRole[] = ['window_clerk', 'reviewer', 'department_head'];
const date = fc.integer({ min: 0, max: 40 }).map((n) => new Date(Date.parse('2026-02-10T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10));
const decision = fc.constantFrom(null, 'agree' as const, 'disagree' as const);

/** Any case the machine could be asked about, consistent or not: the two sides must agree on each. */
const core: fc.Arbitrary<CaseCore> = fc
  .record({
    state: fc.constantFrom(...(Object.keys(CASE_STATES) as CaseState[])),
    middle: fc.array(fc.constantFrom<ProcessStep['role']>('reviewer', 'department_head'), { maxLength: 3 }),
    stepPick: fc.nat(),
    stepOpened: fc.boolean(),
    receivedOn: date,
    accepted: fc.boolean(),
    pauses: fc.array(fc.record({ kind: fc.constantFrom('supplement' as const, 'hearing' as const, 'expert' as const), from: date, open: fc.boolean() }), { maxLength: 3 }),
    extension: fc.option(fc.record({ days: fc.integer({ min: 1, max: 10 }), requestedBy: fc.constantFrom(...PEOPLE), approved: fc.constantFrom(null, true, false) }), { nil: null }),
    signs: fc.option(fc.record({ mode: fc.constantFrom('all' as const, 'any' as const), decisions: fc.array(decision, { minLength: 1, maxLength: 3 }) }), { nil: null }),
    lastAdvance: fc.option(fc.record({ by: fc.constantFrom(...PEOPLE), fromStep: fc.nat(3) }), { nil: null }),
    supplementRequests: fc.nat(2),
  })
  .map((r): CaseCore => {
    const steps = processOf(r.middle.map((role, i) => ({ name: `s${i}`, role, days: 1 })));
    const step = r.stepPick % steps.length;
    let open = false;
    return {
      state: r.state,
      steps,
      step,
      stepOpened: r.stepOpened,
      receivedOn: r.receivedOn,
      acceptanceStart: r.receivedOn,
      acceptedOn: r.accepted ? r.receivedOn : null,
      deemedAccepted: false,
      supplementRequests: r.supplementRequests,
      // At most one pause is open, as the machine keeps it.
      pauses: r.pauses.map((p) => {
        const to = p.open && !open ? null : p.from;
        open ||= to === null;
        return { kind: p.kind, from: p.from, to, reason: '理由' };
      }),
      extension: r.extension && { ...r.extension, reason: '理由' },
      signs: r.signs && { mode: r.signs.mode, step, departments: r.signs.decisions.map((d, i) => ({ id: `d${i}`, name: `部门${i}`, decision: d, opinion: null })) },
      lastAdvance: r.lastAdvance && { ...r.lastAdvance, fromState: 'reviewing' },
      decision: null,
      delivery: null,
      promisedDays: 5,
      statutoryDays: 20,
    };
  });

/** Complete forms for each action: every refusal left is then about the case, not the form. */
function forms(c: CaseCore, a: StaffActionType): CaseAction[] {
  const text = '说明';
  switch (a) {
    case 'refuse':
      return [{ type: a, reason: text, basis: text, remedies: text }];
    case 'request-supplement':
      return [{ type: a, deficiencies: [{ text }], justification: text }];
    case 'advance':
      return [{ type: a, opinion: text }];
    case 'return':
      return [{ type: a, toStep: 1, reason: text }];
    case 'countersign':
      return [{ type: a, mode: 'all', departments: [{ id: 'x1', name: '部门' }] }];
    case 'sign':
      return [{ type: a, departmentId: c.signs?.departments.find((d) => d.decision === null)?.id ?? 'd0', agree: true, opinion: text }];
    case 'pause':
      return [{ type: a, kind: 'hearing', reason: text }];
    case 'request-extension':
      return [{ type: a, days: 5, reason: text }];
    case 'answer-extension':
      return [{ type: a, approve: true }];
    case 'decide':
      return [
        { type: a, grant: true, reasons: text },
        { type: a, grant: false, reasons: text },
      ];
    case 'deliver':
      return [{ type: a, method: 'electronic' }];
    default:
      return [{ type: a }];
  }
}

describe('what the workbench offers', () => {
  it('offers exactly the actions the state machine accepts from the role the server would use', () => {
    fc.assert(
      fc.property(core, fc.subarray(CASE_ROLE_LIST), fc.constantFrom(...PEOPLE), (c, roles, me) => {
        const offered = offeredActions(c, roles, me);
        for (const a of STAFF_ACTIONS) {
          const role = roleFor(c, a, roles);
          expect(actingRole(c, a, roles)).toBe(role);
          const passes =
            role !== null &&
            forms(c, a).some((action) => {
              const out = transition(c, action, { role, actorId: me, today: TODAY, calendar: cal });
              return out.ok || out.code === 'late';
            });
          expect(offered.has(a), `${a} by ${roles.join('+') || 'nobody'} on ${JSON.stringify(c)}`).toBe(passes);
        }
        // A grant needs the round agreed; a denial only needs it finished.
        expect(mayGrant(c)).toBe(!c.signs || signsAgreed(c.signs));
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the roles a staff member holds for a case as the server does', () => {
    const parents: Record<string, string | null> = { '420000': null, '420100': '420000', '420102': '420100', '420200': '420000' };
    const regions = Object.keys(parents);
    const parentOf = (c: string) => parents[c];
    const grant = fc.record({ role: fc.constantFrom(...(ROLES as readonly Role[])), regionCode: fc.constantFrom(...regions), departmentId: fc.constantFrom(null, 'd1', 'd2') });
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 4 }), fc.constantFrom(...regions), fc.constantFrom('d1', 'd2'), (grants: Grant[], region, department) => {
        const path = regions.filter((r) => isWithin(parentOf, region, r));
        const server = rolesFor({ kind: 'staff', id: 's', name: 's', grants }, { region_code: region, department_id: department }, parentOf);
        expect(new Set(caseRoles(grants, { departmentId: department }, path))).toEqual(new Set(server));
      }),
    );
  });
});
