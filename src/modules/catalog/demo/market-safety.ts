/** Market supervision, special equipment (特种设备): 使用登记, 作业人员资格认定. */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, NO_COPY_ID, NO_COPY_LICENSE, agentMaterials, baseContact, bizLicense, faster, idCard, local, mat, question, step, when } from './common.ts';

const SE_LAW = '《中华人民共和国特种设备安全法》';
const LICENSING = '《中华人民共和国行政许可法》';

const useRegistration: Guide = {
  summary:
    '锅炉、压力容器（含气瓶）、压力管道、电梯、起重机械、客运索道、大型游乐设施和场（厂）内专用机动车辆的使用单位，应当在特种设备投入使用前或者投入使用后30日内，向负责特种设备安全监督管理的部门办理使用登记，取得使用登记证书；改造、移装、变更使用单位或者停用、报废的，办理变更或注销。',
  legalBasis: [
    { law: SE_LAW, article: '第三十三条' },
    { law: SE_LAW, article: '第二十五条' },
    { law: LICENSING, article: '第四十二条' },
  ],
  conditions: [
    { id: 'inspected', kind: 'new', text: '依法应当经安装监督检验的特种设备已经监督检验合格。', when: when('inspect', 'yes') },
    { id: 'product', kind: 'new', text: '特种设备具有产品合格证、产品数据表等出厂技术资料，且为取得相应生产许可的单位制造。' },
    { id: 'manager', kind: 'new', text: '使用单位已明确特种设备安全管理人员，建立岗位责任、隐患治理、应急救援等安全管理制度。' },
    { id: 'change', kind: 'change', text: '特种设备改造、移装、使用单位变更或使用单位名称变更的，按规定申请变更登记。' },
    { id: 'cancel', kind: 'cancellation', text: '特种设备报废或者拟长期停止使用的，应当申请注销或办理停用，并交回使用登记证。' },
  ],
  prohibitedRequirements: [NO_COPY_LICENSE, NO_COPY_ID, '不得指定特种设备检验机构以外的中介机构出具评估报告作为登记条件', '不得要求申请人重复提交监督检验机构已经推送的检验结论'],
  materials: [
    mat({ id: 'form', name: '特种设备使用登记表', originals: 2, form: 'paper', source: 'applicant', basis: SE_LAW + '第三十三条', checkpoints: ['设备代码、类别、品种填写准确', '使用单位盖章'] }),
    bizLicense(SE_LAW + '第三十三条'),
    mat({ id: 'product', name: '特种设备产品合格证（含产品数据表）', requirement: 'conditional', conditionNote: '首次登记时提交', source: 'applicant', basis: SE_LAW + '第二十一条', when: when('kind', 'new'), checkpoints: ['制造单位具有相应许可', '合格证与设备铭牌一致'] }),
    mat({ id: 'inspection', name: '特种设备监督检验证明', requirement: 'conditional', conditionNote: '安装、改造、重大修理经监督检验的设备', source: 'shared', sourceRef: '特种设备检验结论', basis: SE_LAW + '第二十五条', when: when('inspect', 'yes'), checkpoints: ['检验结论为合格', '检验机构具有相应资质'] }),
    mat({ id: 'certificate', name: '特种设备使用登记证', requirement: 'conditional', conditionNote: '变更或注销时交回', source: 'license', sourceRef: '特种设备使用登记证', basis: SE_LAW + '第三十三条', when: when('kind', 'change', 'cancellation'), checkpoints: ['登记证编号与设备一致'] }),
    ...agentMaterials(SE_LAW + '第三十三条'),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '材料齐全、符合法定形式的予以受理，不齐全的一次性告知补正内容。', ['设备属于本机关登记范围', '材料齐全']),
    step('review', '审查', 'reviewer', 3, '核对出厂资料和检验结论，必要时现场核查设备铭牌和安全管理人员配备情况。', ['检验结论合格且在有效期内', '登记信息与设备一致']),
    step('decide', '决定', 'department_head', 1, '符合要求的核发使用登记证并编制使用登记证编号；不予登记的说明理由。', ['审查意见明确']),
  ],
  statutoryDays: 20,
  promisedDays: 5,
  limitNote: `法定时限按${LICENSING}第四十二条执行（20个工作日）；本省承诺5个工作日办结，监督检验时间不计入办理时限。`,
  caseType: 'promised',
  handlingForms: ['window', 'online', 'mail'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '特种设备使用登记证', kind: '证照', licenseType: '特种设备使用登记证' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['enterprise'],
  themes: ['safety', 'permits'],
  ...baseContact('market_supervision'),
  faq: [
    { q: '电梯安装好以后多久内要办使用登记？', a: '应当在投入使用前或者投入使用后30日内办理。' },
    { q: '使用登记要收费吗？', a: '登记不收费；安装监督检验由特种设备检验机构依法实施。' },
    { q: '设备卖给别的单位了怎么办？', a: '原使用单位办理变更或注销，新使用单位按规定重新办理登记。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [{ name: '特种设备检验机构（安装、改造、重大修理监督检验）', required: true, basis: SE_LAW + '第二十五条' }],
  situations: [
    question('kind', '申请类型', [['new', '首次登记'], ['change', '变更登记'], ['cancellation', '注销或停用']]),
    question('inspect', '设备是否经安装、改造或重大修理监督检验', [['yes', '是'], ['no', '否（如气瓶等无需安装监督检验的设备）']]),
    AGENT,
  ],
};

const operator: Guide = {
  summary:
    '特种设备安全管理人员、检测人员和作业人员应当按照国家有关规定取得相应资格，方可从事相关工作。本事项受理作业人员（如电梯修理、起重机指挥与司机、锅炉操作、压力容器操作、叉车司机）资格认定及检验、检测人员资格认定的申请，包括首次取证、复审和补证。',
  legalBasis: [
    { law: SE_LAW, article: '第十四条' },
    { law: LICENSING, article: '第四十二条' },
  ],
  conditions: [
    { id: 'age', kind: 'new', text: '年满18周岁，具有完全民事行为能力。', when: when('category', 'operator') },
    { id: 'health', kind: 'new', text: '身体健康，无妨碍从事相应作业的疾病和生理缺陷。', when: when('category', 'operator') },
    { id: 'exam', kind: 'new', text: '经考试机构组织的理论知识考试和实际操作技能考试合格。' },
    { id: 'inspector', kind: 'new', text: '申请检验、检测人员资格的，具有相应专业学历和检验检测工作经历，并经考核合格。', when: when('category', 'inspector') },
    { id: 'renew', kind: 'renewal', text: '证书有效期届满前申请复审，持证期间无违章作业导致事故等不良记录。' },
    { id: 'replace', kind: 'replacement', text: '证书遗失或损毁的，可以申请补发，补发证书有效期与原证一致。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求申请人参加指定培训机构的收费培训作为报名或发证条件', '不得要求提供可通过学信网等渠道共享核验的学历证书复印件'],
  materials: [
    mat({ id: 'form', name: '特种设备作业人员（检验检测人员）资格申请表', source: 'applicant', basis: SE_LAW + '第十四条', checkpoints: ['申请项目代号填写正确', '本人签名'] }),
    idCard(SE_LAW + '第十四条'),
    mat({ id: 'photo', name: '近期免冠证件照片', form: 'electronic', source: 'applicant', basis: SE_LAW + '第十四条', checkpoints: ['白底、正面、清晰'] }),
    mat({ id: 'education', name: '学历信息', requirement: 'conditional', conditionNote: '首次申请时核验', source: 'shared', sourceRef: '学历学位信息', basis: SE_LAW + '第十四条', when: when('kind', 'new'), checkpoints: ['学历满足申请项目要求'] }),
    mat({ id: 'healthpledge', name: '身体健康状况承诺书', requirement: 'conditional', conditionNote: '作业人员首次申请时提交', source: 'applicant', basis: SE_LAW + '第十四条', when: [{ question: 'kind', anyOf: ['new'] }, { question: 'category', anyOf: ['operator'] }], checkpoints: ['本人签名'] }),
    mat({ id: 'score', name: '考试（考核）成绩', requirement: 'conditional', conditionNote: '首次申请时由考试机构推送', source: 'shared', sourceRef: '特种设备人员考试成绩', basis: SE_LAW + '第十四条', when: when('kind', 'new'), checkpoints: ['理论和实操均合格', '成绩在有效期内'] }),
    mat({ id: 'record', name: '持证期间作业经历证明（用人单位出具）', requirement: 'conditional', conditionNote: '复审时提交', source: 'applicant', basis: SE_LAW + '第十四条', when: when('kind', 'renewal'), checkpoints: ['用人单位盖章', '无违章作业记录'] }),
    mat({ id: 'oldcert', name: '特种设备安全管理和作业人员证', requirement: 'conditional', conditionNote: '复审或补证时核验', source: 'license', sourceRef: '特种设备安全管理和作业人员证', basis: SE_LAW + '第十四条', when: when('kind', 'renewal', 'replacement'), checkpoints: ['证书编号与申请一致'] }),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 2, '网上报名并提交材料，材料齐全的予以受理。', ['申请项目在本机关发证范围内', '材料齐全']),
    step('review', '审查', 'reviewer', 5, '核对考试成绩、学历和持证记录。', ['成绩合格', '复审人员无违章记录']),
    step('decide', '决定', 'department_head', 3, '符合条件的核发证书（电子证书同步生成），不符合的书面说明理由。', ['审查意见明确']),
  ],
  statutoryDays: 20,
  promisedDays: 10,
  limitNote: `法定时限按${LICENSING}第四十二条执行（20个工作日），考试时间不计入；本省承诺10个工作日。`,
  caseType: 'promised',
  handlingForms: ['online', 'window'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 1,
  fees: [],
  result: { name: '特种设备安全管理和作业人员证', kind: '证照', licenseType: '特种设备安全管理和作业人员证' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['person'],
  themes: ['qualification'],
  ...baseContact('market_supervision'),
  faq: [
    { q: '为什么还要到现场一次？', a: '实际操作技能考试须本人到考试机构现场参加；发证环节可全程网办，证书可邮寄或使用电子证书。' },
    { q: '证书过期了还能复审吗？', a: '应在有效期届满前申请复审；逾期未复审的，证书失效，需要重新考试取证。' },
  ],
  oneVisit: true,
  scope: 'province',
  intermediaries: [],
  situations: [
    question('category', '申请人员类别', [['operator', '作业人员'], ['inspector', '检验、检测人员']]),
    question('kind', '申请类型', [['new', '首次取证'], ['renewal', '复审'], ['replacement', '补证']]),
  ],
};

export const MARKET_SAFETY_ITEMS: DemoItem[] = [
  {
    base: { code: '420131003D00', name: '特种设备使用登记', type: '01', department: 'market_supervision', levels: ['2', '3', '4'], guide: useRegistration },
    locals: [
      local('420000', 'market_supervision', { name: '特种设备使用登记（省级登记范围）' }),
      local('420100', 'market_supervision', { extra: faster(useRegistration, 3, [1, 1, 1]) }),
      local('420500', 'market_supervision'),
      local('421000', 'market_supervision', { extra: faster(useRegistration, 4, [1, 2, 1]) }),
      local('420103', 'market_supervision', { extra: faster(useRegistration, 3, [1, 1, 1]) }),
    ],
  },
  {
    base: { code: '000131009000', name: '特种设备检验、检测人员资格认定，特种设备作业人员资格认定', type: '01', department: 'market_supervision', levels: ['2', '3'], guide: operator },
    locals: [
      local('420000', 'market_supervision'),
      local('420100', 'market_supervision', { name: '特种设备作业人员资格认定', extra: faster(operator, 7, [1, 4, 2]) }),
      local('420500', 'market_supervision', { name: '特种设备作业人员资格认定' }),
    ],
  },
];
