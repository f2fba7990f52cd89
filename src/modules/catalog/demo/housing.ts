/** Housing and construction (住房和城乡建设): 施工许可, 商品房预售许可, 公共租赁住房保障资格确认. */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, NO_COPY_ID, NO_COPY_LICENSE, agentMaterials, baseContact, bizLicense, faster, idCard, local, mat, question, step, when } from './common.ts';

const BUILDING = '《中华人民共和国建筑法》';
const PERMIT_RULES = '《建筑工程施工许可管理办法》';

const construction: Guide = {
  summary:
    '在湖北省内新建、改建、扩建各类房屋建筑及其附属设施，以及与其配套的线路、管道、设备的安装和城镇市政基础设施工程，建设单位应当在开工前向工程所在地县级以上住房城乡建设部门申请领取施工许可证。工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，以及按照国务院规定的权限和程序批准开工报告的建筑工程，不需要申领施工许可证。',
  legalBasis: [
    { law: BUILDING, article: '第七条' },
    { law: BUILDING, article: '第八条' },
    { law: BUILDING, article: '第九条' },
    { law: PERMIT_RULES, article: '第二条' },
    { law: PERMIT_RULES, article: '第四条' },
  ],
  conditions: [
    { id: 'land', kind: 'new', text: '已经办理该建筑工程用地批准手续。' },
    { id: 'planning', kind: 'new', text: '依法应当办理建设工程规划许可证的，已经取得建设工程规划许可证。' },
    { id: 'demolition', kind: 'new', text: '需要拆迁（征收）的，其拆迁进度符合施工要求。' },
    { id: 'contractor', kind: 'new', text: '已经确定建筑施工企业；依法必须招标的工程，已通过招标确定施工企业。' },
    { id: 'drawings', kind: 'new', text: '有满足施工需要的资金安排、施工图纸及技术资料，施工图设计文件已按规定审查合格。' },
    { id: 'safety', kind: 'new', text: '有保证工程质量和安全的具体措施。' },
    { id: 'extend', kind: 'renewal', text: '自领取施工许可证之日起三个月内因故不能按期开工的，在期满前申请延期；延期以两次为限，每次不超过三个月。' },
    { id: 'change', kind: 'change', text: '施工许可证载明的建设单位、施工单位、监理单位等事项发生变化的，申请变更。' },
  ],
  prohibitedRequirements: [
    NO_COPY_LICENSE,
    '不得要求提供建设资金已经落实的证明（银行存款证明、银行付款保函等）',
    '不得要求提供已经通过在线审批监管平台共享的用地、规划审批文件纸质件',
    '不得将施工合同备案、监理合同备案等作为施工许可的前置条件',
  ],
  materials: [
    mat({ id: 'form', name: '建筑工程施工许可证申请表', source: 'applicant', basis: `${PERMIT_RULES}第四条`, checkpoints: ['工程名称、地址、规模与规划许可一致', '建设单位签章'] }),
    mat({ id: 'land', name: '建设用地批准信息（不动产权证书或用地批准文件）', requirement: 'conditional', conditionNote: '新办时通过共享核验', source: 'shared', sourceRef: '建设用地批准信息', basis: `${BUILDING}第八条`, when: when('kind', 'new'), checkpoints: ['用地单位与建设单位一致'] }),
    mat({ id: 'planning', name: '建设工程规划许可证', requirement: 'conditional', conditionNote: '新办时核验', source: 'license', sourceRef: '建设工程规划许可证', basis: `${BUILDING}第八条`, when: when('kind', 'new'), checkpoints: ['许可内容与申请工程一致'] }),
    mat({ id: 'award', name: '施工中标通知书', requirement: 'conditional', conditionNote: '依法必须招标的工程', source: 'shared', sourceRef: '招标投标交易信息', basis: `${BUILDING}第八条`, when: [{ question: 'kind', anyOf: ['new', 'change'] }, { question: 'bid', anyOf: ['yes'] }], checkpoints: ['中标单位与申请施工企业一致'] }),
    mat({ id: 'contract', name: '建设工程施工合同', requirement: 'conditional', conditionNote: '不属于依法必须招标的工程', source: 'applicant', basis: `${BUILDING}第八条`, when: [{ question: 'kind', anyOf: ['new', 'change'] }, { question: 'bid', anyOf: ['no'] }], checkpoints: ['施工企业具有相应资质'] }),
    mat({ id: 'funds', name: '建设资金已落实承诺书', requirement: 'conditional', conditionNote: '新办时提交', source: 'applicant', basis: `${BUILDING}第八条`, when: when('kind', 'new'), checkpoints: ['建设单位法定代表人签字并盖章'] }),
    mat({ id: 'review', name: '施工图设计文件审查合格信息', requirement: 'conditional', conditionNote: '新办时通过共享核验', source: 'shared', sourceRef: '施工图审查信息', basis: `${PERMIT_RULES}第四条`, when: when('kind', 'new'), checkpoints: ['审查结论为合格', '审查范围覆盖申请工程'] }),
    mat({ id: 'measures', name: '保证工程质量和安全的具体措施（含危险性较大的分部分项工程清单及管理措施）', requirement: 'conditional', conditionNote: '新办时提交', source: 'applicant', basis: `${BUILDING}第八条`, when: when('kind', 'new'), checkpoints: ['质量安全管理人员明确', '危大工程清单完整'] }),
    mat({ id: 'permit', name: '建筑工程施工许可证', requirement: 'conditional', conditionNote: '延期、变更时核验', source: 'license', sourceRef: '建筑工程施工许可证', basis: `${BUILDING}第九条`, when: when('kind', 'renewal', 'change'), checkpoints: ['许可证在有效期内', '延期次数未超过两次'] }),
    bizLicense(`${PERMIT_RULES}第四条`),
    ...agentMaterials(`${PERMIT_RULES}第四条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '工程建设项目审批管理系统提交，材料齐全的受理。', ['项目代码有效', '材料齐全']),
    step('review', '审查', 'reviewer', 1, '核对用地、规划、招投标、施工图审查等共享信息。', ['前置手续齐全', '施工企业资质与工程规模相符']),
    step('decide', '决定', 'department_head', 1, '符合条件的核发施工许可证（电子证照同步生成），不符合的书面说明理由。', ['审查意见明确']),
  ],
  statutoryDays: 7,
  promisedDays: 3,
  limitNote: `${BUILDING}第八条规定建设行政主管部门应当自收到申请之日起七日内，对符合条件的申请颁发施工许可证；本省承诺3个工作日。`,
  caseType: 'promised',
  handlingForms: ['online', 'window', 'mail'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'handle', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '建筑工程施工许可证', kind: '证照', licenseType: '建筑工程施工许可证' },
  delivery: ['electronic', 'mail', 'window'],
  audience: ['enterprise'],
  themes: ['construction'],
  ...baseContact('housing', { localOnly: '各市、县（市、区）政务服务中心工程建设项目审批窗口' }),
  faq: [
    { q: '领了施工许可证多久内必须开工？', a: '应当自领取之日起三个月内开工；因故不能按期开工的，应在期满前申请延期，延期以两次为限，每次不超过三个月。' },
    { q: '还要提交资金到位证明吗？', a: '不需要。建设单位提交建设资金已落实承诺书即可。' },
    { q: '小型工程需要办理吗？', a: '工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [{ name: '施工图设计文件审查机构', required: true, basis: '《建设工程质量管理条例》第十一条' }],
  situations: [
    question('kind', '申请类型', [['new', '新办'], ['change', '变更'], ['renewal', '延期']]),
    question('bid', '是否属于依法必须招标的工程', [['yes', '是'], ['no', '否']]),
    AGENT,
  ],
};

const REAL_ESTATE = '《中华人民共和国城市房地产管理法》';
const PRESALE_RULES = '《城市商品房预售管理办法》';

const presale: Guide = {
  summary: '房地产开发企业在湖北省内预售商品房，应当向房屋所在地县级以上房产管理部门申请商品房预售许可，取得《商品房预售许可证》后方可预售，预售所得款项必须用于有关的工程建设。',
  legalBasis: [
    { law: REAL_ESTATE, article: '第四十五条' },
    { law: PRESALE_RULES, article: '第六条' },
    { law: PRESALE_RULES, article: '第七条' },
  ],
  conditions: [
    { id: 'land', kind: 'new', text: '已交付全部土地使用权出让金，取得土地使用权证书。' },
    { id: 'permits', kind: 'new', text: '持有建设工程规划许可证和施工许可证。' },
    { id: 'investment', kind: 'new', text: '按提供预售的商品房计算，投入开发建设的资金达到工程建设总投资的百分之二十五以上，并已经确定施工进度和竣工交付日期。' },
    { id: 'escrow', kind: 'new', text: '已按规定开立商品房预售资金监管账户。' },
    { id: 'mortgage', kind: 'new', text: '土地使用权或在建工程设有抵押的，已取得抵押权人同意预售的书面意见。', when: when('mortgage', 'yes') },
  ],
  prohibitedRequirements: [NO_COPY_LICENSE, '不得要求提供已经通过共享获取的土地、规划、施工许可证件复印件', '不得要求开发企业缴纳规定以外的保证金'],
  materials: [
    mat({ id: 'form', name: '商品房预售许可申请表', source: 'applicant', basis: `${PRESALE_RULES}第七条`, checkpoints: ['预售范围（栋号、楼层）明确'] }),
    bizLicense(`${PRESALE_RULES}第七条`),
    mat({ id: 'grade', name: '房地产开发企业资质信息', source: 'shared', sourceRef: '房地产开发企业资质', basis: `${PRESALE_RULES}第七条`, checkpoints: ['资质有效'] }),
    mat({ id: 'land', name: '土地使用权证书（不动产权证书）', source: 'shared', sourceRef: '不动产登记信息', basis: `${REAL_ESTATE}第四十五条`, checkpoints: ['权利人为开发企业', '出让金已缴清'] }),
    mat({ id: 'planning', name: '建设工程规划许可证', source: 'license', sourceRef: '建设工程规划许可证', basis: `${REAL_ESTATE}第四十五条`, checkpoints: ['覆盖预售范围'] }),
    mat({ id: 'construction', name: '建筑工程施工许可证', source: 'license', sourceRef: '建筑工程施工许可证', basis: `${PRESALE_RULES}第七条`, checkpoints: ['覆盖预售范围'] }),
    mat({ id: 'investment', name: '投入开发建设资金达到工程建设总投资25%以上的证明', source: 'applicant', basis: `${REAL_ESTATE}第四十五条`, checkpoints: ['计算口径按预售部分', '比例达到25%以上'] }),
    mat({ id: 'contract', name: '工程施工合同及施工进度说明', source: 'applicant', basis: `${PRESALE_RULES}第七条`, checkpoints: ['竣工交付日期明确'] }),
    mat({ id: 'plan', name: '商品房预售方案（含预售商品房分层平面图）', source: 'applicant', basis: `${PRESALE_RULES}第七条`, checkpoints: ['位置、面积、交付日期载明', '分层平面图与规划一致'] }),
    mat({ id: 'consent', name: '抵押权人同意预售的书面意见', requirement: 'conditional', conditionNote: '土地或在建工程设有抵押时提交', source: 'applicant', basis: `${REAL_ESTATE}第四十五条`, when: when('mortgage', 'yes'), checkpoints: ['抵押权人盖章', '同意范围覆盖预售房屋'] }),
    ...agentMaterials(`${PRESALE_RULES}第七条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '材料齐全的受理，出具受理凭证。', ['材料齐全']),
    step('review', '审核与现场查勘', 'reviewer', 3, '审核材料并现场查勘工程形象进度。', ['形象进度与资金投入相符', '预售范围清晰']),
    step('decide', '许可', 'department_head', 1, '符合条件的作出准予预售决定并核发预售许可证，同时公开预售信息。', ['决定书规范']),
  ],
  statutoryDays: 10,
  promisedDays: 5,
  limitNote: `${PRESALE_RULES}规定房地产管理部门应当在受理之日起10日内依法作出准予或不予预售的决定；本省承诺5个工作日。`,
  caseType: 'promised',
  handlingForms: ['window', 'online'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 1,
  fees: [],
  result: { name: '商品房预售许可证', kind: '证照', licenseType: '商品房预售许可证' },
  delivery: ['window', 'electronic'],
  audience: ['enterprise'],
  themes: ['construction', 'permits'],
  ...baseContact('housing', { localOnly: '各市、县（市、区）政务服务中心房产交易窗口' }),
  faq: [
    { q: '可以分栋申请预售许可吗？', a: '可以。开发企业可按栋（或按层）分期申请，每次申请均须满足投入资金比例等条件。' },
    { q: '预售款可以挪作他用吗？', a: '不可以。商品房预售所得款项必须用于有关的工程建设，并纳入预售资金监管。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [],
  situations: [question('mortgage', '土地使用权或在建工程是否设有抵押', [['yes', '是'], ['no', '否']]), AGENT],
};

const RENTAL = '《公共租赁住房管理办法》';

const rental: Guide = {
  summary:
    '在本地无住房或者住房面积低于规定标准、收入和财产低于规定标准的城镇住房困难家庭，以及在本地稳定就业达到规定年限的外来务工人员和新就业无房职工，可以申请公共租赁住房保障资格。经审核、公示无异议的，确认保障资格并登记为轮候对象，按规定实物配租或者发放租赁补贴。',
  legalBasis: [{ law: RENTAL, article: '第七条' }],
  conditions: [
    { id: 'house', kind: 'new', text: '申请人及共同申请的家庭成员在本地无住房或者住房面积低于当地规定标准。' },
    { id: 'income', kind: 'new', text: '家庭收入、财产低于当地人民政府规定的标准。' },
    { id: 'migrant', kind: 'new', text: '申请人为外来务工人员的，在本地稳定就业达到当地规定年限。', when: when('type', 'migrant') },
    { id: 'consent', kind: 'new', text: '申请人及共同申请的家庭成员书面同意住房保障部门核实其申报信息。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求提供无房证明（通过不动产登记信息共享核查）', '不得要求提供户口簿、结婚证复印件（通过共享核验）', '不得要求提供社区或单位出具的收入证明（通过收入、财产信息核对）'],
  materials: [
    mat({ id: 'form', name: '公共租赁住房申请表', source: 'applicant', basis: `${RENTAL}第七条`, checkpoints: ['家庭成员填写完整', '全体成年家庭成员签名'] }),
    idCard(`${RENTAL}第七条`, '申请人及共同申请家庭成员居民身份证'),
    mat({ id: 'hukou', name: '户籍信息', source: 'shared', sourceRef: '户籍登记信息', basis: `${RENTAL}第七条`, checkpoints: ['家庭成员关系与申请表一致'] }),
    mat({ id: 'marriage', name: '婚姻状况信息', source: 'shared', sourceRef: '婚姻登记信息', basis: `${RENTAL}第七条`, checkpoints: ['婚姻状况与申请表一致'] }),
    mat({ id: 'property', name: '家庭住房情况', source: 'shared', sourceRef: '不动产登记信息', basis: `${RENTAL}第七条`, checkpoints: ['无房或人均面积低于标准'] }),
    mat({ id: 'authorize', name: '家庭收入、财产申报及信息核对授权书', source: 'applicant', basis: `${RENTAL}第七条`, checkpoints: ['全体成年家庭成员签名'] }),
    mat({ id: 'employment', name: '本地就业和社会保险缴费信息', requirement: 'conditional', conditionNote: '外来务工人员、新就业无房职工申请时核验', source: 'shared', sourceRef: '社会保险参保缴费信息', basis: `${RENTAL}第七条`, when: when('type', 'migrant', 'graduate'), checkpoints: ['连续缴费时间达到规定年限'] }),
    ...agentMaterials(`${RENTAL}第七条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 3, '街道（乡镇）或住房保障窗口受理，材料齐全的出具受理凭证。', ['申请对象类别正确', '材料齐全']),
    step('review', '审核与公示', 'reviewer', 12, '通过居民家庭经济状况核对系统核查收入、财产和住房，审核后在社区公示。', ['核对结果符合标准', '公示无异议或异议不成立']),
    step('decide', '确认', 'department_head', 5, '对符合条件的确认保障资格并登记为轮候对象；不符合的书面说明理由。', ['确认结果与审核一致']),
  ],
  statutoryDays: 30,
  promisedDays: 20,
  limitNote: `${RENTAL}未规定具体办结时限，由市、县人民政府规定；演示数据按30个工作日设定法定时限，本省承诺20个工作日，公示期不计入。`,
  caseType: 'promised',
  handlingForms: ['window', 'online'],
  onlineDepth: ['consult', 'receive', 'prereview', 'result'],
  visits: 1,
  fees: [],
  result: { name: '公共租赁住房保障资格确认通知书', kind: '其他' },
  delivery: ['window', 'electronic'],
  audience: ['person'],
  themes: ['housing'],
  ...baseContact('housing', { localOnly: '各市、县（市、区）住房保障服务窗口或街道（乡镇）便民服务中心' }),
  faq: [
    { q: '取得资格后多久能分到房？', a: '确认资格后登记为轮候对象，按轮候顺序配租；轮候期间也可按规定申请租赁补贴。' },
    { q: '非本地户籍可以申请吗？', a: '可以。在本地稳定就业达到规定年限的外来务工人员可以申请，具体年限以当地规定为准。' },
  ],
  oneVisit: true,
  scope: 'city',
  intermediaries: [],
  situations: [question('type', '申请人类别', [['local', '城镇户籍住房困难家庭'], ['migrant', '外来务工人员'], ['graduate', '新就业无房职工']]), AGENT],
};

export const HOUSING_ITEMS: DemoItem[] = [
  {
    base: { code: '420117001D00', name: '建筑工程施工许可证核发', type: '01', department: 'housing', levels: ['3', '4'], guide: construction },
    locals: [
      local('420100', 'housing', { extra: faster(construction, 1, [0, 1, 0]) }),
      local('420500', 'housing', { extra: faster(construction, 2, [0, 1, 1]) }),
      local('420600', 'housing', { extra: faster(construction, 2, [0, 1, 1]) }),
      local('421000', 'housing'),
      local('420200', 'housing'),
    ],
  },
  {
    base: { code: '420117002D00', name: '商品房预售许可', type: '01', department: 'housing', levels: ['3', '4'], guide: presale },
    locals: [
      local('420100', 'housing', { window: '房产交易窗口', extra: faster(presale, 3, [1, 1, 1]) }),
      local('420600', 'housing', { window: '房产交易窗口' }),
      local('420500', 'housing', { window: '房产交易窗口', extra: faster(presale, 4, [1, 2, 1]) }),
    ],
  },
  {
    base: { code: '420717001D00', name: '公共租赁住房保障资格确认', type: '07', department: 'housing', levels: ['3', '4'], guide: rental },
    locals: [
      local('420100', 'housing', { window: '住房保障窗口', extra: faster(rental, 15, [3, 8, 4]) }),
      local('420500', 'housing', { window: '住房保障窗口' }),
      local('421200', 'housing', { window: '住房保障窗口' }),
    ],
  },
];
