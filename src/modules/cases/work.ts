import { auditedTx, systemActor, type Actor } from '../../core/audit.ts';
import { sniffType } from '../../core/blobs.ts';
import type { Tx } from '../../core/db.ts';
import { conflict, fieldError, forbidden, notFound, versionConflict } from '../../core/errors.ts';
import { authorizingGrant } from '../../core/permissions.ts';
import type { CatalogApi } from '../catalog/index.ts';
import { ACCEPTANCE_DAYS, deadlines, pauseRanges, type CaseAction } from './model.ts';
import type { CasesTables } from './schema.ts';
import { rolesFor, type CaseRow, type CasesService } from './service.ts';

const closed = () => conflict('办件已办结或终止，不能再分派或审查', 'the case is closed: it can no longer be assigned or reviewed');

type StaffActionIn = Exclude<CaseAction, { type: 'supplement' | 'withdraw' | 'deem-accept' | 'issue' }> | { type: 'issue'; document: string };

/** The workbench's changes besides the state machine itself: assignment, comments, checklist ticks, window intake, the acceptance sweep. */
export class CaseWork {
  constructor(
    private readonly s: CasesService,
    private readonly catalog: CatalogApi,
  ) {}

  /** A staff action; issuing names the result document (a PDF uploaded through POST /api/files). */
  async act(actor: Actor, id: string, version: number, action: StaffActionIn, note: string | null) {
    if (action.type !== 'issue') return this.s.act(actor, id, version, action, { note });
    const bytes = await this.s.p.blobs.get(action.document);
    if (!bytes || (await sniffType(bytes)) !== 'application/pdf') throw fieldError('action/document', 'pdf', '结果文书须为已上传的 PDF 文件', 'the result document is an uploaded PDF');
    return this.s.act(actor, id, version, { type: 'issue' }, { note, patch: { result_sha256: action.document }, data: { document: action.document } });
  }

