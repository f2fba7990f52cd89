/** Education (教育) and culture and tourism (文化和旅游): 教师资格认定, 旅行社业务经营许可. */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, NO_COPY_ID, NO_COPY_LICENSE, agentMaterials, baseContact, bizLicense, faster, idCard, local, mat, question, step, when } from './common.ts';

const TEACHERS = '《中华人民共和国教师法》';
const TEACHER_REG = '《教师资格条例》';

const teacher: Guide = {
  summary:
    '中国公民凡遵守宪法和法律，热爱教育事业，具有良好的思想品德，具备《教师法》规定的学历或者经国家教师资格考试合格，有教育教学能力，经认定合格的，可以取得教师资格。幼儿园、小学和初级中学教师资格由县级教育行政部门认定；高级中学、中等职业学校教师资格由县级教育行政部门审查后报上一级认定；高等学校教师资格由省级教育行政部门或者其委托的高等学校认定。',
  legalBasis: [
    { law: TEACHERS, article: '第十条' },
    { law: TEACHERS, article: '第十一条' },
    { law: TEACHERS, article: '第十三条' },
    { law: TEACHER_REG, article: '第十三条' },
  ],
  conditions: [
    { id: 'moral', kind: 'new', text: '遵守宪法和法律，热爱教育事业，具有良好的思想品德。' },
    { id: 'edu', kind: 'new', text: '具备《教师法》第十一条规定的相应学历：幼儿园为幼儿师范学校毕业及以上，小学为中等师范学校毕业及以上，初级中学为高等师范专科学校或者其他大学专科毕业及以上，高级中学和中等职业学校为高等师范院校本科或者其他大学本科毕业及以上，高等学校为研究生或者大学本科毕业。' },
    { id: 'exam', kind: 'new', text: '申请幼儿园、中小学和中等职业学校教师资格的，参加中小学教师资格考试合格，或者属于国家规定的免试认定范围。', when: when('level', 'basic', 'senior') },
    { id: 'ability', kind: 'new', text: '申请高等学校教师资格的，经高等学校或省级教育行政部门组织的教育教学能力测试合格。', when: when('level', 'higher') },
    { id: 'putonghua', kind: 'new', text: '普通话水平达到二级乙等以上（语文教师达到二级甲等以上）。' },
    { id: 'health', kind: 'new', text: '具有良好的身体素质和心理素质，按申请教师资格人员体检标准体检合格。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求提供思想品德鉴定表（以个人承诺和部门核查代替）', '不得要求提供可通过学信网核验的学历证书复印件', '不得要求提供户籍证明（通过共享核验）'],
  materials: [
    mat({ id: 'form', name: '教师资格认定申请表', form: 'electronic', source: 'applicant', basis: `${TEACHER_REG}第十三条`, notes: '在“中国教师资格网”网上申报后打印或电子确认。', checkpoints: ['资格种类、任教学科填写准确'] }),
    idCard(`${TEACHER_REG}第十三条`),
    mat({ id: 'education', name: '学历信息', source: 'shared', sourceRef: '学历学位信息', basis: `${TEACHERS}第十一条`, checkpoints: ['学历层次满足申请资格种类'] }),
    mat({ id: 'exam', name: '中小学教师资格考试合格证明', requirement: 'conditional', conditionNote: '申请幼儿园、中小学和中等职业学校教师资格的', source: 'shared', sourceRef: '中小学教师资格考试合格证明', basis: `${TEACHERS}第十条`, when: when('level', 'basic', 'senior'), checkpoints: ['合格证明在有效期内', '学段学科与申请一致'] }),
    mat({ id: 'putonghua', name: '普通话水平测试等级证书', source: 'shared', sourceRef: '普通话水平测试等级证书', basis: `${TEACHER_REG}第十三条`, checkpoints: ['等级达到要求'] }),
    mat({ id: 'medical', name: '申请教师资格人员体格检查表', form: 'paper', source: 'applicant', basis: `${TEACHER_REG}第十三条`, notes: '在认定机构指定的县级以上医院体检。', checkpoints: ['体检结论合格', '医院盖章'] }),
    mat({ id: 'pledge', name: '个人思想品德承诺书', source: 'applicant', basis: `${TEACHERS}第十条`, checkpoints: ['本人签名'] }),
    mat({ id: 'crime', name: '犯罪记录查询结果', source: 'shared', sourceRef: '犯罪记录查询结果', basis: `${TEACHERS}第十四条`, checkpoints: ['无不得取得教师资格的情形'] }),
    mat({ id: 'residence', name: '居住证', requirement: 'conditional', conditionNote: '在居住地申请认定的', source: 'license', sourceRef: '居住证', basis: `${TEACHER_REG}第十三条`, when: when('place', 'residence'), checkpoints: ['居住证在有效期内'] }),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 5, '网上申报后现场或网上确认，材料齐全的受理。', ['属于本机关认定范围', '材料齐全']),
    step('review', '审查', 'reviewer', 10, '审查学历、考试、普通话、体检和思想品德情况，必要时组织专家审查。', ['条件逐项符合', '无不得认定情形']),
    step('decide', '认定', 'department_head', 5, '作出认定结论，颁发教师资格证书（同步生成电子证照）；不予认定的书面通知。', ['证书种类与学科准确']),
  ],
  statutoryDays: 30,
  promisedDays: 20,
  limitNote: '认定机构在受理期限终止之日起30个法定工作日内作出是否认定的结论；本省承诺20个工作日。',
  caseType: 'promised',
  handlingForms: ['online', 'window'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '教师资格证书', kind: '证照', licenseType: '教师资格证书' },
  delivery: ['mail', 'window', 'electronic'],
  audience: ['person'],
  themes: ['qualification', 'education'],
  ...baseContact('education', { localOnly: '各级教育行政部门教师资格认定窗口' }),
  faq: [
    { q: '教师资格认定收费吗？', a: '认定不收费，体检费用按医疗机构标准由申请人承担。' },
    { q: '可以在工作或居住的城市认定吗？', a: '可以在户籍所在地、居住地（持有效居住证）或者就读学校所在地申请认定。' },
  ],
  oneVisit: true,
  scope: 'province',
  intermediaries: [],
  situations: [
    question('level', '申请的教师资格种类', [['basic', '幼儿园、小学、初级中学'], ['senior', '高级中学、中等职业学校'], ['higher', '高等学校']]),
    question('place', '申请认定地', [['hukou', '户籍所在地'], ['residence', '居住地（持居住证）'], ['school', '就读学校所在地']]),
  ],
};

