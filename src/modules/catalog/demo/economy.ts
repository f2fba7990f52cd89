/** Transport, commerce, development and reform (交通运输、商务、发展改革). */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, NO_COPY_LICENSE, agentMaterials, baseContact, bizLicense, faster, local, mat, question, step, when } from './common.ts';

const HIGHWAY = '《中华人民共和国公路法》';
const HIGHWAY_REG = '《公路安全保护条例》';

const oversize: Guide = {
  summary:
    '车辆载运不可解体物品，车货总体的外廓尺寸或者总质量超过公路、公路桥梁、公路隧道的限载、限高、限宽、限长标准，确需在公路、公路桥梁、公路隧道行驶的，承运人应当向公路管理机构申请公路超限运输许可，按照核定的时间、路线和速度行驶。跨省超限运输的，由起运地省级公路管理机构统一受理并协调沿线审批。',
  legalBasis: [
    { law: HIGHWAY, article: '第五十条' },
    { law: HIGHWAY_REG, article: '第三十五条' },
    { law: HIGHWAY_REG, article: '第三十六条' },
  ],
  conditions: [
    { id: 'indivisible', kind: 'new', text: '载运的物品为不可解体物品。' },
    { id: 'vehicle', kind: 'new', text: '运输车辆符合国家有关技术标准，牵引车与挂车匹配，车辆检验合格。' },
    { id: 'route', kind: 'new', text: '承运人承诺按照公路管理机构核定的时间、路线和速度行驶，并悬挂明显标志。' },
    { id: 'measures', kind: 'new', text: '需要对公路、桥梁采取加固、改造措施的，承运人按照技术评估结论承担相应措施。', when: when('class', 'heavy') },
    { id: 'crossprovince', kind: 'new', text: '跨省运输的，通过全国统一的超限运输许可系统向起运地省级公路管理机构申请。', when: when('cross', 'yes') },
  ],
  prohibitedRequirements: [NO_COPY_LICENSE, '不得要求提供可通过全国道路运输信息系统核验的车辆、人员证件复印件', '不得指定护送单位或收取规定以外的费用'],
  materials: [
    mat({ id: 'form', name: '公路超限运输申请表', form: 'electronic', source: 'applicant', basis: `${HIGHWAY_REG}第三十六条`, checkpoints: ['货物名称、外廓尺寸、质量填写准确', '起讫点和拟行驶路线明确'] }),
    bizLicense(`${HIGHWAY_REG}第三十六条`),
    mat({ id: 'operating', name: '道路运输经营许可证', source: 'license', sourceRef: '道路运输经营许可证', basis: `${HIGHWAY_REG}第三十六条`, checkpoints: ['经营范围含大型物件运输'] }),
    mat({ id: 'vehicle', name: '车辆行驶证和道路运输证', source: 'license', sourceRef: '机动车行驶证', basis: `${HIGHWAY_REG}第三十六条`, checkpoints: ['车辆检验有效期内', '车牌号与申请一致'] }),
    mat({ id: 'driver', name: '驾驶人机动车驾驶证和从业资格证', source: 'license', sourceRef: '机动车驾驶证', basis: `${HIGHWAY_REG}第三十六条`, checkpoints: ['准驾车型相符'] }),
    mat({ id: 'drawing', name: '车货总体外廓尺寸和轴荷示意图', source: 'applicant', basis: `${HIGHWAY_REG}第三十六条`, checkpoints: ['标注长、宽、高和各轴轴荷'] }),
    mat({ id: 'assessment', name: '通行方案及公路桥梁技术评估报告', requirement: 'conditional', conditionNote: '需要进行技术评估或加固改造的大件运输', source: 'applicant', basis: `${HIGHWAY_REG}第三十六条`, when: when('class', 'heavy'), checkpoints: ['评估结论明确', '加固措施可行'] }),
    mat({ id: 'escort', name: '护送方案', requirement: 'conditional', conditionNote: '需要护送的大件运输', source: 'applicant', basis: `${HIGHWAY_REG}第三十六条`, when: when('class', 'heavy'), checkpoints: ['护送车辆和人员安排明确'] }),
    ...agentMaterials(`${HIGHWAY_REG}第三十六条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '在线受理，材料不全的一次性告知。', ['货物不可解体', '材料齐全']),
    step('review', '审查与路线核定', 'reviewer', 7, '审查车货参数，核定行驶时间、路线和速度；跨省的协调沿线省份。', ['路线通行能力满足', '桥梁承载能力经验算']),
    step('decide', '决定', 'department_head', 2, '准予许可的签发超限运输车辆通行证；不予许可的书面说明理由。', ['通行证载明路线、时间']),
  ],
  statutoryDays: 15,
  promisedDays: 10,
  limitNote: '《超限运输车辆行驶公路管理规定》按超限程度分别规定了2个、5个、15个工作日的审批时限，本表取最长者；本省承诺10个工作日，技术评估和加固改造时间不计入。',
  caseType: 'promised',
  handlingForms: ['online'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'handle', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '超限运输车辆通行证', kind: '证照', licenseType: '超限运输车辆通行证' },
  delivery: ['electronic'],
  audience: ['enterprise'],
  themes: ['permits'],
  ...baseContact('transport'),
  faq: [
    { q: '普通货物装多了超限能申请许可吗？', a: '不能。公路超限运输许可只适用于载运不可解体物品，可解体货物超限属于违法超限超载。' },
    { q: '跨省大件运输要到每个省分别申请吗？', a: '不需要。向起运地省级公路管理机构申请，由其通过全国系统协调沿线省份。' },
  ],
  oneVisit: true,
  scope: 'nationwide',
  intermediaries: [{ name: '公路桥梁技术评估机构', required: false, basis: `${HIGHWAY_REG}第三十六条` }],
  situations: [
    question('class', '超限程度', [['general', '一般超限（无需技术评估）'], ['heavy', '需要技术评估或加固改造的大件运输']]),
    question('cross', '是否跨省运输', [['yes', '是'], ['no', '否']]),
    AGENT,
  ],
};

const PREPAID = '《单用途商业预付卡管理办法（试行）》';

const prepaid: Guide = {
  summary:
    '从事零售业、住宿和餐饮业、居民服务业的企业法人发行单用途商业预付卡，应当在开展单用途卡业务之日起30日内办理备案。集团发卡企业和品牌发卡企业向工商登记注册地省级商务主管部门备案；规模发卡企业向设区的市级商务主管部门备案；其他发卡企业向县级商务主管部门备案。',
  legalBasis: [
    { law: PREPAID, article: '第七条' },
    { law: PREPAID, article: '第八条' },
  ],
  conditions: [
    { id: 'industry', kind: 'new', text: '发卡企业为从事零售业、住宿和餐饮业或居民服务业的企业法人。' },
    { id: 'deadline', kind: 'new', text: '在开展单用途卡业务之日起30日内办理备案。' },
    { id: 'province', kind: 'new', text: '集团发卡企业和品牌发卡企业向省级商务主管部门备案。', when: when('type', 'group') },
    { id: 'change', kind: 'change', text: '备案事项发生变更的，在变更之日起30日内办理变更备案。', when: when('kind', 'change') },
  ],
  prohibitedRequirements: [NO_COPY_LICENSE, '不得将备案作为开展单用途卡业务的审批条件', '不得要求指定存管银行'],
  materials: [
    mat({ id: 'form', name: '单用途卡发卡企业备案表', form: 'electronic', source: 'applicant', basis: `${PREPAID}第八条`, checkpoints: ['发卡企业类型填写准确'] }),
    bizLicense(`${PREPAID}第八条`),
    mat({ id: 'rules', name: '单用途卡业务、资金管理制度', source: 'applicant', basis: `${PREPAID}第八条`, checkpoints: ['含预收资金管理和风险控制内容'] }),
    mat({ id: 'charter', name: '单用途卡章程和购卡协议范本', source: 'applicant', basis: `${PREPAID}第八条`, checkpoints: ['载明有效期、退卡规则、挂失方式'] }),
    mat({ id: 'sample', name: '实体卡卡样或虚拟卡信息样本', source: 'applicant', basis: `${PREPAID}第八条`, checkpoints: ['卡面载明发卡企业名称和客服电话'] }),
    mat({ id: 'changes', name: '备案事项变更说明', requirement: 'conditional', conditionNote: '变更备案时提交', source: 'applicant', basis: `${PREPAID}第七条`, when: when('kind', 'change'), checkpoints: ['变更前后事项对照清楚'] }),
    mat({ id: 'escrow', name: '预收资金存管协议', requirement: 'conditional', conditionNote: '集团、品牌或规模发卡企业', source: 'applicant', basis: `${PREPAID}第八条`, when: when('type', 'group', 'scale'), checkpoints: ['存管银行和存管比例明确'] }),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '在线提交备案材料。', ['属于本机关备案范围']),
    step('review', '核对', 'reviewer', 1, '核对备案材料完整性。', ['材料齐全']),
    step('decide', '备案', 'department_head', 1, '材料齐全的予以备案并在系统中公布。', ['备案信息准确']),
  ],
  statutoryDays: 5,
  promisedDays: 3,
  limitNote: '演示数据按5个工作日设定备案办理时限；本省承诺3个工作日。',
  caseType: 'promised',
  handlingForms: ['online'],
  onlineDepth: ['consult', 'receive', 'accept', 'handle', 'result'],
  visits: 0,
  fees: [],
  result: { name: '单用途卡发卡企业备案信息', kind: '其他' },
  delivery: ['electronic'],
  audience: ['enterprise'],
  themes: ['trade'],
  ...baseContact('commerce'),
  faq: [
    { q: '理发店办会员卡也要备案吗？', a: '属于居民服务业的企业法人发行单用途卡的，应当备案；个体工商户发卡按当地规定执行。' },
    { q: '在哪一级商务部门备案？', a: '集团和品牌发卡企业在省级备案，规模发卡企业在设区的市级备案，其他发卡企业在县级备案。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [],
  situations: [
    question('type', '发卡企业类型', [['group', '集团或品牌发卡企业'], ['scale', '规模发卡企业'], ['other', '一般发卡企业']]),
    question('kind', '备案类型', [['new', '首次备案'], ['change', '变更备案']]),
  ],
};

const INVEST_REG = '《企业投资项目核准和备案管理条例》';

const investment: Guide = {
  summary:
    '对《政府核准的投资项目目录》以外的企业投资项目实行备案管理。企业在开工建设前通过全国投资项目在线审批监管平台（湖北）将企业基本情况、项目名称、建设地点、建设规模、建设内容、项目总投资额以及项目符合产业政策的声明告知备案机关，备案机关收到全部信息即为备案，企业可自行打印备案证明。',
  legalBasis: [
    { law: INVEST_REG, article: '第三条' },
    { law: INVEST_REG, article: '第四条' },
    { law: INVEST_REG, article: '第十三条' },
  ],
  conditions: [
    { id: 'scope', kind: 'new', text: '项目不属于《政府核准的投资项目目录》规定实行核准管理的范围。' },
    { id: 'policy', kind: 'new', text: '项目不属于产业政策禁止投资建设的项目。' },
    { id: 'truth', kind: 'any', text: '企业对备案项目信息的真实性、合法性和完整性负责。' },
    { id: 'change', kind: 'change', text: '项目法人、建设地点、建设规模、建设内容发生较大变更或者放弃建设的，通过在线平台及时告知备案机关并修改相关信息。', when: when('kind', 'change') },
  ],
  prohibitedRequirements: [NO_COPY_LICENSE, '不得要求提供可行性研究报告、用地、规划、环评等文件作为备案条件', '不得以备案名义变相审批或设置前置条件'],
  materials: [
    mat({ id: 'info', name: '项目备案信息（企业基本情况、项目名称、建设地点、建设规模、建设内容、总投资额）', form: 'electronic', source: 'applicant', basis: `${INVEST_REG}第十三条`, checkpoints: ['信息完整', '建设地点属于本机关备案范围'] }),
    mat({ id: 'declaration', name: '项目符合产业政策的声明', form: 'electronic', source: 'applicant', basis: `${INVEST_REG}第十三条`, checkpoints: ['在线勾选确认'] }),
    bizLicense(`${INVEST_REG}第十三条`),
    mat({ id: 'changes', name: '项目变更情况说明', requirement: 'conditional', conditionNote: '变更备案时在线填报', form: 'electronic', source: 'applicant', basis: `${INVEST_REG}第十三条`, when: when('kind', 'change'), checkpoints: ['变更内容和原因明确', '项目代码不变'] }),
  ],
  steps: [
    step('accept', '告知', 'window_clerk', 0, '企业在线填报信息，系统自动生成项目代码。', ['信息完整']),
    step('review', '信息核对', 'reviewer', 0, '核对是否属于核准目录或禁止类项目；信息不全的在线告知补正。', ['不属于核准或禁止类']),
    step('decide', '备案', 'department_head', 0, '收到全部信息即为备案，企业可自行打印备案证明。', ['备案信息已公开']),
  ],
  statutoryDays: 0,
  promisedDays: 0,
  limitNote: `${INVEST_REG}第十三条规定备案机关收到全部信息即为备案。`,
  caseType: 'immediate',
  handlingForms: ['online'],
  onlineDepth: ['consult', 'receive', 'accept', 'handle', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '企业投资项目备案证明', kind: '其他' },
  delivery: ['electronic'],
  audience: ['enterprise'],
  themes: ['construction'],
  ...baseContact('development_reform'),
  faq: [
    { q: '备案证明有有效期吗？', a: '备案不设有效期。项目备案后2年内未开工且未办理其他手续的，应当在线说明是否继续实施。' },
    { q: '备案需要到现场吗？', a: '不需要，全程在投资项目在线审批监管平台办理。' },
  ],
  oneVisit: true,
  scope: 'province',
  intermediaries: [],
  situations: [question('kind', '办理类型', [['new', '首次备案'], ['change', '变更备案']])],
};

export const ECONOMY_ITEMS: DemoItem[] = [
  {
    base: { code: '000118006000', name: '公路超限运输许可', type: '01', department: 'transport', levels: ['2', '3', '4'], guide: oversize },
    locals: [local('420000', 'transport', { name: '公路超限运输许可（跨省运输）', extra: faster(oversize, 8, [1, 5, 2]) })],
  },
  {
    base: { code: '421021001D00', name: '单用途商业预付卡发卡企业备案', type: '10', department: 'commerce', levels: ['2', '3', '4'], guide: prepaid },
    locals: [local('420000', 'commerce', { name: '单用途商业预付卡发卡企业备案（集团、品牌发卡企业）' })],
  },
  {
    base: { code: '421004006W01', name: '企业投资项目备案', type: '10', department: 'development_reform', levels: ['2', '3', '4'], guide: investment },
    locals: [local('420000', 'development_reform', { name: '企业投资项目备案（省级备案权限）' })],
  },
];
