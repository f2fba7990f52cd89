/**
 * Shapes of the evaluation API's JSON (src/modules/cases/evaluation-*.ts), as the web app reads
 * them: the server's own types, imported type-only so that nothing of the server is bundled.
 */
import type { EvaluationQueries } from '../../../src/modules/cases/evaluation-queries.ts';

export type {
  AppealGround,
  AppealState,
  EvaluationChannel,
  Level,
  OnlineIndicator,
  RectificationState,
  WindowIndicator,
} from '../../../src/modules/cases/evaluation-model.ts';
export type { AppealFilter, RectificationFilter } from '../../../src/modules/cases/evaluation-queries.ts';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

/** GET and POST /api/my/cases/:id/evaluation: the rater's ratings, the rectification, whether a rating is open. */
export type RatingStatus = Result<EvaluationQueries['status']>;
export type RatingOut = RatingStatus['ratings'][number];

/** GET and POST /api/public/visits/:token. */
export interface VisitStatus extends RatingStatus {
  visit: { windowNumber: number; departmentName: string; itemName: string | null; openedAt: string };
}

/** One of GET /api/evaluations/rectifications. */
export type RectificationOut = Result<EvaluationQueries['rectification']>;
/** One of GET /api/evaluations/appeals. */
export type AppealCaseOut = Result<EvaluationQueries['appeal']>;
/** GET /api/public/evaluations/summary. */
export type RatingSummary = Result<EvaluationQueries['summary']>;