const TOURISM = '《中华人民共和国旅游法》';
const AGENCY_REG = '《旅行社条例》';

const travelAgency: Guide = {
  summary:
    '设立旅行社，招徕、组织、接待旅游者，为其提供旅游服务，应当取得旅游主管部门的许可。申请经营国内旅游业务和入境旅游业务的，向省级文化和旅游主管部门（或者其委托的设区的市级主管部门）申请旅行社业务经营许可；经营出境旅游业务另行申请。',
  legalBasis: [
    { law: TOURISM, article: '第二十八条' },
    { law: AGENCY_REG, article: '第六条' },
    { law: AGENCY_REG, article: '第七条' },
  ],
  conditions: [
    { id: 'legal', kind: 'new', text: '已取得企业法人资格，注册资本符合规定。' },
    { id: 'premises', kind: 'new', text: '有固定的经营场所。' },
    { id: 'facilities', kind: 'new', text: '有必要的营业设施。' },
    { id: 'staff', kind: 'new', text: '有必要的经营管理人员和导游。' },
    { id: 'deposit', kind: 'new', text: '取得许可后按规定存入旅游服务质量保证金，或者提交不低于相应数额的银行担保。' },
    { id: 'change', kind: 'change', text: '名称、经营场所、法定代表人等登记事项变更的，在完成变更登记后向原许可机关备案，换领许可证。' },
  ],
  prohibitedRequirements: [NO_COPY_LICENSE, NO_COPY_ID, '不得要求提供经营场所的产权证明（租赁协议即可）', '不得要求加入行业协会作为许可条件'],
  materials: [
    mat({ id: 'application', name: '旅行社业务经营许可申请书', source: 'applicant', basis: `${AGENCY_REG}第七条`, checkpoints: ['申请业务范围明确', '法定代表人签字'] }),
    bizLicense(`${AGENCY_REG}第七条`),
    mat({ id: 'premises', name: '经营场所使用证明（产权证明或租赁协议）', requirement: 'conditional', conditionNote: '新办或经营场所变更时提交', source: 'applicant', basis: `${AGENCY_REG}第六条`, when: when('kind', 'new', 'change'), checkpoints: ['场所地址与申请一致', '租赁期限不少于一年'] }),
    mat({ id: 'facilities', name: '营业设施清单', requirement: 'conditional', conditionNote: '新办时提交', source: 'applicant', basis: `${AGENCY_REG}第六条`, when: when('kind', 'new'), checkpoints: ['办公设备和联网条件满足经营需要'] }),
    mat({ id: 'staff', name: '经营管理人员和导游名单', requirement: 'conditional', conditionNote: '新办时提交', source: 'applicant', basis: `${TOURISM}第二十八条`, when: when('kind', 'new'), notes: '导游资格通过全国导游管理系统共享核验。', checkpoints: ['导游持有有效导游证', '与旅行社订立劳动合同'] }),
    mat({ id: 'permit', name: '旅行社业务经营许可证', requirement: 'conditional', conditionNote: '变更时交回换领', source: 'license', sourceRef: '旅行社业务经营许可证', basis: `${AGENCY_REG}第七条`, when: when('kind', 'change'), checkpoints: ['许可证编号一致'] }),
    ...agentMaterials(`${AGENCY_REG}第七条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 2, '材料齐全的受理，不齐全的一次性告知。', ['材料齐全']),
    step('review', '审查', 'reviewer', 6, '审查材料并实地核查经营场所和营业设施。', ['场所固定、设施齐备', '人员配备符合要求']),
    step('decide', '决定', 'department_head', 2, '作出许可决定，颁发旅行社业务经营许可证；不予许可的书面说明理由。', ['决定书规范']),
  ],
  statutoryDays: 20,
  promisedDays: 10,
  limitNote: `${AGENCY_REG}第七条规定受理申请的旅游行政管理部门应当自受理申请之日起20个工作日内作出许可或者不予许可的决定；本省承诺10个工作日。`,
  caseType: 'promised',
  handlingForms: ['online', 'window', 'mail'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '旅行社业务经营许可证', kind: '证照', licenseType: '旅行社业务经营许可证' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['enterprise'],
  themes: ['permits'],
  ...baseContact('culture_tourism'),
  faq: [
    { q: '新设旅行社可以直接经营出境游吗？', a: '不可以。出境旅游业务需在取得国内旅游和入境旅游业务许可后，满足经营年限等条件再另行申请。' },
    { q: '质量保证金什么时候交？', a: '取得许可后按规定期限在指定银行存入，或提交相应数额的银行担保。' },
  ],
  oneVisit: true,
  scope: 'province',
  intermediaries: [],
  situations: [question('kind', '申请类型', [['new', '新办'], ['change', '变更换证']]), AGENT],
};

export const EDUCATION_CULTURE_ITEMS: DemoItem[] = [
  {
    base: { code: '000105013000', name: '教师资格认定', type: '01', department: 'education', levels: ['2', '3', '4'], guide: teacher },
    locals: [local('420000', 'education', { name: '高等学校教师资格认定', extra: faster(teacher, 15, [3, 9, 3]) })],
  },
  {
    base: { code: '420122001D00', name: '旅行社业务经营许可', type: '01', department: 'culture_tourism', levels: ['2', '3'], guide: travelAgency },
    locals: [local('420000', 'culture_tourism')],
  },
];
