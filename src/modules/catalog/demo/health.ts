/** Health (卫生健康): 公共场所卫生许可, 出生医学证明办理, 预防接种异常反应补偿. */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, NO_COPY_ID, NO_COPY_LICENSE, agentMaterials, baseContact, bizLicense, faster, idCard, local, mat, question, step, when } from './common.ts';

const PP_REG = '《公共场所卫生管理条例》';
const PP_RULES = '《公共场所卫生管理条例实施细则》';

const publicPlace: Guide = {
  summary:
    '住宿场所（宾馆、旅店、招待所）、沐浴场所、美容美发场所、游泳场所等依法需要取得卫生许可的公共场所，经营者应当向县级以上卫生健康部门申请公共场所卫生许可证，未取得卫生许可证的不得营业。饭馆、咖啡馆、酒吧、茶座等餐饮场所的卫生许可已整合进食品经营许可，不再单独办理；公园、体育场（馆）、公共交通工具无需办理。卫生许可证有效期四年。',
  legalBasis: [
    { law: PP_REG, article: '第四条' },
    { law: PP_REG, article: '第八条' },
    { law: PP_RULES, article: '第二十二条' },
    { law: PP_RULES, article: '第二十三条' },
  ],
  conditions: [
    { id: 'layout', kind: 'new', text: '场所选址、设计和功能布局符合公共场所卫生标准和卫生规范的要求。' },
    { id: 'facilities', kind: 'new', text: '配备与经营规模相适应的清洗、消毒、保洁、通风、给排水、防虫防鼠等卫生设施设备。' },
    { id: 'manager', kind: 'new', text: '设立卫生管理部门或者配备专（兼）职卫生管理人员，建立健全卫生管理制度和卫生管理档案。' },
    { id: 'staff', kind: 'new', text: '直接为顾客服务的从业人员取得有效健康合格证明后上岗。' },
    { id: 'tested', kind: 'new', text: '空气、微小气候、水质、采光、照明、噪声、顾客用品用具等经检测或评价符合卫生标准。' },
    { id: 'aircon', kind: 'new', text: '使用集中空调通风系统的，集中空调通风系统经检测或评价符合卫生要求。', when: when('aircon', 'yes') },
    { id: 'change', kind: 'change', text: '单位名称、法定代表人（负责人）、许可项目等发生变化的申请变更；经营地址变化的应当重新申请。' },
    { id: 'renewal', kind: 'renewal', text: '需要延续的，在卫生许可证有效期届满30日前向原发证部门提出申请。' },
    { id: 'cancel', kind: 'cancellation', text: '停止经营或者许可证被依法撤销、吊销的，申请注销卫生许可证。' },
  ],
  prohibitedRequirements: [NO_COPY_LICENSE, NO_COPY_ID, '不得指定卫生检测机构，申请人可自主选择具备资质的检验检测机构', '不得要求提供从业人员健康合格证明原件（可在现场核查时抽查）'],
  materials: [
    mat({ id: 'form', name: '公共场所卫生许可证申请表', source: 'applicant', basis: `${PP_RULES}第二十三条`, checkpoints: ['许可项目与经营类别一致', '面积、地址填写准确'] }),
    { ...bizLicense(`${PP_RULES}第二十三条`), requirement: 'conditional', conditionNote: '新办、变更、延续时核验', when: when('kind', 'new', 'change', 'renewal') },
    idCard(`${PP_RULES}第二十三条`, '法定代表人或者负责人居民身份证'),
    mat({ id: 'plans', name: '公共场所地址方位示意图、平面图和卫生设施平面布局图', requirement: 'conditional', conditionNote: '新办时提交', source: 'applicant', basis: `${PP_RULES}第二十三条`, when: when('kind', 'new'), checkpoints: ['标注卫生设施位置', '与现场一致'] }),
    mat({ id: 'report', name: '公共场所卫生检测或者评价报告', requirement: 'conditional', conditionNote: '新办、延续时提交', source: 'applicant', basis: `${PP_RULES}第二十三条`, when: when('kind', 'new', 'renewal'), notes: '由具备检验检测机构资质认定的机构出具。', checkpoints: ['检测项目覆盖场所类别要求', '检测结论合格', '出具机构资质在有效期内'] }),
    mat({ id: 'acreport', name: '集中空调通风系统卫生检测或者评价报告', requirement: 'conditional', conditionNote: '使用集中空调通风系统时提交', source: 'applicant', basis: `${PP_RULES}第二十三条`, when: [{ question: 'aircon', anyOf: ['yes'] }, { question: 'kind', anyOf: ['new', 'renewal'] }], checkpoints: ['检测结论合格'] }),
    mat({ id: 'rules', name: '公共场所卫生管理制度', requirement: 'conditional', conditionNote: '新办时提交', source: 'applicant', basis: `${PP_RULES}第二十三条`, when: when('kind', 'new'), checkpoints: ['包含清洗消毒、从业人员健康管理、卫生检测、应急处置制度'] }),
    mat({ id: 'permit', name: '公共场所卫生许可证', requirement: 'conditional', conditionNote: '变更、延续、注销时核验', source: 'license', sourceRef: '公共场所卫生许可证', basis: `${PP_RULES}第二十二条`, when: when('kind', 'change', 'renewal', 'cancellation'), checkpoints: ['许可证编号与申请一致'] }),
    ...agentMaterials(`${PP_RULES}第二十三条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '材料齐全、符合法定形式的受理，不齐全的一次性告知。', ['属于需许可的场所类别', '材料齐全']),
    step('review', '审查与现场审核', 'reviewer', 6, '审查材料并组织现场审核，核对卫生设施、布局与检测报告。', ['现场与图纸一致', '检测报告合格', '制度与人员到位']),
    step('decide', '决定', 'department_head', 3, '符合条件的作出准予许可决定并发证；不符合的书面说明理由。', ['审查意见明确']),
  ],
  statutoryDays: 20,
  promisedDays: 10,
  limitNote: `${PP_RULES}规定自受理之日起20日内作出决定；本省承诺10个工作日，选择告知承诺的可当场发证后核查。`,
  caseType: 'promised',
  handlingForms: ['window', 'online', 'mail'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '公共场所卫生许可证', kind: '证照', licenseType: '公共场所卫生许可证' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['enterprise'],
  themes: ['permits'],
  ...baseContact('health', { localOnly: '各市、县（市、区）政务服务中心卫生健康窗口' }),
  faq: [
    { q: '开一家奶茶店需要办公共场所卫生许可证吗？', a: '不需要。餐饮场所的公共场所卫生许可已整合进食品经营许可，办理食品经营许可即可。' },
    { q: '卫生检测费用由谁收？', a: '卫生许可不收费。卫生检测由申请人自主委托具备资质的检验检测机构，费用由双方按市场原则约定。' },
    { q: '卫生许可证有效期多久？', a: '有效期四年，期满需继续经营的，应在届满30日前申请延续。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [{ name: '公共场所卫生检测（具备检验检测机构资质认定的机构）', required: true, basis: `${PP_RULES}第二十三条` }],
  situations: [
    question('kind', '申请类型', [['new', '新办'], ['change', '变更'], ['renewal', '延续'], ['cancellation', '注销']]),
    question('aircon', '是否使用集中空调通风系统', [['yes', '是'], ['no', '否']]),
    AGENT,
  ],
};

const MCH_LAW = '《中华人民共和国母婴保健法》';
const BIRTH_NOTICE = '《国家卫生计生委 公安部关于启用和规范管理新版〈出生医学证明〉的通知》（国卫妇幼发〔2013〕52号）';

const birthCertificate: Guide = {
  summary:
    '《出生医学证明》是证明婴儿出生状态、血亲关系以及申报国籍、户籍取得公民身份的法定医学证明。在湖北省内具有助产技术服务资质的医疗机构出生的新生儿，由出生医疗机构首次签发；遗失补发、登记内容有误或证件损坏换发，由县级以上卫生健康部门指定的签发机构（一般为妇幼保健机构）办理。',
  legalBasis: [
    { law: MCH_LAW, article: '第二十三条' },
    { law: BIRTH_NOTICE, article: '首次签发、换发、补发的规定' },
  ],
  conditions: [
    { id: 'hospital', kind: 'new', text: '新生儿在湖北省内依法取得助产技术服务资质的医疗机构内出生。', when: when('born', 'hospital') },
    { id: 'outside', kind: 'new', text: '在医疗机构外出生的，由县级卫生健康部门指定的签发机构核实出生事实，并以具有资质的鉴定机构出具的亲子鉴定证明确认血亲关系后签发。', when: when('born', 'outside') },
    { id: 'change', kind: 'change', text: '证件登记内容有误或污损、残缺无法辨认，能够交回原证的，可申请换发。' },
    { id: 'replace', kind: 'replacement', text: '证件遗失的，由新生儿父母或其他监护人向原签发机构所在地的指定机构申请补发。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求提供结婚证作为签发条件', '不得要求提供计划生育情况证明或生育服务登记证明', '不得要求在报纸刊登遗失声明'],
  materials: [
    mat({ id: 'form', name: '出生医学证明首次签发（换发、补发）登记表', source: 'applicant', basis: BIRTH_NOTICE, checkpoints: ['新生儿姓名、出生时间、地点填写准确', '父母签名'] }),
    idCard(BIRTH_NOTICE, '新生儿父母居民身份证'),
    mat({ id: 'delivery', name: '住院分娩信息', requirement: 'conditional', conditionNote: '在医疗机构内出生的由系统共享', source: 'shared', sourceRef: '医疗机构住院分娩记录', basis: BIRTH_NOTICE, when: when('born', 'hospital'), checkpoints: ['分娩信息与登记表一致'] }),
    mat({ id: 'dna', name: '亲子鉴定证明', requirement: 'conditional', conditionNote: '在医疗机构外出生的提交', source: 'applicant', basis: BIRTH_NOTICE, when: [{ question: 'born', anyOf: ['outside'] }, { question: 'kind', anyOf: ['new'] }], checkpoints: ['鉴定机构具有相应资质', '鉴定意见支持亲生血缘关系'] }),
    mat({ id: 'original', name: '原《出生医学证明》', requirement: 'conditional', conditionNote: '换发时交回', source: 'license', sourceRef: '出生医学证明', basis: BIRTH_NOTICE, when: when('kind', 'change'), checkpoints: ['证件编号与档案一致'] }),
    mat({ id: 'hukou', name: '新生儿户籍登记信息', requirement: 'conditional', conditionNote: '补发、换发时由公安部门共享核验', source: 'shared', sourceRef: '户籍登记信息', basis: BIRTH_NOTICE, when: when('kind', 'change', 'replacement'), checkpoints: ['已落户的，户籍信息与签发信息一致'] }),
    ...agentMaterials(BIRTH_NOTICE),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '核验父母身份，材料齐全的受理。', ['申请人为新生儿父母或监护人', '材料齐全']),
    step('review', '核查', 'reviewer', 3, '调取分娩档案、签发存根和户籍信息核查出生事实。', ['出生事实清楚', '补发的原证已作废']),
    step('decide', '签发', 'department_head', 1, '核查无误的签发《出生医学证明》并登记存根。', ['签发信息与档案一致']),
  ],
  statutoryDays: 20,
  promisedDays: 5,
  limitNote: '法律、法规未规定办结时限，参照行政许可一般时限（20个工作日）设定；本省承诺5个工作日，首次签发在新生儿出院时当场办结。',
  caseType: 'promised',
  handlingForms: ['window', 'online'],
  onlineDepth: ['consult', 'receive', 'prereview', 'result', 'elicense'],
  visits: 1,
  fees: [],
  result: { name: '出生医学证明', kind: '证照', licenseType: '出生医学证明' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['person'],
  themes: ['birth_adoption', 'medical'],
  ...baseContact('health', { localOnly: '出生医疗机构出生医学证明签发窗口或各地妇幼保健机构' }),
  faq: [
    { q: '宝宝的名字还没想好，可以先办出生医学证明吗？', a: '建议确定姓名后再办理。出院前未确定姓名的，可在出生后一定期限内到出生医疗机构补办首次签发。' },
    { q: '出生医学证明办理收费吗？', a: '首次签发、换发、补发均不收费。' },
    { q: '出生医学证明丢了去哪里补？', a: '向原签发机构所在地卫生健康部门指定的签发机构（一般为县级妇幼保健机构）申请补发，无需登报声明。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [{ name: '亲子鉴定（具有法医物证鉴定资质的司法鉴定机构）', required: false, basis: BIRTH_NOTICE }],
  situations: [
    question('kind', '办理类型', [['new', '首次签发'], ['change', '换发'], ['replacement', '补发']]),
    question('born', '出生地点', [['hospital', '在具有助产资质的医疗机构内出生'], ['outside', '在医疗机构外出生']]),
    AGENT,
  ],
};

const VACCINE_LAW = '《中华人民共和国疫苗管理法》';

const vaccineCompensation: Guide = {
  summary:
    '受种者在湖北省内接种疫苗后发生预防接种异常反应，或者不能排除预防接种异常反应，造成死亡、严重残疾、器官组织损伤等损害的，依法给予补偿。接种免疫规划疫苗所需补偿费用由省级财政安排；接种非免疫规划疫苗所需补偿费用由相关疫苗上市许可持有人承担。',
  legalBasis: [
    { law: VACCINE_LAW, article: '第五十二条' },
    { law: VACCINE_LAW, article: '第五十六条' },
  ],
  conditions: [
    { id: 'vaccinated', kind: 'new', text: '受种者在湖北省内的接种单位接种疫苗。' },
    { id: 'conclusion', kind: 'new', text: '经疾病预防控制机构组织的调查诊断专家组诊断或者医学会鉴定，结论为预防接种异常反应或者不能排除预防接种异常反应。' },
    { id: 'damage', kind: 'new', text: '造成受种者死亡、严重残疾、器官组织损伤等损害。' },
    { id: 'nonprogram', kind: 'new', text: '接种非免疫规划疫苗的，补偿费用由疫苗上市许可持有人承担，由卫生健康部门组织核定后通知其支付。', when: when('vaccine', 'nonprogram') },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求申请人自行联系疫苗上市许可持有人协商补偿', '不得要求重复提交疾病预防控制机构已出具的调查诊断书'],
  materials: [
    mat({ id: 'application', name: '预防接种异常反应补偿申请书', source: 'applicant', basis: `${VACCINE_LAW}第五十六条`, checkpoints: ['申请补偿项目明确', '申请人签名'] }),
    idCard(`${VACCINE_LAW}第五十六条`, '受种者或其监护人居民身份证'),
    mat({ id: 'record', name: '预防接种记录', source: 'shared', sourceRef: '免疫规划信息系统接种记录', basis: `${VACCINE_LAW}第五十六条`, checkpoints: ['接种疫苗品种、批号、日期与诊断书一致'] }),
    mat({ id: 'diagnosis', name: '预防接种异常反应调查诊断书或医学会鉴定书', source: 'government', basis: `${VACCINE_LAW}第五十六条`, checkpoints: ['结论为异常反应或不能排除', '鉴定书已生效'] }),
    mat({ id: 'bills', name: '医疗费用票据和病历资料', originals: 1, copies: 1, form: 'paper', source: 'applicant', basis: `${VACCINE_LAW}第五十六条`, notes: '已通过医保直接结算的部分无需提交票据。', checkpoints: ['费用与异常反应治疗相关', '票据真实有效'] }),
    mat({ id: 'death', name: '居民死亡医学证明', requirement: 'conditional', conditionNote: '受种者死亡的', source: 'shared', sourceRef: '居民死亡医学证明信息', basis: `${VACCINE_LAW}第五十六条`, when: when('died', 'yes'), checkpoints: ['死亡信息与受种者一致'] }),
    mat({ id: 'heirs', name: '近亲属关系证明', requirement: 'conditional', conditionNote: '受种者死亡，由近亲属申请时提交', source: 'applicant', basis: `${VACCINE_LAW}第五十六条`, when: when('died', 'yes'), checkpoints: ['申请人与受种者的亲属关系明确'] }),
    mat({ id: 'account', name: '补偿金收款银行账户信息', source: 'applicant', basis: `${VACCINE_LAW}第五十六条`, checkpoints: ['户名与受种者或监护人一致'] }),
    ...agentMaterials(`${VACCINE_LAW}第五十六条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 2, '材料齐全的受理，一次性告知补正内容。', ['诊断或鉴定结论已出具', '材料齐全']),
    step('review', '核定补偿', 'reviewer', 12, '按本省补偿标准核定补偿项目和金额；非免疫规划疫苗同时通知上市许可持有人。', ['补偿项目与损害程度相符', '费用计算准确']),
    step('decide', '决定', 'department_head', 6, '作出补偿决定并书面告知申请人，按决定拨付补偿金。', ['决定书载明金额和救济途径']),
  ],
  statutoryDays: 30,
  promisedDays: 20,
  limitNote: '法律、行政法规未规定办结时限，演示数据按30个工作日设定法定时限；本省承诺20个工作日，调查诊断和医学会鉴定时间不计入。',
  caseType: 'promised',
  handlingForms: ['window', 'mail'],
  onlineDepth: ['consult', 'prereview', 'result'],
  visits: 1,
  fees: [],
  result: { name: '预防接种异常反应补偿决定书', kind: '其他' },
  delivery: ['window', 'mail'],
  audience: ['person'],
  themes: ['medical'],
  ...baseContact('health'),
  faq: [
    { q: '接种后发烧、红肿属于异常反应吗？', a: '一般不属于。因疫苗本身特性引起的一般反应、偶合症等不属于预防接种异常反应。' },
    { q: '对调查诊断结论有异议怎么办？', a: '可以向接种单位所在地的设区的市级医学会申请鉴定，对鉴定结论不服的可申请省级医学会再鉴定。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [{ name: '医学会预防接种异常反应鉴定（对诊断结论有异议时）', required: false, basis: `${VACCINE_LAW}第五十六条` }],
  situations: [
    question('vaccine', '接种的疫苗类别', [['program', '免疫规划疫苗'], ['nonprogram', '非免疫规划疫苗']]),
    question('died', '受种者是否已死亡', [['yes', '是'], ['no', '否']]),
    AGENT,
  ],
};

export const HEALTH_ITEMS: DemoItem[] = [
  {
    base: { code: '420123001D00', name: '公共场所卫生许可', type: '01', department: 'health', levels: ['3', '4'], guide: publicPlace },
    locals: [
      local('420500', 'health', { extra: faster(publicPlace, 7, [1, 4, 2]) }),
      local('420600', 'health'),
      local('420300', 'health', { extra: faster(publicPlace, 8, [1, 5, 2]) }),
      local('420102', 'health', { extra: faster(publicPlace, 5, [1, 3, 1]) }),
      local('420103', 'health', { extra: faster(publicPlace, 5, [1, 3, 1]) }),
      local('420106', 'health'),
      local('420111', 'health', { extra: faster(publicPlace, 7, [1, 4, 2]) }),
    ],
  },
  {
    base: { code: '422023073W00', name: '出生医学证明办理', type: '20', department: 'health', levels: ['2', '3', '4'], guide: birthCertificate },
    locals: [
      local('420000', 'health', { name: '出生医学证明办理（省直助产机构）' }),
      local('420100', 'health', { extra: faster(birthCertificate, 3, [1, 1, 1]) }),
      local('420500', 'health'),
      local('421100', 'health'),
      local('420102', 'health', { extra: faster(birthCertificate, 3, [1, 1, 1]) }),
      local('420111', 'health', { extra: faster(birthCertificate, 4, [1, 2, 1]) }),
    ],
  },
  {
    base: { code: '000523002002', name: '预防接种异常反应补偿', type: '05', department: 'health', levels: ['2', '3'], guide: vaccineCompensation },
    locals: [
      local('420000', 'health'),
      local('420100', 'health', { extra: faster(vaccineCompensation, 15, [2, 8, 5]) }),
      local('420500', 'health'),
    ],
  },
];
