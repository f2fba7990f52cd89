/** Market supervision (市场监督管理): 食品经营许可, 个体工商户设立登记, 企业登记. */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, NO_COPY_ID, NO_COPY_LICENSE, agentMaterials, baseContact, bizLicense, faster, idCard, local, mat, question, step, when } from './common.ts';

const FOOD_RULES = '《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）';

const food: Guide = {
  summary:
    '在湖北省内从事食品销售和餐饮服务活动的，应当依法取得食品经营许可。销售食用农产品、仅销售预包装食品（仅销售预包装食品的应当办理备案）等情形不需要取得许可。本事项由县级以上市场监督管理部门实施，包括新办、变更、延续和注销，许可证有效期为五年。',
  legalBasis: [
    { law: '《中华人民共和国食品安全法》', article: '第三十五条' },
    { law: '《中华人民共和国食品安全法》', article: '第三十三条' },
    { law: FOOD_RULES, article: '第四条' },
    { law: FOOD_RULES, article: '第二十三条' },
  ],
  conditions: [
    { id: 'subject', kind: 'new', text: '申请人已依法取得营业执照等合法主体资格，以营业执照载明的主体作为申请人。' },
    { id: 'premises', kind: 'new', text: '具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，保持该场所环境整洁，并与有毒、有害场所以及污染源保持规定的距离。' },
    { id: 'equipment', kind: 'new', text: '具有与经营的食品品种、数量相适应的经营设备或者设施，有相应的消毒、更衣、盥洗、采光、照明、通风、防腐、防尘、防蝇、防鼠、防虫、洗涤以及处理废水、存放垃圾和废弃物的设备或者设施。' },
    { id: 'staff', kind: 'new', text: '有专职或者兼职的食品安全管理人员和保证食品安全的规章制度。' },
    { id: 'layout', kind: 'new', text: '具有合理的设备布局和工艺流程，防止待加工食品与直接入口食品、原料与成品交叉污染，避免食品接触有毒物、不洁物。', when: when('catering', 'yes') },
    { id: 'online', kind: 'any', text: '通过网络经营食品的，网络经营的项目不得超出实体场所取得许可的经营项目范围。', when: when('online', 'yes') },
    { id: 'change', kind: 'change', text: '许可证载明的事项发生变化的，向原发证部门申请变更；经营场所发生变化的，应当重新申请食品经营许可。' },
    { id: 'renewal', kind: 'renewal', text: '需要延续许可有效期的，在有效期届满前按规定期限向原发证部门提出申请，且仍符合许可条件。' },
    { id: 'cancel', kind: 'cancellation', text: '终止食品经营活动、许可被依法撤回或撤销、有效期届满未申请延续的，应当申请注销许可。' },
  ],
  prohibitedRequirements: [
    NO_COPY_LICENSE,
    NO_COPY_ID,
    '不得要求申请人提供从业人员健康证明作为受理条件（由经营者依法自行管理并接受监督检查）',
    '不得将消防、环评等与食品经营许可无关的审批结果作为受理前置条件',
    '不得指定中介机构代办或代为编制申请材料',
  ],
  materials: [
    mat({ id: 'application', name: '食品经营许可申请书', source: 'applicant', basis: FOOD_RULES, form: 'both', notes: '新办、变更、延续、注销使用对应的申请书格式，可在湖北政务服务网在线填写。', checkpoints: ['申请类型与所选情形一致', '经营项目、经营场所填写准确', '法定代表人（负责人）签字或电子签名'] }),
    { ...bizLicense(FOOD_RULES), requirement: 'conditional', conditionNote: '新办、变更、延续时核验', when: when('kind', 'new', 'change', 'renewal') },
    idCard(FOOD_RULES, '法定代表人（负责人）居民身份证'),
    mat({ id: 'facilities', name: '与食品经营相适应的主要设备设施、经营布局、操作流程说明', requirement: 'conditional', conditionNote: '新办或经营项目变更时提交', source: 'applicant', basis: FOOD_RULES, when: when('kind', 'new', 'change'), checkpoints: ['设备设施与申请的经营项目相适应', '布局图标明功能分区'] }),
    mat({ id: 'kitchen', name: '餐饮服务场所平面布局图和加工制作流程说明', requirement: 'conditional', conditionNote: '经营项目包含餐饮服务的新办申请提交', source: 'applicant', basis: FOOD_RULES, when: [{ question: 'catering', anyOf: ['yes'] }, { question: 'kind', anyOf: ['new'] }], checkpoints: ['生熟分开、流程单向', '标明专间或专用操作区'] }),
    mat({ id: 'rules', name: '保证食品安全的规章制度（食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置）', requirement: 'conditional', conditionNote: '新办时提交', source: 'applicant', basis: FOOD_RULES, when: when('kind', 'new'), checkpoints: ['四项制度齐备', '与经营规模相适应'] }),
    mat({ id: 'license', name: '食品经营许可证', requirement: 'conditional', conditionNote: '变更、延续、注销时核验', source: 'license', sourceRef: '食品经营许可证', basis: FOOD_RULES, when: when('kind', 'change', 'renewal', 'cancellation'), checkpoints: ['许可证在有效期内（注销除外）', '许可证编号与申请一致'] }),
    mat({ id: 'online', name: '网络经营说明（入网平台名称或自建网站网址、域名）', requirement: 'conditional', conditionNote: '通过网络经营时提交', source: 'applicant', basis: FOOD_RULES, when: when('online', 'yes'), checkpoints: ['平台名称或网址真实有效'] }),
    ...agentMaterials(FOOD_RULES),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '申请材料齐全、符合法定形式的予以受理；不齐全的一次性告知需补正的全部内容。', ['材料是否齐全', '申请事项是否属于本机关职权']),
    step('review', '审查（含现场核查）', 'reviewer', 4, '对申请材料实质内容进行审查，需要现场核查的组织两名以上执法人员核查经营场所。', ['场所、设备与申请一致', '布局和流程防止交叉污染', '管理制度齐备']),
    step('decide', '决定', 'department_head', 2, '对符合条件的作出准予许可决定并制发许可证；不符合的作出不予许可决定并说明理由、告知救济途径。', ['审查意见明确', '决定文书规范']),
  ],
  statutoryDays: 10,
  promisedDays: 7,
  limitNote: `${FOOD_RULES}规定自受理申请之日起10个工作日内作出决定，因特殊原因需要延长的经负责人批准可延长5个工作日。本省承诺7个工作日办结，现场核查时间计入审查环节。`,
  caseType: 'promised',
  handlingForms: ['window', 'online', 'mail'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '食品经营许可证', kind: '证照', licenseType: '食品经营许可证' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['enterprise'],
  themes: ['permits'],
  ...baseContact('market_supervision', { localOnly: '各市、县（市、区）政务服务中心市场监管登记许可窗口' }),
  faq: [
    { q: '只卖包装好的饮料和零食，需要办食品经营许可证吗？', a: '仅销售预包装食品不需要取得食品经营许可，但应当在开始经营后向所在地县级市场监督管理部门办理备案。' },
    { q: '食品经营许可证有效期多久？', a: '有效期为五年。需要继续经营的，应在有效期届满前按规定期限申请延续。' },
    { q: '店铺搬到新地址，可以直接变更许可证吗？', a: '不可以。经营场所发生变化的，应当重新申请食品经营许可。' },
  ],
  oneVisit: true,
  scope: 'local',
  form: {
    type: 'object',
    properties: {
      premises: { type: 'string', title: '经营场所 / Premises', maxLength: 200 },
      operatorType: { type: 'string', title: '主体业态 / Kind of business', enum: ['食品销售经营者', '餐饮服务经营者', '集中用餐单位食堂'] },
      items: { type: 'string', title: '经营项目 / Business items', maxLength: 500 },
      area: { type: 'number', title: '经营场所面积（平方米） / Floor area (m²)', minimum: 1, maximum: 100000 },
      safetyManager: { type: 'string', title: '食品安全管理人员 / Food safety manager', maxLength: 50 },
    },
    required: ['premises', 'operatorType', 'items'],
  },
  intermediaries: [],
  situations: [
    question('kind', '申请类型', [['new', '新办'], ['change', '变更'], ['renewal', '延续'], ['cancellation', '注销']]),
    question('catering', '经营项目是否包含餐饮服务（热食、冷食、生食、糕点、自制饮品制售）', [['yes', '是'], ['no', '否']]),
    question('online', '是否涉及网络经营', [['yes', '是'], ['no', '否']]),
    AGENT,
  ],
};

