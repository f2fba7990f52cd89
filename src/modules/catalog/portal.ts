import { invalid, notFound } from '../../core/errors.ts';
import { canApplyOnline, type Guide } from './model.ts';
import { answerProblems, applicable, type Answers } from './rules.ts';
import type { CatalogService, ItemView } from './service.ts';

export interface PublishedItem {
  item: ItemView;
  version: number;
  publishedAt: string;
  guide: Guide;
  canApplyOnline: boolean;
}

/** What the public portal reads: published versions of active items only. */
export class CatalogPortal {
  constructor(private readonly s: CatalogService) {}

  async published(code: string): Promise<PublishedItem> {
    const row = await this.s.db
      .selectFrom('catalog.item as i')
      .innerJoin('catalog.item_version as v', (j) => j.onRef('v.item_id', '=', 'i.id').onRef('v.number', '=', 'i.published_version'))
      .selectAll('i')
      .select(['v.guide', 'v.published_at'])
      .where('i.code', '=', code.toUpperCase())
      .where('i.status', '=', 'active')
      .executeTakeFirst();
    if (!row) throw notFound('已发布的事项', 'published item');
    return {
      item: this.s.view(row),
      version: row.published_version!,
      publishedAt: new Date(row.published_at!).toISOString(),
      guide: row.guide,
      canApplyOnline: row.kind === 'local' && canApplyOnline(row.guide.onlineDepth),
    };
  }

  async publishedIn(regionCode: string) {
    const rows = await this.s.db
      .selectFrom('catalog.item')
      .select(['code', 'name', 'type', 'department_id'])
      .where('kind', '=', 'local')
      .where('region_code', '=', regionCode)
      .where('status', '=', 'active')
      .where('published_version', 'is not', null)
      .orderBy('code')
      .execute();
    return rows.map((r) => ({ code: r.code, name: r.name, type: r.type, departmentId: r.department_id }));
  }

  /**
   * A blank template or filled sample of the published guide (material templates and samples, the
   * result sample): only files the guide names, so the route cannot serve anyone's other uploads.
   */
  async file(code: string, sha256: string) {
    const { guide } = await this.published(code);
    return this.s.namedFile([guide], sha256);
  }

  /** The conditions and materials that apply to situation answers; unknown questions or options are the caller's error. */
  async applicable(code: string, answers: Answers) {
    const { guide } = await this.published(code);
    const problems = answerProblems(guide.situations, answers);
    if (problems.length) {
      throw invalid(problems.map((p) => ({ field: `answers/${p.question}`, rule: p.rule, message: p.rule === 'unknown-question' ? { zh: '没有这个问题', en: 'no such question' } : { zh: '没有这个选项', en: 'no such option' } })));
    }
    const open = guide.situations.filter((q) => answers[q.id] === undefined).map((q) => q.id);
    return { ...applicable(guide, answers), unanswered: open };
  }
}
