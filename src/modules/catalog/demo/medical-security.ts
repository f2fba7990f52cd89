/** Medical security (医疗保障): 异地就医备案, 医疗费用手工（零星）报销. */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, NO_COPY_ID, agentMaterials, baseContact, faster, idCard, local, mat, question, step, when } from './common.ts';

const SI_LAW = '《中华人民共和国社会保险法》';
const CROSS = '《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）';

const remoteCare: Guide = {
  summary:
    '参加湖北省基本医疗保险的参保人员跨省或省内跨统筹地区就医，办理异地就医备案后，可以在就医地开通异地联网结算的定点医药机构直接结算医疗费用。备案人员分为异地长期居住人员（异地安置退休人员、异地长期居住人员、常驻异地工作人员）和临时外出就医人员（异地转诊就医人员、异地急诊抢救人员、临时外出就医人员）。',
  legalBasis: [
    { law: SI_LAW, article: '第二十九条' },
    { law: CROSS, article: '关于统一备案管理的规定' },
  ],
  conditions: [
    { id: 'insured', kind: 'new', text: '已参加湖北省职工基本医疗保险或城乡居民基本医疗保险，且处于正常享受待遇状态。' },
    { id: 'longterm', kind: 'new', text: '异地长期居住人员以个人承诺方式办理备案，无需提供居住证明或工作证明。', when: when('type', 'retire', 'resident', 'work') },
    { id: 'referral', kind: 'new', text: '异地转诊就医的，由参保地具备转诊资质的定点医疗机构开具转诊转院证明。', when: when('type', 'referral') },
    { id: 'cancel', kind: 'cancellation', text: '不再异地就医或需要变更备案地的，可以申请取消或变更备案。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求异地长期居住人员提供居住证、房产证明或工作单位证明', '不得要求到参保地窗口现场办理（可线上备案）', '不得要求临时外出就医人员提供就医原因证明'],
  materials: [
    mat({ id: 'form', name: '异地就医备案登记表', form: 'electronic', source: 'applicant', basis: CROSS, notes: '可通过国家医保服务平台APP、湖北政务服务网在线填写。', checkpoints: ['备案类型、就医地、备案时间填写完整'] }),
    idCard(`${SI_LAW}第二十九条`, '参保人居民身份证（或社会保障卡）'),
    mat({ id: 'pledge', name: '个人承诺书', requirement: 'conditional', conditionNote: '异地长期居住人员备案时', source: 'applicant', basis: CROSS, when: when('type', 'retire', 'resident', 'work'), checkpoints: ['承诺在备案地长期居住或工作'] }),
    mat({ id: 'transfer', name: '转诊转院证明', requirement: 'conditional', conditionNote: '异地转诊就医人员备案时', source: 'shared', sourceRef: '定点医疗机构转诊信息', basis: CROSS, when: when('type', 'referral'), checkpoints: ['开具机构具有转诊资质', '转诊诊断明确'] }),
    ...agentMaterials(CROSS),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 0, '线上提交或窗口受理。', ['参保状态正常']),
    step('review', '校验', 'reviewer', 0, '系统校验参保信息和备案信息。', ['备案类型与材料一致']),
    step('decide', '备案', 'department_head', 0, '即时完成备案，备案信息同步至国家异地就医结算系统。', ['备案状态已生效']),
  ],
  statutoryDays: 20,
  promisedDays: 0,
  limitNote: '法律、行政法规未规定办结时限，演示数据按20个工作日设定；即时办结，备案成功后即可在就医地直接结算。',
  caseType: 'immediate',
  handlingForms: ['online', 'window'],
  onlineDepth: ['consult', 'receive', 'accept', 'handle', 'result'],
  visits: 0,
  fees: [],
  result: { name: '异地就医备案凭证', kind: '其他' },
  delivery: ['electronic'],
  audience: ['person'],
  themes: ['medical', 'social_security'],
  ...baseContact('medical_security'),
  faq: [
    { q: '急诊时来不及备案怎么办？', a: '异地急诊抢救人员可先就医，在出院结算前补办备案，补办后可以直接结算。' },
    { q: '备案后回湖北看病还能报销吗？', a: '可以。异地长期居住人员在备案有效期内回参保地就医，按规定享受参保地医保待遇。' },
  ],
  oneVisit: true,
  scope: 'nationwide',
  intermediaries: [],
  situations: [
    question('type', '备案人员类型', [['retire', '异地安置退休人员'], ['resident', '异地长期居住人员'], ['work', '常驻异地工作人员'], ['referral', '异地转诊就医人员'], ['temporary', '临时外出就医或急诊抢救人员']]),
    AGENT,
  ],
};

