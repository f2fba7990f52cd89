/**
 * What a staff member may do on a case, as the server decides it: the roles their grants give them
 * for the case (src/modules/cases/service.ts `rolesFor`, `roleFor`) and the actions the state machine
 * accepts for those roles (src/modules/cases/model.ts `transition`). The server stays the judge —
 * it refuses anything else with 403 or 409 — so the workbench offers only what would pass;
 * access.test.ts checks this against the server's own functions. Pure: no I/O.
 */
import type { ActionType, CaseCore, SignRound } from '../../../src/modules/cases/model.ts';
import type { Grant } from '../types.ts';

export type CaseRole = 'window_clerk' | 'reviewer' | 'department_head';
const CASE_ROLES: readonly string[] = ['window_clerk', 'reviewer', 'department_head'];

/**
 * Actions staff take on the actions route (the applicant's and the clock's are not among them;
 * `open` is sent by itself), in the order the workbench shows them: forward first, then what
 * pauses or turns back, then the rest.
 */
export const STAFF_ACTIONS = [
  'accept',
  'advance',
  'decide',
  'issue',
  'deliver',
  'confirm-delivery',
  'request-supplement',
  'refuse',
  'return',
  'take-back',
  'countersign',
  'sign',
  'pause',
  'resume',
  'request-extension',
  'answer-extension',
] as const satisfies readonly ActionType[];
export type StaffActionType = (typeof STAFF_ACTIONS)[number];

/**
 * The roles `grants` give for a case: a window clerk's reaches every case of its regions (一窗受理),
 * a reviewer's or head's only its department's (or every department's, for a grant without one).
 * `regionPath` is the case region's path from the top of the tree down to it.
 */
export function caseRoles(grants: readonly Pick<Grant, 'role' | 'regionCode' | 'departmentId'>[], c: { departmentId: string }, regionPath: readonly string[]): CaseRole[] {
  const covers = (g: Pick<Grant, 'role' | 'regionCode' | 'departmentId'>) =>
    CASE_ROLES.includes(g.role) && regionPath.includes(g.regionCode) && (g.role === 'window_clerk' || g.departmentId === null || g.departmentId === c.departmentId);
  return [...new Set(grants.filter(covers).map((g) => g.role as CaseRole))];
}

/** The role the server lets the actor use for an action: the one the action or the current step needs, when held. */
export function actingRole(core: CaseCore, action: ActionType, roles: readonly CaseRole[]): CaseRole | null {
  const clerkAction = ['accept', 'refuse', 'issue', 'deliver', 'confirm-delivery'].includes(action) || (action === 'request-supplement' && core.state === 'submitted');
  const step = core.steps[core.step]?.role ?? 'reviewer';
  const wanted: CaseRole[] = clerkAction ? ['window_clerk'] : action === 'answer-extension' || action === 'decide' ? ['department_head'] : [step, 'department_head'];
  return wanted.find((r) => roles.includes(r)) ?? roles[0] ?? null;
}

const agreed = (s: SignRound) => (s.mode === 'all' ? s.departments.every((d) => d.decision === 'agree') : s.departments.some((d) => d.decision === 'agree'));
const finished = (s: SignRound) => agreed(s) || s.departments.every((d) => d.decision !== null);

/**
 * The staff actions the state machine would accept now from someone holding `roles` (with a
 * complete form). Refusing or asking for a supplement after the 5 working days to accept are
 * offered too: the server then answers that the case is accepted by law.
 */
export function offeredActions(core: CaseCore, roles: readonly CaseRole[], me: string): Set<StaffActionType> {
  const out = new Set<StaffActionType>();
  if (roles.length === 0) return out;
  const role = (a: StaffActionType) => actingRole(core, a, roles);
  const need = core.steps[core.step]?.role;
  const atStep = (a: StaffActionType) => {
    const r = role(a);
    return r === need || (need === 'reviewer' && r === 'department_head');
  };
  const paused = core.pauses.some((p) => p.to === null);
  const openPause = core.pauses.find((p) => p.to === null);
  const last = core.step === core.steps.length - 1;
  const signsOk = !core.signs || agreed(core.signs);
  const add = (a: StaffActionType, when: boolean) => when && out.add(a);

  switch (core.state) {
    case 'submitted':
      add('accept', role('accept') === 'window_clerk');
      add('refuse', role('refuse') === 'window_clerk');
      add('request-supplement', role('request-supplement') === 'window_clerk');
      break;
    case 'reviewing':
      add('request-supplement', atStep('request-supplement') && !paused);
      add('advance', atStep('advance') && !last && !paused && signsOk);
      add('return', atStep('return') && core.step >= 2);
      add('take-back', core.lastAdvance?.by === me && !core.stepOpened);
      add('countersign', atStep('countersign') && (!core.signs || finished(core.signs)));
      add('sign', core.signs?.departments.some((d) => d.decision === null) ?? false);
      add('pause', atStep('pause') && !paused);
      add('resume', openPause !== undefined && openPause.kind !== 'supplement');
      add('request-extension', atStep('request-extension') && !core.extension);
      add('answer-extension', role('answer-extension') === 'department_head' && core.extension?.approved === null && core.extension.requestedBy !== me);
      add('decide', last && atStep('decide') && !paused && core.extension?.approved !== null && (!core.signs || finished(core.signs)));
      break;
    case 'decided':
      add('issue', true);
      break;
    case 'issued':
      add('deliver', true);
      break;
    case 'delivering':
      add('confirm-delivery', true);
      break;
  }
  return out;
}

/**
 * Whether a grant decision needs the countersignature round agreed (a denial may follow a round
 * that disagreed): the decide form offers "grant" only when it may pass.
 */
export const mayGrant = (core: CaseCore) => !core.signs || agreed(core.signs);

/** The one who should open the current step on reading it: a holder of the step's own role who did not just pass it on. */
export function opensStep(core: CaseCore, roles: readonly CaseRole[], me: string): boolean {
  const need = core.steps[core.step]?.role;
  return core.state === 'reviewing' && !core.stepOpened && need !== undefined && roles.includes(need) && core.lastAdvance?.by !== me;
}
