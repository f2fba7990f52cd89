/** Human resources and social security (人力资源和社会保障). */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, NO_COPY_ID, agentMaterials, baseContact, bizLicense, faster, idCard, local, mat, question, step, when } from './common.ts';

const SI_LAW = '《中华人民共和国社会保险法》';
const DEMO_LIMIT = '法律、行政法规未规定办结时限，演示数据按';

const ssCard: Guide = {
  summary:
    '参加社会保险的人员可以申领全国统一的社会保障卡。社会保障卡以公民身份号码为社会保障号码，具有身份凭证、信息记录、自助查询、医保结算、缴费及待遇领取、金融支付等功能。湖北省支持在合作银行网点即时制卡，也可网上申请、邮寄送达。首次申领免费。',
  legalBasis: [{ law: SI_LAW, article: '第五十八条' }],
  conditions: [
    { id: 'insured', kind: 'new', text: '已参加社会保险，或者在申领时同步办理参保登记。' },
    { id: 'minor', kind: 'new', text: '未满十六周岁的，由监护人代为申领。', when: when('minor', 'yes') },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求提供参保证明（通过社会保险信息系统核验）', '不得强制搭售银行理财、保险等产品'],
  materials: [
    idCard(`${SI_LAW}第五十八条`),
    mat({ id: 'photo', name: '本人近期免冠证件照片', form: 'electronic', source: 'applicant', basis: `${SI_LAW}第五十八条`, notes: '可现场采集，或使用居民身份证制证照片。', checkpoints: ['白底、正面、清晰'] }),
    mat({ id: 'guardian', name: '监护人居民身份证和居民户口簿', requirement: 'conditional', conditionNote: '未满十六周岁的申领人', source: 'license', sourceRef: '居民户口簿', basis: `${SI_LAW}第五十八条`, when: when('minor', 'yes'), checkpoints: ['监护关系明确'] }),
    mat({ id: 'address', name: '邮寄地址', requirement: 'conditional', conditionNote: '选择邮寄送达时填写', source: 'applicant', basis: `${SI_LAW}第五十八条`, when: when('channel', 'mail'), checkpoints: ['地址、收件人电话完整'] }),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 0, '核验身份和参保信息。', ['人证一致', '无在用社会保障卡']),
    step('review', '信息校验', 'reviewer', 0, '校验个人基础信息和照片质量。', ['信息与全国社保卡平台一致']),
    step('decide', '制卡发放', 'department_head', 0, '即时制卡并启用；网上申请的制卡后邮寄。', ['卡面信息准确']),
  ],
  statutoryDays: 20,
  promisedDays: 0,
  limitNote: `${DEMO_LIMIT}20个工作日设定；网点即时制卡当场办结，邮寄送达时间不计入。`,
  caseType: 'immediate',
  handlingForms: ['window', 'online', 'mail'],
  onlineDepth: ['consult', 'receive', 'accept', 'handle', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '社会保障卡', kind: '证照', licenseType: '社会保障卡' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['person'],
  themes: ['social_security'],
  ...baseContact('human_resources', { localOnly: '各地人社服务窗口或社会保障卡合作银行即时制卡网点' }),
  faq: [
    { q: '申领社保卡要钱吗？', a: '首次申领免费。' },
    { q: '在外省参保过，还能在湖北申领吗？', a: '每人只能持有一张有效社会保障卡。已有外省社保卡的，可继续使用，或先注销后在湖北申领。' },
  ],
  oneVisit: true,
  scope: 'province',
  intermediaries: [],
  situations: [
    question('channel', '领取方式', [['window', '网点即时制卡'], ['mail', '网上申请邮寄']]),
    question('minor', '申领人是否未满十六周岁', [['yes', '是'], ['no', '否']]),
  ],
};

const unemployment: Guide = {
  summary:
    '失业前用人单位和本人已经缴纳失业保险费满一年、非因本人意愿中断就业、已经进行失业登记并有求职要求的失业人员，可以申领失业保险金。累计缴费满一年不足五年的最长领取十二个月，满五年不足十年的最长十八个月，十年以上的最长二十四个月。领取期间同时享受职工基本医疗保险待遇。',
  legalBasis: [
    { law: SI_LAW, article: '第四十五条' },
    { law: SI_LAW, article: '第四十六条' },
    { law: SI_LAW, article: '第五十条' },
  ],
  conditions: [
    { id: 'paid', kind: 'new', text: '失业前用人单位和本人已经缴纳失业保险费满一年。' },
    { id: 'involuntary', kind: 'new', text: '非因本人意愿中断就业。' },
    { id: 'resign', kind: 'new', text: '因用人单位未依法支付劳动报酬、未依法缴纳社会保险费等原因由劳动者解除劳动合同的，视为非因本人意愿中断就业。', when: when('reason', 'forced') },
    { id: 'registered', kind: 'new', text: '已经进行失业登记，并有求职要求。' },
    { id: 'notretired', kind: 'new', text: '未达到法定退休年龄，且未领取基本养老金。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求提供由原单位开具的纸质离职证明（单位已在系统中办理离职备案的）', '不得要求到户籍地办理（可在参保地申领）'],
  materials: [
    mat({ id: 'form', name: '失业保险金申领登记表', form: 'electronic', source: 'applicant', basis: `${SI_LAW}第五十条`, checkpoints: ['求职意愿已确认'] }),
    idCard(`${SI_LAW}第五十条`),
    mat({ id: 'termination', name: '终止或者解除劳动关系的证明', source: 'shared', sourceRef: '就业登记（离职备案）信息', basis: `${SI_LAW}第五十条`, notes: '单位未办理离职备案的，由申请人提交纸质证明。', checkpoints: ['离职原因属于非本人意愿', '离职时间与申领时间衔接'] }),
    mat({ id: 'reasonproof', name: '被迫解除劳动合同的证明（仲裁文书、法院文书或劳动保障监察认定）', requirement: 'conditional', conditionNote: '因用人单位过错由本人解除劳动合同的', source: 'applicant', basis: `${SI_LAW}第四十五条`, when: when('reason', 'forced'), checkpoints: ['文书已生效'] }),
    mat({ id: 'unemployed', name: '失业登记信息', source: 'shared', sourceRef: '失业登记信息', basis: `${SI_LAW}第五十条`, checkpoints: ['已办理失业登记'] }),
    mat({ id: 'sscard', name: '社会保障卡（金融账户已激活）', source: 'license', sourceRef: '社会保障卡', basis: `${SI_LAW}第五十条`, checkpoints: ['卡状态正常'] }),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '网上或窗口申请，核对身份和失业登记。', ['材料齐全']),
    step('review', '审核', 'reviewer', 3, '核定缴费年限、领取期限和标准。', ['缴费满一年', '领取期限计算准确']),
    step('decide', '核准', 'department_head', 1, '符合条件的核准发放，按月打入社会保障卡。', ['发放标准符合本省规定']),
  ],
  statutoryDays: 15,
  promisedDays: 5,
  limitNote: `${DEMO_LIMIT}15个工作日设定；本省承诺5个工作日，领取期限自办理失业登记之日起计算。`,
  caseType: 'promised',
  handlingForms: ['online', 'window'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'handle', 'result'],
  visits: 0,
  fees: [],
  result: { name: '失业保险金核定结果（按月发放）', kind: '其他' },
  delivery: ['electronic', 'window'],
  audience: ['person'],
  themes: ['employment', 'social_security'],
  ...baseContact('human_resources'),
  faq: [
    { q: '自己辞职能领失业金吗？', a: '一般不能。但因用人单位未依法支付劳动报酬、未依法缴纳社会保险费等原因由本人解除劳动合同的，视为非因本人意愿中断就业，可以申领。' },
    { q: '领失业金期间医保怎么办？', a: '领取失业保险金期间参加职工基本医疗保险，应缴纳的医保费从失业保险基金中支付，个人不缴纳。' },
  ],
  oneVisit: true,
  scope: 'province',
  intermediaries: [],
  situations: [question('reason', '离职原因', [['expired', '劳动合同期满终止'], ['dismissed', '用人单位解除或裁员'], ['forced', '因单位过错本人被迫解除']])],
};

const ARBITRATION = '《中华人民共和国劳动争议调解仲裁法》';

const arbitration: Guide = {
  summary:
    '劳动者与用人单位发生劳动争议，当事人不愿协商、协商不成或者达成和解协议后不履行的，可以向劳动人事争议仲裁委员会申请仲裁。申请仲裁的时效期间为一年；仲裁委员会收到仲裁申请之日起五日内决定是否受理，自受理之日起四十五日内结束。劳动争议仲裁不收费。',
  legalBasis: [
    { law: ARBITRATION, article: '第二十七条' },
    { law: ARBITRATION, article: '第二十八条' },
    { law: ARBITRATION, article: '第二十九条' },
    { law: ARBITRATION, article: '第四十三条' },
    { law: ARBITRATION, article: '第五十三条' },
  ],
  conditions: [
    { id: 'interest', kind: 'any', text: '申请人是与本案有直接利害关系的劳动者或者用人单位。' },
    { id: 'claims', kind: 'any', text: '有明确的被申请人、具体的仲裁请求和事实、理由。' },
    { id: 'scope', kind: 'any', text: '属于劳动争议受理范围：确认劳动关系，订立、履行、变更、解除和终止劳动合同，除名、辞退和辞职、离职，工作时间、休息休假、社会保险、福利、培训以及劳动保护，劳动报酬、工伤医疗费、经济补偿或者赔偿金。' },
    { id: 'time', kind: 'any', text: '自知道或者应当知道其权利被侵害之日起一年内申请；劳动关系存续期间因拖欠劳动报酬发生争议的，不受此限。' },
    { id: 'venue', kind: 'any', text: '向劳动合同履行地或者用人单位所在地的劳动人事争议仲裁委员会申请。' },
  ],
  prohibitedRequirements: ['不得收取仲裁费、案件受理费', '不得要求劳动者提供由用人单位盖章的证据作为受理条件', '不得要求先行调解作为申请仲裁的前置程序'],
  materials: [
    mat({ id: 'petition', name: '仲裁申请书', originals: 1, copies: 1, form: 'both', source: 'applicant', basis: `${ARBITRATION}第二十八条`, notes: '按被申请人人数提交副本；书写确有困难的，可以口头申请，由仲裁委员会记入笔录。', checkpoints: ['当事人信息完整', '仲裁请求具体', '事实理由清楚'] }),
    { ...idCard(`${ARBITRATION}第二十八条`, '劳动者居民身份证'), requirement: 'conditional', conditionNote: '劳动者申请时', when: when('applicant', 'worker') },
    { ...bizLicense(`${ARBITRATION}第二十八条`), requirement: 'conditional', conditionNote: '用人单位申请时', when: when('applicant', 'employer') },
    mat({ id: 'respondent', name: '被申请用人单位登记信息', requirement: 'conditional', conditionNote: '劳动者申请时由仲裁机构查询', source: 'shared', sourceRef: '市场主体登记信息', basis: `${ARBITRATION}第二十八条`, when: when('applicant', 'worker'), checkpoints: ['被申请人名称、住所准确'] }),
    mat({ id: 'evidence', name: '证据材料和证据目录', originals: 1, copies: 1, form: 'both', source: 'applicant', basis: `${ARBITRATION}第二十八条`, checkpoints: ['证据与仲裁请求相关', '注明证据来源和证明目的'] }),
    ...agentMaterials(`${ARBITRATION}第二十四条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 5, '收到申请之日起五日内，认为符合受理条件的受理并通知申请人；不予受理的书面通知并说明理由。', ['属于受理范围', '在时效期间内', '属于本委管辖']),
    step('review', '审理', 'reviewer', 30, '组成仲裁庭，送达申请书副本，组织调解和开庭审理。', ['程序合法', '证据经质证']),
    step('decide', '裁决', 'department_head', 10, '调解不成的依法作出裁决，制作裁决书并送达。', ['裁决事项与请求对应']),
  ],
  statutoryDays: 45,
  promisedDays: 45,
  limitNote: `${ARBITRATION}第四十三条规定自受理仲裁申请之日起四十五日内结束，案情复杂需要延期的，经仲裁委员会主任批准可以延期，延长期限不得超过十五日。`,
  caseType: 'promised',
  handlingForms: ['window', 'online', 'mail'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result'],
  visits: 1,
  fees: [],
  result: { name: '仲裁裁决书或仲裁调解书', kind: '文书' },
  delivery: ['window', 'mail'],
  audience: ['person', 'enterprise'],
  themes: ['employment'],
  ...baseContact('human_resources', { localOnly: '各级劳动人事争议仲裁院立案窗口' }),
  faq: [
    { q: '申请劳动仲裁要交费吗？', a: '不收费。劳动争议仲裁经费由财政予以保障。' },
    { q: '离职一年多了还能申请吗？', a: '仲裁时效为一年，从知道或者应当知道权利被侵害之日起计算；劳动关系存续期间拖欠工资的，不受一年时效限制，但劳动关系终止的，应当自终止之日起一年内提出。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [],
  situations: [question('applicant', '申请人身份', [['worker', '劳动者'], ['employer', '用人单位']]), AGENT],
};

const TRANSFER = '《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）';

const pensionTransfer: Guide = {
  summary:
    '参加城镇企业职工基本养老保险的人员跨省或者跨统筹地区流动就业的，基本养老保险关系随本人转移，缴费年限累计计算。由新参保地（转入地）社会保险经办机构受理申请，向原参保地发出联系函，原参保地办理转出并转移基金，转入地办理接续。可通过国家社会保险公共服务平台或“掌上12333”全程网办。',
  legalBasis: [
    { law: SI_LAW, article: '第十九条' },
    { law: TRANSFER, article: '第三条' },
  ],
  conditions: [
    { id: 'newplace', kind: 'any', text: '已在新就业地参加城镇企业职工基本养老保险并缴费。' },
    { id: 'notpaid', kind: 'any', text: '尚未领取基本养老金，且未在原参保地办理一次性退保。' },
    { id: 'crossprovince', kind: 'any', text: '跨省转移的，个人账户储存额全部转移，统筹基金按规定比例随同转移。', when: when('scope', 'province') },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求参保人员往返转出地开具参保缴费凭证（由经办机构之间传递）', '不得要求提供户籍证明'],
  materials: [
    mat({ id: 'form', name: '基本养老保险关系转移接续申请表', form: 'electronic', source: 'applicant', basis: TRANSFER, checkpoints: ['转出地、转入地经办机构填写准确'] }),
    idCard(`${SI_LAW}第十九条`),
    mat({ id: 'voucher', name: '基本养老保险参保缴费凭证', source: 'shared', sourceRef: '基本养老保险参保缴费凭证', basis: TRANSFER, checkpoints: ['缴费年限、个人账户储存额与转出地一致'] }),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 5, '转入地受理申请，核对参保信息后向转出地发出联系函。', ['转入地已参保缴费']),
    step('review', '转出审核', 'reviewer', 15, '转出地经办机构核对缴费记录，办理转出并划转基金。', ['基金划转金额准确']),
    step('decide', '接续', 'department_head', 10, '转入地核对基金到账后办理接续，记录个人缴费年限。', ['缴费年限累计准确']),
  ],
  statutoryDays: 45,
  promisedDays: 30,
  limitNote: `按${TRANSFER}规定的转入、转出各环节时限合计设定为45个工作日；本省承诺30个工作日。`,
  caseType: 'promised',
  handlingForms: ['online', 'window'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'handle', 'result'],
  visits: 0,
  fees: [],
  result: { name: '基本养老保险关系转移接续结果', kind: '其他' },
  delivery: ['electronic', 'window'],
  audience: ['person'],
  themes: ['social_security', 'employment'],
  ...baseContact('human_resources'),
  faq: [
    { q: '转移需要回原参保地吗？', a: '不需要。在新参保地或网上申请即可，凭证由经办机构之间传递。' },
    { q: '转移后缴费年限会减少吗？', a: '不会。缴费年限累计计算。' },
  ],
  oneVisit: true,
  scope: 'nationwide',
  intermediaries: [],
  situations: [question('scope', '转移范围', [['province', '跨省转移'], ['local', '省内跨统筹地区转移']])],
};

const funeral: Guide = {
  summary:
    '参加城镇企业职工基本养老保险的个人因病或者非因工死亡的，其遗属可以领取丧葬补助金和抚恤金。湖北省推行“身后一件事”联办，死亡信息经部门共享后可一次申请办理。因工死亡的，按照工伤保险规定领取相应待遇，不重复领取。',
  legalBasis: [{ law: SI_LAW, article: '第十七条' }],
  conditions: [
    { id: 'insured', kind: 'new', text: '死亡人员生前参加城镇企业职工基本养老保险。' },
    { id: 'cause', kind: 'new', text: '因病或者非因工死亡。' },
    { id: 'heir', kind: 'new', text: '申领人为死亡人员的遗属；多名遗属的，协商确定一名申领人。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求提供火化证明、户口注销证明（通过部门共享获取）', '不得要求提供社区出具的亲属关系证明'],
  materials: [
    mat({ id: 'form', name: '丧葬补助金、抚恤金申领表', source: 'applicant', basis: `${SI_LAW}第十七条`, checkpoints: ['死亡人员信息准确', '申领人签名'] }),
    mat({ id: 'death', name: '死亡信息（居民死亡医学证明或户籍注销信息）', source: 'shared', sourceRef: '居民死亡医学证明信息', basis: `${SI_LAW}第十七条`, checkpoints: ['死亡原因非因工'] }),
    idCard(`${SI_LAW}第十七条`, '申领人居民身份证'),
    mat({ id: 'relation', name: '申领人与死亡人员的亲属关系证明（居民户口簿、结婚证或出生医学证明）', source: 'license', sourceRef: '居民户口簿', basis: `${SI_LAW}第十七条`, checkpoints: ['亲属关系明确'] }),
    mat({ id: 'account', name: '申领人社会保障卡或银行账户', source: 'license', sourceRef: '社会保障卡', basis: `${SI_LAW}第十七条`, checkpoints: ['户名为申领人'] }),
    mat({ id: 'consent', name: '其他遗属同意由申领人领取的书面意见', requirement: 'conditional', conditionNote: '有多名遗属的', source: 'applicant', basis: `${SI_LAW}第十七条`, when: when('heirs', 'multiple'), checkpoints: ['全体遗属签名'] }),
    ...agentMaterials(`${SI_LAW}第十七条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 2, '核验死亡信息和申领人身份。', ['死亡信息已共享', '材料齐全']),
    step('review', '核定', 'reviewer', 5, '按本省标准核定丧葬补助金和抚恤金，清算个人账户余额。', ['计发标准准确', '停发养老金时间准确']),
    step('decide', '审批', 'department_head', 3, '审批后一次性支付至申领人账户。', ['支付账户正确']),
  ],
  statutoryDays: 20,
  promisedDays: 10,
  limitNote: `${DEMO_LIMIT}20个工作日设定；本省承诺10个工作日。`,
  caseType: 'promised',
  handlingForms: ['online', 'window'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result'],
  visits: 0,
  fees: [],
  result: { name: '丧葬补助金、抚恤金核定支付结果', kind: '其他' },
  delivery: ['electronic', 'window'],
  audience: ['person'],
  themes: ['retirement_death', 'social_security'],
  ...baseContact('human_resources'),
  faq: [
    { q: '个人账户里的钱怎么处理？', a: '个人账户余额可以依法继承，与丧葬补助金、抚恤金一并办理。' },
    { q: '因工死亡可以同时领取吗？', a: '不可以重复领取。因工死亡的，按工伤保险规定领取丧葬补助金、供养亲属抚恤金和一次性工亡补助金。' },
  ],
  oneVisit: true,
  scope: 'province',
  intermediaries: [],
  situations: [question('heirs', '遗属人数', [['single', '仅一名遗属'], ['multiple', '有多名遗属']]), AGENT],
};

export const HUMAN_RESOURCES_ITEMS: DemoItem[] = [
  {
    base: { code: '002014010001', name: '社会保障卡申领', type: '20', department: 'human_resources', levels: ['2', '3'], guide: ssCard },
    locals: [local('420000', 'human_resources'), local('420100', 'human_resources'), local('420500', 'human_resources'), local('420200', 'human_resources')],
  },
  {
    base: { code: '002014008001', name: '失业保险金申领', type: '20', department: 'human_resources', levels: ['2', '3'], guide: unemployment },
    locals: [
      local('420000', 'human_resources'),
      local('420100', 'human_resources', { extra: faster(unemployment, 3, [1, 1, 1]) }),
      local('420600', 'human_resources'),
    ],
  },
  {
    base: { code: '002014302002', name: '劳动人事争议仲裁申请', type: '20', department: 'human_resources', levels: ['2', '3'], guide: arbitration },
    locals: [
      local('420000', 'human_resources', { window: '劳动人事争议仲裁院立案窗口' }),
      local('420100', 'human_resources', { window: '劳动人事争议仲裁院立案窗口' }),
      local('420500', 'human_resources', { window: '劳动人事争议仲裁院立案窗口' }),
    ],
  },
  {
    base: { code: '002014006012', name: '城镇职工基本养老保险关系转移接续申请', type: '20', department: 'human_resources', levels: ['2', '3'], guide: pensionTransfer },
    locals: [
      local('420000', 'human_resources'),
      local('420100', 'human_resources', { extra: faster(pensionTransfer, 20, [3, 10, 7]) }),
      local('420300', 'human_resources'),
    ],
  },
  {
    base: { code: '422014078W02', name: '城镇企业职工养老保险丧葬补助金、抚恤金申领', type: '20', department: 'human_resources', levels: ['2', '3'], guide: funeral },
    locals: [local('420000', 'human_resources'), local('420100', 'human_resources', { extra: faster(funeral, 7, [1, 4, 2]) })],
  },
];