const manual: Guide = {
  summary:
    '参保人员因急诊抢救、未办理异地就医备案或者就医地定点医疗机构未开通联网结算等原因，发生的符合基本医疗保险支付范围的医疗费用未能直接结算的，可以向参保地医疗保障经办机构申请手工（零星）报销。',
  legalBasis: [
    { law: SI_LAW, article: '第二十八条' },
    { law: SI_LAW, article: '第二十九条' },
  ],
  conditions: [
    { id: 'insured', kind: 'new', text: '就医时参保人员处于正常享受基本医疗保险待遇状态。' },
    { id: 'scope', kind: 'new', text: '费用符合基本医疗保险药品目录、诊疗项目、医疗服务设施标准，或者属于急诊、抢救的医疗费用。' },
    { id: 'designated', kind: 'new', text: '就医机构为定点医药机构；急诊、抢救的不受此限。', when: when('reason', 'unregistered', 'offline') },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求提供能够通过医疗收费电子票据平台获取的纸质票据', '不得要求参保人员往返就医地开具费用证明'],
  materials: [
    mat({ id: 'form', name: '医疗费用手工（零星）报销申请表', source: 'applicant', basis: `${SI_LAW}第二十八条`, checkpoints: ['就医时间、机构、金额填写准确'] }),
    idCard(`${SI_LAW}第二十八条`, '参保人居民身份证（或社会保障卡）'),
    mat({ id: 'invoice', name: '医疗收费票据', source: 'shared', sourceRef: '医疗收费电子票据', basis: `${SI_LAW}第二十八条`, notes: '未开具电子票据的提交纸质票据原件。', checkpoints: ['票据真实有效', '未重复报销'] }),
    mat({ id: 'details', name: '费用明细清单', source: 'applicant', basis: `${SI_LAW}第二十八条`, checkpoints: ['医疗机构盖章', '与票据金额一致'] }),
    mat({ id: 'discharge', name: '出院记录（出院小结）', requirement: 'conditional', conditionNote: '住院费用报销时', source: 'applicant', basis: `${SI_LAW}第二十八条`, when: when('care', 'inpatient'), checkpoints: ['入出院日期与票据一致'] }),
    mat({ id: 'record', name: '门诊病历', requirement: 'conditional', conditionNote: '门诊费用报销时', source: 'applicant', basis: `${SI_LAW}第二十八条`, when: when('care', 'outpatient'), checkpoints: ['诊断与用药相符'] }),
    mat({ id: 'emergency', name: '急诊抢救诊断证明', requirement: 'conditional', conditionNote: '因急诊抢救未能直接结算的', source: 'applicant', basis: `${SI_LAW}第二十八条`, when: when('reason', 'emergency'), checkpoints: ['载明急诊或抢救情况'] }),
    ...agentMaterials(`${SI_LAW}第二十八条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 2, '线上、邮寄或窗口受理，材料不全的一次性告知。', ['材料齐全']),
    step('review', '审核', 'reviewer', 13, '审核费用真实性和支付范围，按参保地政策计算报销金额。', ['未重复报销', '支付范围准确']),
    step('decide', '支付', 'department_head', 5, '审核通过的将报销款支付至参保人社会保障卡或银行账户。', ['支付金额准确']),
  ],
  statutoryDays: 30,
  promisedDays: 20,
  limitNote: '法律、行政法规未规定办结时限，演示数据按30个工作日设定；本省承诺20个工作日。',
  caseType: 'promised',
  handlingForms: ['online', 'mail', 'window'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result'],
  visits: 0,
  fees: [],
  result: { name: '医疗费用报销结算单', kind: '其他' },
  delivery: ['electronic', 'mail'],
  audience: ['person'],
  themes: ['medical'],
  ...baseContact('medical_security'),
  faq: [
    { q: '报销款打到哪里？', a: '支付至参保人本人的社会保障卡金融账户或登记的银行账户。' },
    { q: '没有电子票据怎么办？', a: '提交医疗机构开具的纸质票据原件，可通过邮寄方式提交。' },
  ],
  oneVisit: true,
  scope: 'province',
  intermediaries: [],
  situations: [
    question('care', '就医类型', [['inpatient', '住院'], ['outpatient', '门诊（含门诊慢特病）']]),
    question('reason', '未能直接结算的原因', [['emergency', '急诊抢救'], ['unregistered', '未办理异地就医备案'], ['offline', '就医机构未开通联网结算']]),
    AGENT,
  ],
};

export const MEDICAL_SECURITY_ITEMS: DemoItem[] = [
  {
    base: { code: '422036021W00', name: '基本医疗保险参保人员异地就医备案（异地就医直接结算）', type: '20', department: 'medical_security', levels: ['2'], guide: remoteCare },
    locals: [local('420000', 'medical_security', { name: '异地就医备案（省本级参保人员）' })],
  },
  {
    base: { code: '422036023W00', name: '基本医疗保险参保人员医疗费用手工（零星）报销', type: '20', department: 'medical_security', levels: ['2'], guide: manual },
    locals: [local('420000', 'medical_security', { extra: faster(manual, 15, [2, 10, 3]) })],
  },
];
