import type { Actor } from '../../core/audit.ts';
import { storeUpload } from '../../core/blobs.ts';
import type { CatalogApi } from '../catalog/index.ts';
import { DEMO_PERSON, type IdentityApi } from '../identity/index.ts';
import type { CaseIntake } from './intake.ts';
import type { CaseAction } from './model.ts';
import type { CasesService } from './service.ts';

// A 1×1 PNG standing for a scanned page, and a one-page PDF standing for a result document.
const SCAN = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const RESULT = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Demo work for 武汉's workbench: cases of the demo enterprise at each stage, taken in at the 武汉 hall. */
const STAGES: { label: string; actions: CaseAction[] }[] = [
  { label: 'to accept', actions: [] },
  { label: 'to accept', actions: [] },
  { label: 'supplement', actions: [{ type: 'request-supplement', deficiencies: [{ text: '申请书缺少法定代表人签字（演示）' }, { text: '请补充经营场所平面图（演示）' }] }] },
  { label: 'to review', actions: [{ type: 'accept' }] },
  { label: 'to review', actions: [{ type: 'accept' }] },
  { label: 'to decide', actions: [{ type: 'accept' }, { type: 'advance', opinion: '材料齐全，现场核查符合要求（演示）' }] },
  {
    label: 'completed',
    actions: [{ type: 'accept' }, { type: 'advance', opinion: '符合许可条件（演示）' }, { type: 'decide', grant: true, reasons: '符合《食品经营许可和备案管理办法》规定的条件（演示）' }, { type: 'issue' }, { type: 'deliver', method: 'electronic' }],
  },
  { label: 'refused', actions: [{ type: 'refuse', reason: '申请事项不属于本机关职权范围（演示）', basis: '《中华人民共和国行政许可法》第三十二条', remedies: '可自收到本决定之日起六十日内申请行政复议，或六个月内提起行政诉讼' }] },
];

export async function seedCases(s: CasesService, intake: CaseIntake, catalog: CatalogApi, identity: IdentityApi): Promise<string[]> {
  const person = await identity.personByIdNumber(DEMO_PERSON.idNumber);
  const enterprise = person && (await identity.enterprisesOf(person.id))[0];
  const item = (await catalog.publishedIn('420100')).find((i) => i.name.startsWith('食品经营许可'));
  if (!person || !enterprise || !item) return [];
  const actor: Actor = {
    principal: {
      kind: 'staff',
      id: 'system:seed-demo',
      name: '演示数据',
      grants: (['window_clerk', 'reviewer', 'department_head'] as const).map((role) => ({ role, regionCode: '420100', departmentId: null })),
    },
    grant: null,
    requestId: null,
    ip: null,
  };
  const { sha256: scan } = await storeUpload(s.p, actor, SCAN, 'scan-demo.png');
  const { sha256: result } = await storeUpload(s.p, actor, RESULT, 'result-demo.pdf');
  const { guide } = await catalog.published(item.code);
  const answers = Object.fromEntries(guide.situations.map((q) => [q.id, q.options[0]!.id]));
  const { materials } = await catalog.applicable(item.code, answers);
  for (const [n, stage] of STAGES.entries()) {
    let { view } = await intake.submitAtWindow(actor, {
      itemCode: item.code,
      personId: person.id,
      enterpriseId: enterprise.id,
      hallId: null,
      answers,
      form: { mobile: DEMO_PERSON.mobile, address: '武汉市江岸区沿江大道（演示地址）', premises: '武汉市江岸区沿江大道 1 号一楼（演示地址）', operatorType: '餐饮服务经营者', items: '热食类食品制售（演示）', area: 120 },
      materials: materials.filter((m) => m.source === 'applicant').map((m) => ({ materialId: m.id, sha256: scan })),
      acceptNow: false,
      key: `seed-demo-${n}`,
    });
    for (const action of stage.actions) view = await s.act(actor, view.id, view.version, action, action.type === 'issue' ? { patch: { result_sha256: result } } : {});
  }
  return [`办件 / cases: ${STAGES.length} demo cases of ${enterprise.name} for ${item.name} in 武汉 (to accept, supplement, to review, to decide, completed, refused)`];
}
