/**
 * Shapes of the cases API's JSON (src/modules/cases), as the web app reads them: the server's own
 * types, imported type-only so that nothing of the server is bundled.
 */
import type { CaseIntake } from '../../../src/modules/cases/intake.ts';
import type { CaseQueries } from '../../../src/modules/cases/queries.ts';
import type { CasesService, CaseView } from '../../../src/modules/cases/service.ts';

export type { ActionType, CaseState, Channel, DeliveryMethod, Deadlines, Deficiency, Light, PauseKind } from '../../../src/modules/cases/model.ts';
export type { QueueName, QueueRow } from '../../../src/modules/cases/queries.ts';
export type { CaseSnapshot, SnapshotMaterial } from '../../../src/modules/cases/schema.ts';

/** A case as GET /api/my/cases/:id and GET /api/cases/:id return it (and as every action answers). */
export type CaseOut = CaseView;

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** One entry of a case's timeline: who did what, when, with what notice texts (`data`). */
export type TimelineEvent = Result<CaseQueries['timeline']>[number];
/** A file handed in for a case (uploaded online, scanned at a window, or added by a supplement). */
export type MaterialOut = Result<CaseQueries['materials']>[number];

/** GET /api/my/cases/:id and GET /api/cases/:id. */
export interface CaseDetail {
  case: CaseOut;
  materials: MaterialOut[];
  timeline: TimelineEvent[];
}

/** GET /api/public/progress. */
export type Progress = Result<CaseQueries['progress']>;
/** GET /api/my/apply/:itemCode. */
export type ApplyInfo = Result<CaseIntake['applyInfo']>;
export type ApplyMaterial = ApplyInfo['materials'][number];
/** A file of GET /api/my/materials. */
export type MyMaterial = Result<CaseIntake['myMaterials']>[number];
/** POST /api/my/files. */
export type UploadedFile = Result<CaseIntake['upload']>;
/** GET /api/my/messages. */
export type Messages = Result<CasesService['messages']>;
export type Message = Messages['items'][number];
/** GET /api/my/drafts/:itemCode. */
export type Draft = NonNullable<Result<CaseIntake['draft']>>;
