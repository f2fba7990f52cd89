/**
 * Shared building blocks of the demo items: halls, demo phone numbers, the usual materials and
 * questions, and the local-item helper. Addresses and phone numbers are demo values, not official.
 */
import type { DepartmentKind } from '../../org/index.ts';
import type { Guide, Material, Question, Step, StepRole, When } from '../model.ts';
import type { DemoLocal } from './types.ts';

export const HOURS = '周一至周五 9:00—12:00，13:30—17:00（法定节假日除外）';
const HOURS_WUHAN = '周一至周五 9:00—17:00（午间不间断），周六 9:00—12:00 预约办理（法定节假日除外）';

/** Regions used by the demo: hall name and telephone area code. */
export const REGIONS: Record<string, { name: string; hall: string; area: string }> = {
  '420000': { name: '湖北省', hall: '湖北省政务服务中心', area: '027' },
  '420100': { name: '武汉市', hall: '武汉市民之家', area: '027' },
  '420102': { name: '江岸区', hall: '江岸区政务服务中心', area: '027' },
  '420103': { name: '江汉区', hall: '江汉区政务服务中心', area: '027' },
  '420104': { name: '硚口区', hall: '硚口区政务服务中心', area: '027' },
  '420105': { name: '汉阳区', hall: '汉阳区政务服务中心', area: '027' },
  '420106': { name: '武昌区', hall: '武昌区政务服务中心', area: '027' },
  '420111': { name: '洪山区', hall: '洪山区政务服务中心', area: '027' },
  '420115': { name: '江夏区', hall: '江夏区政务服务中心', area: '027' },
  '420200': { name: '黄石市', hall: '黄石市政务服务中心', area: '0714' },
  '420300': { name: '十堰市', hall: '十堰市政务服务中心', area: '0719' },
  '420500': { name: '宜昌市', hall: '宜昌市政务服务中心', area: '0717' },
  '420600': { name: '襄阳市', hall: '襄阳市政务服务中心', area: '0710' },
  '420900': { name: '孝感市', hall: '孝感市政务服务中心', area: '0712' },
  '421000': { name: '荆州市', hall: '荆州市政务服务中心', area: '0716' },
  '421100': { name: '黄冈市', hall: '黄冈市政务服务中心', area: '0713' },
  '421200': { name: '咸宁市', hall: '咸宁市政务服务中心', area: '0715' },
  '422800': { name: '恩施土家族苗族自治州', hall: '恩施州政务服务中心', area: '0718' },
  '429004': { name: '仙桃市', hall: '仙桃市政务服务中心', area: '0728' },
};

/** Two-digit department numbers as Hubei's item codes use them (e.g. 31 市场监管, 23 卫生健康). */
export const DEPT_NO: Record<DepartmentKind, string> = {
  development_reform: '04',
  education: '05',
  public_security: '09',
  civil_affairs: '11',
  human_resources: '14',
  natural_resources: '15',
  ecology_environment: '16',
  housing: '17',
  transport: '18',
  agriculture: '20',
  commerce: '21',
  culture_tourism: '22',
  health: '23',
  emergency: '25',
  government_services: '30',
  market_supervision: '31',
  medical_security: '36',
};

const WINDOW: Record<DepartmentKind, string> = {
  development_reform: '投资项目综合窗口',
  education: '教育服务窗口',
  public_security: '公安综合窗口',
  civil_affairs: '民政服务窗口',
  human_resources: '人社服务窗口',
  natural_resources: '自然资源和规划窗口',
  ecology_environment: '生态环境窗口',
  housing: '工程建设项目审批窗口',
  transport: '交通运输窗口',
  agriculture: '农业农村窗口',
  commerce: '商务服务窗口',
  culture_tourism: '文化旅游窗口',
  health: '卫生健康窗口',
  emergency: '应急管理窗口',
  government_services: '综合受理窗口',
  market_supervision: '市场监管登记许可窗口',
  medical_security: '医疗保障服务窗口',
};

const region = (code: string) => {
  const r = REGIONS[code];
  if (!r) throw new Error(`demo region ${code} is not described in common.ts`);
  return r;
};

/** A demo consultation number of a department in a region (plausible format, not a real line). */
export function demoPhone(code: string, kind: DepartmentKind): string {
  const r = region(code);
  const tail = code.slice(2, 6);
  return r.area === '027' ? `027-8${DEPT_NO[kind]}${tail}6` : `${r.area}-6${DEPT_NO[kind]}${tail}`;
}

/** The complaint line: the 12345 government-service hotline (never also the consultation line). */
export const COMPLAINT = '12345';