  /**
   * Claim (the staff member takes it), assign (a department head gives it to a colleague) or transfer
   * (转办: the current assignee passes it on). The colleague must hold a role for the case.
   */
  async assign(actor: Actor, id: string, version: number, staffId: string, reason: string) {
    const me = actor.principal!;
    return this.change(actor, id, version, async (tx, row) => {
      if (row.queue === null) throw closed();
      const claim = staffId === me.id;
      const head = authorizingGrant(me.grants, 'case:assign', { regionCode: row.region_code, departmentId: row.department_id }, this.parentOf) !== undefined;
      if (!claim && !head && row.assignee_id !== me.id) throw forbidden({ zh: '只有当前经办人可以转办，部门负责人可以分派', en: 'only the current assignee transfers a case; a department head assigns it' });
      if (!claim && row.assignee_id === me.id && !reason.trim()) throw fieldError('reason', 'required', '转办须说明理由', 'a transfer states its reason');
      const colleague = claim ? { id: me.id, name: me.name, grants: me.grants } : await this.s.identity.staff(staffId);
      if (!colleague || rolesFor({ kind: 'staff', ...colleague }, row, this.parentOf).length === 0) throw fieldError('staffId', 'role', '该同事在此办件上没有办理岗位', 'this colleague holds no role for this case');
      await tx.updateTable('cases.case').set({ assignee_id: colleague.id, assignee_name: colleague.name, version: row.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
      const action = claim ? 'claim' : row.assignee_id === me.id ? 'transfer' : 'assign';
      return { action, note: reason || null, data: { to: colleague.name } };
    });
  }

  /** Comments need no version: they change nothing another person could be editing. */
  async comment(actor: Actor, id: string, text: string) {
    await this.change(actor, id, null, async () => ({ action: 'comment', note: text, data: null }));
  }

  async check(actor: Actor, id: string, input: { key: string; ok: boolean; note: string }) {
    const row = await this.s.row(id);
    const [kind, ref, n] = input.key.split(':') as ['m' | 's', string, string];
    const list = kind === 'm' ? row.snapshot.materials.find((m) => m.id === ref)?.checkpoints : row.snapshot.steps[Number(ref)]?.checkpoints;
    if (!list?.[Number(n)]) throw fieldError('key', 'exists', '没有这个审查要点', 'no such checkpoint');
    return this.change(actor, id, null, async (tx, locked) => {
      if (locked.queue === null) throw closed();
      const checks = { ...locked.checks, [input.key]: { ok: input.ok, note: input.note, by: actor.principal!.name, at: new Date().toISOString() } };
      await tx.updateTable('cases.case').set({ checks: JSON.stringify(checks) as never, version: locked.version + 1, updated_at: new Date() }).where('id', '=', id).execute();
      return { action: 'checklist', note: input.note || null, data: { key: input.key, checkpoint: list[Number(n)], ok: input.ok } };
    });
  }

  /** A locked change that is not a state transition (version-checked unless `version` is null), with its timeline and audit entries. */
  private async change(actor: Actor, id: string, version: number | null, work: (tx: Tx<CasesTables>, row: CaseRow) => Promise<{ action: string; note: string | null; data: Record<string, unknown> | null }>) {
    return auditedTx(this.s.p.db, actor, async (t) => {
      const tx = t as Tx<CasesTables>;
      const row = await tx.selectFrom('cases.case').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw notFound('办件', 'case');
      if (version !== null && row.version !== version) throw versionConflict(this.s.view(row));
      const done = await work(tx, row);
      await this.s.timeline(tx, row, actor, done.action, row.state, done.note, done.data);
      const after = await tx.selectFrom('cases.case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return { result: this.s.view(after), change: { action: `case.${done.action}`, targetType: 'case', targetId: id, regionCode: row.region_code, detail: done.data ?? undefined } };
    });
  }

  private parentOf = (c: string) => this.s.p.regionParents.get(c);

  /** Where a window intake lands: the published item's region (null when there is no such item), for the route's guard. */
  async itemScope(itemCode: string): Promise<{ regionCode: string } | null> {
    const item = await this.catalog.published(itemCode).catch(() => null);
    return item ? { regionCode: item.item.regionCode } : null;
  }

  /** Every deadline of the case, with each day of the running clock and why it counted or not. */
  explain(row: CaseRow) {
    const today = this.s.today();
    const cal = this.s.p.calendar;
    const core = row.core;
    const d = deadlines(core, cal, today, this.s.p.config.CASE_WARN_DAYS);
    const paused = pauseRanges(core, today);
    const from = core.acceptedOn ?? core.acceptanceStart;
    const to = d.statutoryDue ?? d.acceptanceDue ?? today;
    return {
      deadlines: d,
      basis: core.acceptedOn
        ? { from: core.acceptedOn, promisedDays: core.promisedDays, statutoryDays: core.statutoryDays, extensionDays: core.extension?.approved ? core.extension.days : 0, deemedAccepted: core.deemedAccepted }
        : { from: core.acceptanceStart, acceptanceDays: ACCEPTANCE_DAYS },
      pauses: core.pauses,
      ...cal.explain(from, to > from ? to : from, paused),
    };
  }

  /**
   * Deemed acceptance (《行政许可法》第三十二条): a case neither accepted nor answered with a
   * supplement notice within 5 working days is accepted as of the day it was received. Runs on a
   * timer; each case is its own transaction, so one failure does not hold up the others.
   */
  async sweep(): Promise<number> {
    const today = this.s.today();
    const candidates = await this.s.db.selectFrom('cases.case').select(['id', 'version']).where('queue', '=', 'to_accept').where('due_on', '<', today).limit(500).execute();
    let n = 0;
    for (const c of candidates) {
      try {
        await this.s.act(systemActor('deemed-acceptance'), c.id, c.version, { type: 'deem-accept' });
        n++;
      } catch {
        // Changed meanwhile (accepted, answered, version moved): the next sweep looks again.
      }
    }
    return n;
  }
}