const REG = '《中华人民共和国市场主体登记管理条例》';
const INDIV = '《促进个体工商户发展条例》';

const individual: Guide = {
  summary:
    '有经营能力的公民在湖北省内从事工商业经营，可以申请登记为个体工商户，个人经营或者家庭经营均可。登记机关对申请材料进行形式审查，材料齐全、符合法定形式的当场登记，发放纸质营业执照并同步生成电子营业执照。登记不收费。',
  legalBasis: [
    { law: INDIV, article: '第二条' },
    { law: REG, article: '第十六条' },
    { law: REG, article: '第十九条' },
  ],
  conditions: [
    { id: 'capacity', kind: 'new', text: '经营者为具有经营能力的自然人。' },
    { id: 'scope', kind: 'new', text: '拟从事的经营活动不属于法律、行政法规禁止个体工商户经营的项目。' },
    { id: 'premises', kind: 'new', text: '有与经营相适应的经营场所；仅通过网络平台经营的，可以将网络经营场所登记为经营场所。' },
    { id: 'family', kind: 'new', text: '家庭经营的，参加经营的家庭成员姓名应当同时登记备案。', when: when('form', 'family') },
    { id: 'permit', kind: 'new', text: '经营范围含依法须经许可的项目（如食品经营）的，应在取得营业执照后依法申请相应许可，方可开展该项经营。' },
  ],
  prohibitedRequirements: [
    NO_COPY_ID,
    '不得要求申请人提供经营场所房东的身份证复印件或产权人同意证明',
    '不得要求申请人提供验资证明、资金证明',
    '能够通过政务信息共享获取的不动产登记信息，不得要求申请人重复提供',
  ],
  materials: [
    mat({ id: 'application', name: '个体工商户登记（备案）申请书', source: 'applicant', basis: `${REG}第十六条`, checkpoints: ['经营者姓名、经营场所、经营范围填写完整', '经营者签字或电子签名'] }),
    idCard(`${REG}第十六条`, '经营者居民身份证'),
    mat({ id: 'household', name: '家庭成员关系证明（居民户口簿或结婚证）', requirement: 'conditional', conditionNote: '家庭经营时提交', source: 'license', sourceRef: '居民户口簿', basis: `${REG}第十六条`, when: when('form', 'family'), checkpoints: ['参加经营的成员与经营者为家庭成员关系'] }),
    mat({ id: 'memberid', name: '参加经营的家庭成员居民身份证', requirement: 'conditional', conditionNote: '家庭经营时提交', source: 'license', sourceRef: '居民身份证', basis: `${REG}第十六条`, when: when('form', 'family'), checkpoints: ['证件在有效期内'] }),
    mat({ id: 'property', name: '经营场所不动产权属信息', requirement: 'conditional', conditionNote: '使用自有房产作为经营场所时', source: 'shared', sourceRef: '不动产登记信息', basis: `${REG}第十六条`, when: when('premises', 'own'), checkpoints: ['权利人与经营者一致或为其家庭成员', '房屋用途可用于经营或已作承诺'] }),
    mat({ id: 'lease', name: '经营场所租赁或借用协议', requirement: 'conditional', conditionNote: '租赁或借用场所时提交', source: 'applicant', basis: `${REG}第十六条`, when: when('premises', 'lease'), checkpoints: ['协议在有效期内', '场所地址与申请书一致'] }),
    ...agentMaterials(`${REG}第十八条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 0, '核验身份、接收申请材料，材料不全的一次性告知。', ['实名核验通过', '材料齐全']),
    step('review', '形式审查', 'reviewer', 0, '对申请材料进行形式审查，不进行实质审查。', ['名称（字号）符合规定', '经营范围按规范表述']),
    step('decide', '核准登记', 'department_head', 0, '材料齐全、符合法定形式的当场登记并打印营业执照。', ['登记信息与申请一致']),
  ],
  statutoryDays: 3,
  promisedDays: 0,
  limitNote: `${REG}第十九条规定：材料齐全、符合法定形式的当场登记；不能当场登记的，在3个工作日内予以登记，情形复杂的经负责人批准可再延长3个工作日。本省实行当场办结。`,
  caseType: 'immediate',
  handlingForms: ['window', 'online'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'handle', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '营业执照（个体工商户）', kind: '证照', licenseType: '营业执照' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['person'],
  themes: ['employment'],
  ...baseContact('market_supervision', { localOnly: '各县（市、区）政务服务中心市场监管登记窗口' }),
  faq: [
    { q: '个体工商户必须起名字吗？', a: '不是必须的。个体工商户可以使用名称，也可以不使用名称；使用名称的，应当符合名称登记管理规定。' },
    { q: '办营业执照要交钱吗？', a: '不收费。营业执照和电子营业执照均免费发放。' },
    { q: '只在网上开店，没有实体店能登记吗？', a: '可以。仅通过网络平台经营的，可以将网络经营场所登记为经营场所。' },
  ],
  oneVisit: true,
  scope: 'city',
  intermediaries: [],
  situations: [
    question('form', '经营形式', [['personal', '个人经营'], ['family', '家庭经营']]),
    question('premises', '经营场所来源', [['own', '自有房产'], ['lease', '租赁或借用'], ['online', '仅网络经营']]),
    AGENT,
  ],
};

const company: Guide = {
  summary:
    '内资公司、非公司企业法人、合伙企业、个人独资企业及其分支机构的设立、变更、注销登记。通过湖北政务服务网企业开办“一网通办”平台可全程网上办理，营业执照与公章刻制、涉税事项、社保登记等信息同步推送。',
  legalBasis: [
    { law: REG, article: '第三条' },
    { law: REG, article: '第十六条' },
    { law: REG, article: '第十九条' },
    { law: REG, article: '第二十四条' },
    { law: REG, article: '第三十一条' },
    { law: '《中华人民共和国公司法》', article: '第四十七条' },
  ],
  conditions: [
    { id: 'name', kind: 'new', text: '企业名称经自主申报，符合企业名称登记管理规定。' },
    { id: 'residence', kind: 'new', text: '有符合规定的住所（主要经营场所）。' },
    { id: 'capital', kind: 'new', text: '有限责任公司全体股东认缴的出资额按公司章程规定自公司成立之日起五年内缴足。', when: when('entity', 'llc') },
    { id: 'change', kind: 'change', text: '登记事项变更的，自作出变更决议、决定或者法定变更事项发生之日起30日内申请变更登记。' },
    { id: 'liquidate', kind: 'cancellation', text: '已依法成立清算组并完成清算，清算报告经确认。', when: when('cancel', 'normal') },
    { id: 'simple', kind: 'cancellation', text: '未发生债权债务或者已将债权债务清偿完结，全体投资人书面承诺并经20日公示无异议的，可以简易注销。', when: when('cancel', 'simple') },
  ],
  prohibitedRequirements: [
    NO_COPY_ID,
    '不得要求申请人提交验资报告',
    '不得要求申请人到场办理能够通过实名认证和电子签名完成的事项',
    '能够通过政务信息共享获取的登记相关信息，不得要求申请人重复提供',
  ],
  materials: [
    mat({ id: 'application', name: '企业登记申请书（设立、变更、注销）', source: 'applicant', basis: `${REG}第十六条`, checkpoints: ['登记事项填写完整', '法定代表人或负责人签字'] }),
    { ...idCard(`${REG}第十六条`, '法定代表人（负责人、投资人）居民身份证'), requirement: 'conditional', conditionNote: '设立登记或更换法定代表人时核验', when: when('kind', 'new', 'change') },
    mat({ id: 'charter', name: '公司章程', requirement: 'conditional', conditionNote: '公司设立，或变更涉及章程修改时提交', source: 'applicant', basis: `${REG}第十六条`, when: [{ question: 'kind', anyOf: ['new', 'change'] }, { question: 'entity', anyOf: ['llc', 'jsc'] }], checkpoints: ['全体股东（发起人）签署', '出资额、出资期限符合公司法规定'] }),
    mat({ id: 'partnership', name: '合伙协议', requirement: 'conditional', conditionNote: '合伙企业设立时提交', source: 'applicant', basis: `${REG}第十六条`, when: [{ question: 'kind', anyOf: ['new'] }, { question: 'entity', anyOf: ['partnership'] }], checkpoints: ['全体合伙人签署'] }),
    mat({ id: 'residence', name: '住所（主要经营场所）使用相关文件', requirement: 'conditional', conditionNote: '设立或住所变更时提交', source: 'applicant', basis: `${REG}第十六条`, when: when('kind', 'new', 'change'), notes: '使用自有不动产的，通过不动产登记信息共享核验。', checkpoints: ['地址与申请书一致'] }),
    mat({ id: 'resolution', name: '股东会决议、合伙人决定或投资人决定', requirement: 'conditional', conditionNote: '变更或注销时提交', source: 'applicant', basis: `${REG}第二十四条`, when: when('kind', 'change', 'cancellation'), checkpoints: ['决议事项与申请事项一致', '表决程序符合章程'] }),
    mat({ id: 'report', name: '清算报告', requirement: 'conditional', conditionNote: '普通注销时提交', source: 'applicant', basis: `${REG}第三十一条`, when: when('cancel', 'normal'), checkpoints: ['清算组成员签字确认'] }),
    mat({ id: 'pledge', name: '全体投资人承诺书', requirement: 'conditional', conditionNote: '简易注销时提交', source: 'applicant', basis: `${REG}第三十一条`, when: when('cancel', 'simple'), checkpoints: ['全体投资人签署', '公示期满无异议'] }),
    { ...bizLicense(`${REG}第十六条`), requirement: 'conditional', conditionNote: '变更、注销时核验', when: when('kind', 'change', 'cancellation') },
    ...agentMaterials(`${REG}第十八条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 0, '网上申请经实名认证后提交，材料齐全的即时受理。', ['申请人实名认证', '材料齐全']),
    step('review', '审核', 'reviewer', 1, '对申请材料进行形式审查。', ['名称、住所、经营范围规范', '章程（协议）要素齐全']),
    step('decide', '核准', 'department_head', 0, '核准登记，生成营业执照和电子营业执照；注销的出具准予注销登记通知书。', ['登记信息与审核结果一致']),
  ],
  statutoryDays: 3,
  promisedDays: 1,
  limitNote: `${REG}第十九条：材料齐全、符合法定形式的当场登记，不能当场登记的3个工作日内登记。本省企业开办承诺1个工作日内办结。`,
  caseType: 'promised',
  handlingForms: ['window', 'online', 'mail'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'handle', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '营业执照', kind: '证照', licenseType: '营业执照' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['enterprise'],
  themes: ['establishment', 'dissolution'],
  ...baseContact('market_supervision'),
  faq: [
    { q: '注册资本可以随便填吗？', a: '不可以。有限责任公司股东认缴的出资额应当自公司成立之日起五年内缴足，请结合实际经营需要填写。' },
    { q: '哪些企业可以简易注销？', a: '未发生债权债务或已将债权债务清偿完结的企业，经全体投资人书面承诺并在国家企业信用信息公示系统公示20日无异议后，可以申请简易注销。' },
    { q: '营业执照可以邮寄吗？', a: '可以。申请时选择免费寄递，也可以直接使用电子营业执照。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [],
  situations: [
    question('kind', '申请类型', [['new', '设立'], ['change', '变更'], ['cancellation', '注销']]),
    question('entity', '企业类型', [['llc', '有限责任公司'], ['jsc', '股份有限公司'], ['partnership', '合伙企业'], ['sole', '个人独资企业']]),
    question('cancel', '注销方式（仅注销时选择）', [['normal', '普通注销'], ['simple', '简易注销'], ['none', '不涉及注销']]),
    AGENT,
  ],
};

export const MARKET_ITEMS: DemoItem[] = [
  {
    base: { code: '420131001D00', name: '食品经营许可', type: '01', department: 'market_supervision', levels: ['3', '4'], guide: food },
    locals: [
      local('420100', 'market_supervision', { extra: faster(food, 5, [1, 3, 1]) }),
      local('420500', 'market_supervision', { extra: faster(food, 5, [1, 3, 1]) }),
      local('420600', 'market_supervision'),
      local('420102', 'market_supervision', { extra: faster(food, 3, [1, 1, 1]) }),
      local('420103', 'market_supervision', { extra: faster(food, 3, [1, 1, 1]) }),
      local('420106', 'market_supervision', { extra: faster(food, 5, [1, 3, 1]) }),
      local('420111', 'market_supervision'),
    ],
  },
  {
    base: { code: '420131002D00', name: '个体工商户设立登记', type: '01', department: 'market_supervision', levels: ['3', '4'], guide: individual },
    locals: [
      local('420100', 'market_supervision'),
      local('420102', 'market_supervision'),
      local('420104', 'market_supervision'),
      local('420105', 'market_supervision'),
      local('420106', 'market_supervision'),
      local('420111', 'market_supervision'),
      local('429004', 'market_supervision'),
    ],
  },
  {
    base: { code: '420131001W00', name: '企业设立、变更、注销登记（内资）', type: '01', department: 'market_supervision', levels: ['2', '3', '4'], guide: company },
    locals: [
      local('420000', 'market_supervision', { name: '企业设立、变更、注销登记（内资，省级登记管辖）' }),
      local('420100', 'market_supervision'),
      local('420200', 'market_supervision'),
      local('420102', 'market_supervision'),
      local('420111', 'market_supervision'),
    ],
  },
];