/** A hall of the demo: real hall names, marked as demo addresses. */
export function demoHall(code: string, kind: DepartmentKind, window?: string): Guide['hall'] {
  const r = region(code);
  return { address: `${r.hall}${window ?? WINDOW[kind]}（演示地址）`, hours: code === '420100' ? HOURS_WUHAN : HOURS };
}

/** Hall and phones of a base item kept by the province: the province hall, or the local halls. */
export function baseContact(kind: DepartmentKind, opts: { localOnly?: string } = {}): Pick<Guide, 'hall' | 'consultPhone' | 'complaintPhone'> {
  const hall = opts.localOnly ? { address: `${opts.localOnly}（演示地址，具体以各地实施清单为准）`, hours: HOURS } : demoHall('420000', kind);
  return { hall, consultPhone: demoPhone('420000', kind), complaintPhone: COMPLAINT };
}

/** A local item: the local hall and phones, plus any tightening (shorter limits, fewer visits). */
export function local(code: string, department: DepartmentKind, opts: { name?: string; window?: string; extra?: Partial<Guide> } = {}): DemoLocal {
  const out: DemoLocal = {
    region: code,
    department,
    override: { hall: demoHall(code, department, opts.window), consultPhone: demoPhone(code, department), complaintPhone: COMPLAINT, ...opts.extra },
  };
  if (opts.name) out.name = opts.name;
  return out;
}

/** A shorter promised limit for a local item, with the step days shortened to fit. */
export function faster(base: Guide, promisedDays: number, stepDays: number[], limitNote?: string): Partial<Guide> {
  if (stepDays.length !== base.steps.length) throw new Error('faster: one day count per step');
  return {
    promisedDays,
    steps: base.steps.map((s, i) => ({ ...s, days: stepDays[i] ?? s.days })),
    limitNote: limitNote ?? `${base.limitNote}本地承诺压缩至 ${promisedDays} 个工作日。`,
  };
}

export const step = (id: string, name: string, role: StepRole, days: number, standard: string, checkpoints: string[]): Step => ({ id, name, role, days, standard, checkpoints });

type MaterialInput = Pick<Material, 'id' | 'name' | 'source' | 'basis' | 'checkpoints'> & Partial<Material>;
/** A material with the usual defaults: required, one original, no copies, paper or electronic. */
export const mat = (m: MaterialInput): Material => ({ requirement: 'required', originals: 1, copies: 0, form: 'both', ...m });

export const when = (question: string, ...anyOf: string[]): When => [{ question, anyOf }];

export const question = (id: string, text: string, options: [string, string][]): Question => ({ id, text, options: options.map(([oid, label]) => ({ id: oid, label })) });

export const AGENT: Question = question('agent', '是否委托代理人办理', [['yes', '是'], ['no', '否']]);

/** The applicant's ID card, checked against the e-license. */
export const idCard = (basis: string, name = '申请人居民身份证'): Material =>
  mat({ id: 'idcard', name, source: 'license', sourceRef: '居民身份证', basis, notes: '现场核验原件或通过电子证照核验，不收取复印件。', checkpoints: ['证件在有效期内', '人证一致'] });

/** 授权委托书 and the agent's ID card, both only when an agent applies. */
export const agentMaterials = (basis: string): Material[] => [
  mat({
    id: 'proxy',
    name: '授权委托书',
    requirement: 'conditional',
    conditionNote: '委托代理人办理时提交',
    source: 'applicant',
    basis,
    when: when('agent', 'yes'),
    form: 'paper',
    checkpoints: ['载明委托事项、权限和期限', '委托人签名或盖章'],
  }),
  mat({
    id: 'agentid',
    name: '代理人居民身份证',
    requirement: 'conditional',
    conditionNote: '委托代理人办理时提交',
    source: 'license',
    sourceRef: '居民身份证',
    basis,
    when: when('agent', 'yes'),
    checkpoints: ['证件在有效期内', '与授权委托书载明的代理人一致'],
  }),
];

/** The business licence, taken from the e-license library instead of a copy. */
export const bizLicense = (basis: string): Material =>
  mat({ id: 'bizlicense', name: '营业执照', source: 'license', sourceRef: '营业执照', basis, notes: '通过电子营业执照或市场主体登记信息共享获取，申请人无需提交纸质件。', checkpoints: ['主体状态为存续', '名称、统一社会信用代码与申请书一致'] });

export const NO_COPY_ID = '不得要求申请人提供居民身份证复印件（通过电子证照核验）';
export const NO_COPY_LICENSE = '不得要求申请人提供营业执照复印件（可通过共享获取）';
