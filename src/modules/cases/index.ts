import type { Module } from '../../core/platform.ts';
import type { CatalogApi } from '../catalog/index.ts';
import type { IdentityApi } from '../identity/index.ts';
import type { OrgApi } from '../org/index.ts';
import { applicantRoutes } from './applicant-routes.ts';
import { Evaluations } from './evaluation.ts';
import { EvaluationQueries } from './evaluation-queries.ts';
import { evaluationRoutes } from './evaluation-routes.ts';
import { evaluationMigrations } from './evaluation-schema.ts';
import { CaseIntake } from './intake.ts';
import type { ActionType } from './model.ts';
import { Prereviews } from './prereview.ts';
import { prereviewRoutes } from './prereview-routes.ts';
import { CaseQueries } from './queries.ts';
import { casesMigrations } from './schema.ts';
import { seedCases } from './seed.ts';
import { CasesService } from './service.ts';
import { workbenchRoutes } from './workbench-routes.ts';
import { CaseWork } from './work.ts';

export type { CaseView } from './service.ts';

/** What other modules (and the CLI, tests and benchmarks) may ask of cases. */
export interface CasesApi {
  /** Deems accepted every case nobody accepted or answered within 5 working days; returns how many. */
  sweep(): Promise<number>;
}

export function createCases(catalog: CatalogApi, identity: IdentityApi, org: OrgApi): { module: Module; api: CasesApi } {
  let parts: { s: CasesService; intake: CaseIntake; queries: CaseQueries; work: CaseWork; pre: Prereviews; ev: Evaluations; evq: EvaluationQueries } | undefined;
  const ready = () => {
    if (!parts) throw new Error('cases module is not initialized');
    return parts;
  };
  const module: Module = {
    name: 'cases',
    migrations: { ...casesMigrations, ...evaluationMigrations },
    async init(p) {
      const s = new CasesService(p, identity);
      parts = { s, intake: new CaseIntake(s, catalog), queries: new CaseQueries(s), work: new CaseWork(s, catalog), pre: new Prereviews(s, catalog), ev: new Evaluations(s, org), evq: new EvaluationQueries(s, org) };
      parts.ev.subscribe();
      p.outbox.subscribe({
        name: 'cases.notify-applicant',
        types: ['case.accept', 'case.deem-accept', 'case.refuse', 'case.request-supplement', 'case.decide', 'case.issue', 'case.deliver', 'case.confirm-delivery'],
        async handle(e) {
          const c = e.payload as { caseId: string; number: string; personId: string; to: string };
          await s.notify({ ...c, action: e.type.slice('case.'.length) as ActionType });
        },
      });
      p.outbox.subscribe({
        name: 'cases.notify-prereview',
        types: ['case.prereview.answered'],
        async handle(e) {
          const r = e.payload as { personId: string; itemName: string; complete: boolean };
          await s.tell(
            r.personId,
            null,
            r.complete ? `您申请预审的“${r.itemName}”材料齐全，可以前往窗口办理或网上申请。` : `您申请预审的“${r.itemName}”材料需要补充或更正，请查看预审答复。`,
            r.complete ? `Your materials for "${r.itemName}" are complete: apply online or at a window.` : `Your materials for "${r.itemName}" need additions or corrections: see the pre-review answer.`,
          );
        },
      });
    },
    routes(app, p) {
      const { s, intake, queries, work, pre, ev, evq } = ready();
      applicantRoutes(app, s, intake, queries);
      workbenchRoutes(app, s, intake, queries, work);
      prereviewRoutes(app, pre);
      evaluationRoutes(app, s, ev, evq);
      const seconds = p.config.CASE_SWEEP_SECONDS;
      if (seconds > 0) {
        const timer = setInterval(() => void work.sweep().catch((e: unknown) => app.log.error(e, 'deemed-acceptance sweep failed')), seconds * 1000);
        timer.unref();
        app.addHook('onClose', async () => clearInterval(timer));
      }
    },
    seedDemo: () => seedCases(ready().s, ready().intake, catalog, identity),
  };
  return { module, api: { sweep: () => ready().work.sweep() } };
}
