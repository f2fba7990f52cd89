/** Emergency management (应急管理): 自然灾害救助资金给付, 安全生产举报奖励, 特种作业操作证. */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, NO_COPY_ID, agentMaterials, baseContact, faster, idCard, local, mat, question, step, when } from './common.ts';

const DISASTER = '《自然灾害救助条例》';

const disasterRelief: Guide = {
  summary:
    '自然灾害发生后，对受灾人员给予过渡期生活救助、因灾倒损居民住房恢复重建补助和冬春临时生活困难救助等救助资金。居民住房恢复重建补助对象由受灾人员本人申请或者由村（居）民小组提名，经村（居）民委员会民主评议、公示无异议后，由乡镇人民政府（街道办事处）审核，报县级人民政府应急管理等部门审批，资金通过惠民惠农财政补贴“一卡通”发放。',
  legalBasis: [
    { law: DISASTER, article: '第十九条' },
    { law: DISASTER, article: '第二十条' },
    { law: DISASTER, article: '第二十一条' },
  ],
  conditions: [
    { id: 'victim', kind: 'new', text: '申请人为本行政区域内因自然灾害受灾的居民。' },
    { id: 'rebuild', kind: 'new', text: '住房因灾倒塌或者严重损坏需要恢复重建，且自身恢复重建确有困难。', when: when('type', 'rebuild') },
    { id: 'winter', kind: 'new', text: '受灾当年冬季、次年春季基本生活存在困难。', when: when('type', 'winter') },
    { id: 'transition', kind: 'new', text: '住房倒损无房可住、无生活来源、无自救能力，需要过渡性安置。', when: when('type', 'transition') },
    { id: 'review', kind: 'new', text: '经村（居）民委员会民主评议并在自然村、社区范围内公示无异议，或者异议经评议不成立。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求受灾人员提供由村（居）委会以外单位出具的受灾证明', '不得以户籍不在本地为由拒绝救助本地常住受灾人员'],
  materials: [
    mat({ id: 'application', name: '自然灾害救助申请书', requirement: 'conditional', conditionNote: '本人申请时提交；村（居）民小组提名的无需提交', source: 'applicant', basis: `${DISASTER}第二十条`, when: when('way', 'self'), checkpoints: ['受灾情况和申请救助类别明确'] }),
    idCard(`${DISASTER}第二十条`, '户主居民身份证'),
    mat({ id: 'hukou', name: '居民户口簿', source: 'license', sourceRef: '居民户口簿', basis: `${DISASTER}第二十条`, checkpoints: ['家庭成员与申请一致'] }),
    mat({ id: 'damage', name: '因灾倒损住房核查评估记录', requirement: 'conditional', conditionNote: '申请住房恢复重建补助的，由乡镇（街道）核查后出具', source: 'government', basis: `${DISASTER}第十九条`, when: when('type', 'rebuild'), checkpoints: ['倒损等级明确', '核查人员签字'] }),
    mat({ id: 'card', name: '惠民惠农财政补贴“一卡通”或社会保障卡', source: 'license', sourceRef: '社会保障卡', basis: `${DISASTER}第二十条`, checkpoints: ['户名为户主或申请人'] }),
    ...agentMaterials(`${DISASTER}第二十条`),
  ],
  steps: [
    step('accept', '申请与评议', 'window_clerk', 5, '乡镇（街道）受理申请或村（居）民小组提名，组织民主评议并公示。', ['评议程序规范', '公示无异议']),
    step('review', '审核', 'reviewer', 10, '乡镇（街道）审核后报县级应急管理部门，核对灾情数据和救助标准。', ['救助类别与灾情相符', '未重复救助']),
    step('decide', '审批发放', 'department_head', 5, '县级应急管理等部门审批，通过“一卡通”发放救助资金并公开。', ['资金发放到户']),
  ],
  statutoryDays: 30,
  promisedDays: 20,
  limitNote: '法律、行政法规未规定办结时限，演示数据按30个工作日设定；本省承诺20个工作日，民主评议公示期不计入。',
  caseType: 'promised',
  handlingForms: ['window'],
  onlineDepth: ['consult', 'result'],
  visits: 1,
  fees: [],
  result: { name: '自然灾害救助资金发放', kind: '其他' },
  delivery: ['electronic'],
  audience: ['person'],
  themes: ['social_security', 'housing'],
  ...baseContact('emergency', { localOnly: '受灾地乡镇人民政府（街道办事处）' }),
  faq: [
    { q: '房子被洪水冲垮了，重建有补助吗？', a: '有。因灾倒塌或严重损坏且自身重建确有困难的，可以申请居民住房恢复重建补助。' },
    { q: '救助资金发到哪里？', a: '通过惠民惠农财政补贴“一卡通”或社会保障卡直接发放到户。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [],
  situations: [
    question('type', '申请救助类别', [['rebuild', '因灾倒损住房恢复重建补助'], ['winter', '冬春临时生活困难救助'], ['transition', '过渡期生活救助']]),
    question('way', '申请方式', [['self', '本人申请'], ['nominated', '村（居）民小组提名']]),
    AGENT,
  ],
};

const SAFETY_LAW = '《中华人民共和国安全生产法》';
const REWARD_RULES = '《安全生产领域举报奖励办法》（安监总财〔2018〕19号）';

const reportReward: Guide = {
  summary:
    '任何单位或者个人对事故隐患或者安全生产违法行为，均有权向负有安全生产监督管理职责的部门报告或者举报。举报事项经核查属实的，县级以上人民政府及其有关部门对报告重大事故隐患或者举报安全生产违法行为的有功人员给予奖励，并对举报人信息严格保密。',
  legalBasis: [
    { law: SAFETY_LAW, article: '第七十四条' },
    { law: SAFETY_LAW, article: '第七十六条' },
    { law: REWARD_RULES, article: '奖励情形、标准和发放的规定' },
  ],
  conditions: [
    { id: 'matter', kind: 'new', text: '举报事项属于重大事故隐患、安全生产非法违法行为，或者谎报、瞒报生产安全事故。' },
    { id: 'verified', kind: 'new', text: '举报事项经负有安全生产监督管理职责的部门核查属实并依法作出处理。' },
    { id: 'first', kind: 'new', text: '同一事项由多人举报的，奖励首位有效举报人；联名举报的按一个举报人奖励。' },
    { id: 'official', kind: 'new', text: '举报人不属于负有安全生产监督管理职责的部门工作人员，且举报事项不属于其职务行为。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得泄露举报人姓名、单位、住址等信息', '不得要求举报人到被举报单位所在地领取奖金'],
  materials: [
    mat({ id: 'notice', name: '举报奖励领取确认书', source: 'applicant', basis: REWARD_RULES, checkpoints: ['举报编号与奖励决定一致', '举报人签名'] }),
    idCard(REWARD_RULES, '举报人居民身份证'),
    mat({ id: 'receipt', name: '举报受理编号或查询凭证', source: 'government', basis: REWARD_RULES, checkpoints: ['编号在举报登记系统中可查'] }),
    mat({ id: 'account', name: '收款银行账户信息', requirement: 'conditional', conditionNote: '选择转账领取奖金的', source: 'applicant', basis: REWARD_RULES, when: when('payment', 'transfer'), checkpoints: ['户名为举报人本人'] }),
    ...agentMaterials(REWARD_RULES),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 5, '核查属实后通知举报人，受理奖励领取申请。', ['举报人身份与举报记录一致']),
    step('review', '核定', 'reviewer', 20, '按本省举报奖励标准核定奖励金额。', ['奖励情形和金额计算准确']),
    step('decide', '决定发放', 'department_head', 5, '作出奖励决定并发放奖金。', ['发放方式保护举报人信息']),
  ],
  statutoryDays: 60,
  promisedDays: 30,
  limitNote: '演示数据按60个工作日设定；本省承诺30个工作日，举报核查处理期间不计入。',
  caseType: 'promised',
  handlingForms: ['window', 'online'],
  onlineDepth: ['consult', 'receive', 'result'],
  visits: 1,
  fees: [],
  result: { name: '安全生产举报奖励决定及奖金', kind: '其他' },
  delivery: ['window', 'electronic'],
  audience: ['person', 'enterprise'],
  themes: ['safety'],
  ...baseContact('emergency'),
  faq: [
    { q: '怎么举报安全生产隐患？', a: '可以拨打12350安全生产举报投诉电话，或通过网站、信函等方式向应急管理部门举报。' },
    { q: '奖金会缴税吗？', a: '按照国家有关规定执行；奖金发放过程中对举报人信息严格保密。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [],
  situations: [question('payment', '奖金领取方式', [['transfer', '银行转账'], ['cash', '现场领取']]), AGENT],
};

const OPERATOR_RULES = '《特种作业人员安全技术培训考核管理规定》';

const specialOperation: Guide = {
  summary:
    '生产经营单位的特种作业人员（电工作业、焊接与热切割作业、高处作业、制冷与空调作业、危险化学品安全作业等）必须按照国家有关规定经专门的安全作业培训，取得相应资格，方可上岗作业。特种作业操作证有效期6年，在全国范围内有效，每3年复审1次。',
  legalBasis: [
    { law: SAFETY_LAW, article: '第三十条' },
    { law: OPERATOR_RULES, article: '第四条' },
    { law: OPERATOR_RULES, article: '第二十一条' },
  ],
  conditions: [
    { id: 'age', kind: 'new', text: '年满18周岁，且不超过国家法定退休年龄。' },
    { id: 'health', kind: 'new', text: '经社区或者县级以上医疗机构体检健康合格，无妨碍从事相应特种作业的器质性心脏病、癫痫病、美尼尔氏症、眩晕症、癔病、震颤麻痹症、精神病、痴呆症等疾病和生理缺陷。' },
    { id: 'education', kind: 'new', text: '具有初中及以上文化程度。', when: when('category', 'electric', 'welding', 'height') },
    { id: 'hazchem', kind: 'new', text: '危险化学品特种作业人员具有高中或者相当于高中及以上文化程度。', when: when('category', 'hazchem') },
    { id: 'exam', kind: 'new', text: '经安全技术理论考试和实际操作考试合格。' },
    { id: 'review', kind: 'renewal', text: '每3年复审1次，在期满前60日内申请复审，复审前参加不少于8个学时的安全培训。' },
    { id: 'replace', kind: 'replacement', text: '证书遗失、损毁的，向原考核发证机关申请补发。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求申请人参加指定培训机构的培训', '不得要求提供可通过学信网核验的学历证书复印件'],
  materials: [
    mat({ id: 'form', name: '特种作业操作资格申请表', source: 'applicant', basis: `${OPERATOR_RULES}第四条`, checkpoints: ['作业类别和操作项目填写准确'] }),
    idCard(`${OPERATOR_RULES}第四条`),
    mat({ id: 'education', name: '学历信息', requirement: 'conditional', conditionNote: '首次申请时核验', source: 'shared', sourceRef: '学历学位信息', basis: `${OPERATOR_RULES}第四条`, when: when('kind', 'new'), checkpoints: ['文化程度符合作业类别要求'] }),
    mat({ id: 'medical', name: '体检健康证明', requirement: 'conditional', conditionNote: '首次申请、复审时提交', source: 'applicant', basis: `${OPERATOR_RULES}第四条`, when: when('kind', 'new', 'renewal'), checkpoints: ['社区或县级以上医疗机构出具', '结论为合格'] }),
    mat({ id: 'score', name: '安全技术理论和实际操作考试成绩', requirement: 'conditional', conditionNote: '首次申请时由考试机构推送', source: 'shared', sourceRef: '特种作业人员考试成绩', basis: `${OPERATOR_RULES}第四条`, when: when('kind', 'new'), checkpoints: ['两项考试均合格'] }),
    mat({ id: 'training', name: '复审安全培训记录', requirement: 'conditional', conditionNote: '复审时提交', source: 'applicant', basis: `${OPERATOR_RULES}第二十一条`, when: when('kind', 'renewal'), checkpoints: ['培训不少于8个学时'] }),
    mat({ id: 'card', name: '特种作业操作证', requirement: 'conditional', conditionNote: '复审、补发时核验', source: 'license', sourceRef: '特种作业操作证', basis: `${OPERATOR_RULES}第二十一条`, when: when('kind', 'renewal', 'replacement'), checkpoints: ['证书在有效期内（补发除外）'] }),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 2, '网上申请，材料齐全的受理。', ['作业类别属于本机关发证范围']),
    step('review', '审查', 'reviewer', 5, '审查考试成绩、体检和复审培训情况。', ['条件逐项符合', '无违章记录']),
    step('decide', '发证', 'department_head', 3, '符合条件的核发或复审签章特种作业操作证（电子证同步生成）。', ['证书信息准确']),
  ],
  statutoryDays: 20,
  promisedDays: 10,
  limitNote: '法定时限按《中华人民共和国行政许可法》第四十二条执行（20个工作日），考试时间不计入；本省承诺10个工作日。',
  caseType: 'promised',
  handlingForms: ['online', 'window'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 1,
  fees: [],
  result: { name: '中华人民共和国特种作业操作证', kind: '证照', licenseType: '特种作业操作证' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['person'],
  themes: ['qualification'],
  ...baseContact('emergency'),
  faq: [
    { q: '为什么要到现场一次？', a: '实际操作考试须本人到考试点参加；发证和复审可网上办理，证书可邮寄或使用电子证。' },
    { q: '复审可以延长吗？', a: '特种作业操作证有效期内连续从事本工种10年以上、严格遵守安全生产法律法规的，经原考核发证机关或者从业所在地考核发证机关同意，复审时间可以延长至每6年1次。' },
  ],
  oneVisit: true,
  scope: 'nationwide',
  intermediaries: [],
  situations: [
    question('kind', '申请类型', [['new', '首次取证'], ['renewal', '复审'], ['replacement', '补发']]),
    question('category', '作业类别', [['electric', '电工作业'], ['welding', '焊接与热切割作业'], ['height', '高处作业'], ['hazchem', '危险化学品安全作业']]),
  ],
};

export const EMERGENCY_ITEMS: DemoItem[] = [
  {
    base: { code: '000525003000', name: '自然灾害救助资金给付', type: '05', department: 'emergency', levels: ['2', '3', '4'], guide: disasterRelief },
    locals: [local('420000', 'emergency', { name: '自然灾害救助资金给付（省级资金统筹）' })],
  },
  {
    base: { code: '420825001D00', name: '安全生产举报奖励', type: '08', department: 'emergency', levels: ['2', '3', '4'], guide: reportReward },
    locals: [local('420000', 'emergency', { extra: faster(reportReward, 20, [3, 14, 3]) })],
  },
  {
    base: { code: '000125041002', name: '特种作业操作证的考核、发证、复审', type: '01', department: 'emergency', levels: ['2', '3'], guide: specialOperation },
    locals: [local('420000', 'emergency')],
  },
];
