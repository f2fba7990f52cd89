/** Natural resources, ecology and environment, agriculture (自然资源、生态环境、农业农村). */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, NO_COPY_ID, NO_COPY_LICENSE, agentMaterials, baseContact, bizLicense, faster, idCard, local, mat, question, step, when } from './common.ts';

const LAND = '《中华人民共和国土地管理法》';
const DISPUTE = '《土地权属争议调查处理办法》';

const landDispute: Guide = {
  summary:
    '土地所有权和使用权争议，由当事人协商解决；协商不成的，由人民政府处理。县级以上自然资源主管部门负责争议案件的调查和调解，对需要依法作出处理决定的，拟定处理意见，报同级人民政府作出处理决定。省级自然资源主管部门调查处理跨设区的市行政区域、在本省有较大影响等争议案件。当事人对处理决定不服的，可以自接到处理决定通知之日起三十日内向人民法院起诉。',
  legalBasis: [
    { law: LAND, article: '第十四条' },
    { law: DISPUTE, article: '第四条' },
    { law: DISPUTE, article: '第五条' },
    { law: DISPUTE, article: '第七条' },
  ],
  conditions: [
    { id: 'interest', kind: 'any', text: '申请人与争议的土地有直接利害关系。' },
    { id: 'claims', kind: 'any', text: '有明确的请求处理对象、具体的处理请求和事实根据。' },
    { id: 'nature', kind: 'any', text: '争议属于土地所有权或者使用权归属争议，不属于土地侵权、行政区域边界争议、土地违法、农村土地承包经营权争议案件。' },
    { id: 'province', kind: 'any', text: '跨设区的市行政区域的争议，由省级自然资源主管部门调查处理。', when: when('scope', 'crosscity') },
    { id: 'county', kind: 'any', text: '同一县级行政区域内的争议，由争议土地所在地的县级自然资源主管部门调查处理；个人之间、个人与单位之间的争议，也可以向乡级人民政府申请处理。', when: when('scope', 'county') },
  ],
  prohibitedRequirements: [NO_COPY_ID, NO_COPY_LICENSE, '不得要求申请人先行调解作为受理的前置条件', '不得收取调查处理费用'],
  materials: [
    mat({ id: 'petition', name: '土地权属争议调查处理申请书', originals: 1, copies: 1, form: 'paper', source: 'applicant', basis: `${DISPUTE}第九条`, notes: '按被申请人人数提交副本。', checkpoints: ['载明申请人和被申请人基本情况', '请求事项、事实和理由明确'] }),
    { ...idCard(`${DISPUTE}第九条`, '申请人居民身份证'), requirement: 'conditional', conditionNote: '申请人为个人的', when: when('party', 'person') },
    { ...bizLicense(`${DISPUTE}第九条`), requirement: 'conditional', conditionNote: '申请人为单位的', when: when('party', 'unit') },
    mat({ id: 'evidence', name: '土地权属来源证明和证据材料', originals: 1, copies: 1, form: 'paper', source: 'applicant', basis: `${DISPUTE}第二十条`, notes: '如人民政府颁发的确定土地权属的凭证、批准使用土地的文件、争议双方依法达成的书面协议。', checkpoints: ['证据与争议地块对应', '注明来源'] }),
    mat({ id: 'map', name: '争议地块位置示意图', form: 'paper', source: 'applicant', basis: `${DISPUTE}第九条`, checkpoints: ['四至界线清楚'] }),
    ...agentMaterials(`${DISPUTE}第九条`),
  ],
  steps: [
    step('accept', '受理审查', 'window_clerk', 7, '自收到申请书之日起7个工作日内提出是否受理的意见；受理后5个工作日内将申请书副本发送被申请人。', ['属于本机关管辖', '不属于不予受理情形']),
    step('review', '调查和调解', 'reviewer', 90, '指定两名以上承办人调查取证、实地勘查，组织调解；调解达成协议的制作调解书。', ['证据经双方质证', '调查笔录完整']),
    step('decide', '处理决定', 'department_head', 23, '调解未达成协议的，拟定处理意见报同级人民政府作出处理决定并送达。', ['事实清楚、适用法律正确']),
  ],
  statutoryDays: 120,
  promisedDays: 120,
  limitNote: '争议案件自受理之日起6个月内结案，演示数据折算为120个工作日；公告、鉴定、实地勘测时间不计入。',
  caseType: 'promised',
  handlingForms: ['window', 'mail'],
  onlineDepth: ['consult', 'prereview', 'result'],
  visits: 2,
  fees: [],
  result: { name: '土地权属争议处理决定书或调解书', kind: '文书' },
  delivery: ['window', 'mail'],
  audience: ['person', 'enterprise'],
  themes: ['construction'],
  ...baseContact('natural_resources'),
  faq: [
    { q: '争议解决前可以在地上盖房吗？', a: '不可以。在土地所有权和使用权争议解决前，任何一方不得改变土地利用现状。' },
    { q: '对处理决定不服怎么办？', a: '可以自接到处理决定通知之日起三十日内向人民法院起诉，也可以依法申请行政复议。' },
  ],
  oneVisit: false,
  scope: 'local',
  intermediaries: [],
  situations: [
    question('party', '申请人类型', [['person', '个人'], ['unit', '单位']]),
    question('scope', '争议土地范围', [['crosscity', '跨设区的市'], ['crosscounty', '同一设区的市内跨县'], ['county', '同一县级行政区域内']]),
    AGENT,
  ],
};

const PLANNING = '《中华人民共和国城乡规划法》';

const siteSelection: Guide = {
  summary:
    '建设项目用地预审与选址意见书合并办理。需要批准、核准的建设项目在可行性研究或项目申请阶段，建设单位向自然资源主管部门申请，对项目用地是否符合国土空间规划、供地政策、用地标准和耕地保护要求进行审查，核发建设项目用地预审与选址意见书。',
  legalBasis: [
    { law: LAND, article: '第五十二条' },
    { law: PLANNING, article: '第三十六条' },
  ],
  conditions: [
    { id: 'plan', kind: 'new', text: '项目选址符合国土空间规划。' },
    { id: 'policy', kind: 'new', text: '符合国家供地政策和土地管理法律法规。' },
    { id: 'standard', kind: 'new', text: '建设用地规模符合有关土地使用标准的规定；没有相应标准的，经节地评价论证合理。' },
    { id: 'farmland', kind: 'new', text: '占用耕地的，落实耕地占补平衡；占用永久基本农田的，属于法律规定可以占用的重大建设项目并经论证。', when: when('farmland', 'yes') },
  ],
  prohibitedRequirements: [NO_COPY_LICENSE, '不得要求提供已通过投资项目在线审批监管平台共享的项目批准、核准文件纸质件', '不得将环境影响评价审批作为用地预审的前置条件'],
  materials: [
    mat({ id: 'form', name: '建设项目用地预审与选址申请表', source: 'applicant', basis: `${LAND}第五十二条`, checkpoints: ['项目名称、代码与在线平台一致', '拟用地面积和地类填写准确'] }),
    mat({ id: 'project', name: '项目批准、核准或建议书批复信息', source: 'shared', sourceRef: '投资项目在线审批监管平台项目信息', basis: `${PLANNING}第三十六条`, checkpoints: ['项目代码有效'] }),
    mat({ id: 'coordinates', name: '项目用地边界拐点坐标表和用地范围图', source: 'applicant', basis: `${LAND}第五十二条`, checkpoints: ['坐标系符合要求', '与规划底图套合'] }),
    mat({ id: 'saving', name: '建设项目节地评价报告', requirement: 'conditional', conditionNote: '国家和地方尚未颁布土地使用标准或超标准用地的', source: 'applicant', basis: `${LAND}第五十二条`, when: when('standard', 'no'), checkpoints: ['评价结论明确'] }),
    mat({ id: 'farmland', name: '占用永久基本农田或耕地的论证材料和补充耕地方案', requirement: 'conditional', conditionNote: '项目用地涉及占用耕地的', source: 'applicant', basis: `${LAND}第五十二条`, when: when('farmland', 'yes'), checkpoints: ['补充耕地数量、质量相当'] }),
    bizLicense(`${LAND}第五十二条`),
    ...agentMaterials(`${LAND}第五十二条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 2, '在线平台提交，材料齐全的受理。', ['项目代码有效', '材料齐全']),
    step('review', '审查', 'reviewer', 6, '审查规划符合性、供地政策、用地标准和耕地保护。', ['规划符合', '用地规模合理']),
    step('decide', '核发', 'department_head', 2, '核发建设项目用地预审与选址意见书；不予核发的书面说明理由。', ['意见书内容与审查结论一致']),
  ],
  statutoryDays: 20,
  promisedDays: 10,
  limitNote: '法定时限按《中华人民共和国行政许可法》第四十二条执行（20个工作日）；本省承诺10个工作日，节地评价、论证时间不计入。',
  caseType: 'promised',
  handlingForms: ['online', 'window'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '建设项目用地预审与选址意见书', kind: '批文' },
  delivery: ['electronic', 'mail', 'window'],
  audience: ['enterprise'],
  themes: ['construction'],
  ...baseContact('natural_resources'),
  faq: [
    { q: '所有项目都要办用地预审吗？', a: '以出让方式取得国有土地使用权的项目一般不单独办理选址意见书；需要批准、核准且新增建设用地的项目应当办理用地预审。' },
    { q: '意见书有效期多久？', a: '有效期三年，自批准之日起计算。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [{ name: '节地评价或耕地占用论证技术服务单位', required: false, basis: `${LAND}第五十二条` }],
  situations: [
    question('farmland', '项目用地是否占用耕地', [['yes', '是'], ['no', '否']]),
    question('standard', '是否有适用的土地使用标准且未超标准', [['yes', '是'], ['no', '否']]),
    AGENT,
  ],
};

const EIA_LAW = '《中华人民共和国环境影响评价法》';
const EIA_REG = '《建设项目环境保护管理条例》';

const eia: Guide = {
  summary:
    '依法应当编制环境影响报告书、环境影响报告表的建设项目，建设单位应当在开工建设前将报告书、报告表报有审批权的生态环境主管部门审批；未经审批或者审批未通过的，不得开工建设。环境影响登记表实行备案管理，不属于本事项。',
  legalBasis: [
    { law: EIA_LAW, article: '第十六条' },
    { law: EIA_LAW, article: '第二十二条' },
    { law: EIA_LAW, article: '第二十五条' },
    { law: EIA_REG, article: '第九条' },
  ],
  conditions: [
    { id: 'planning', kind: 'new', text: '建设项目类型及其选址、布局、规模等符合环境保护法律法规和相关法定规划。' },
    { id: 'quality', kind: 'new', text: '所在区域环境质量未达到国家或者地方环境质量标准的，拟采取的措施能够满足区域环境质量改善目标管理要求。' },
    { id: 'emission', kind: 'new', text: '拟采取的污染防治措施能够确保污染物排放达到国家和地方排放标准，生态保护措施能够有效预防和控制生态破坏。' },
    { id: 'existing', kind: 'new', text: '改建、扩建和技术改造项目，针对原有环境污染和生态破坏提出了有效防治措施。', when: when('project', 'expand') },
    { id: 'public', kind: 'new', text: '编制环境影响报告书的，已依法征求公众意见。', when: when('doc', 'book') },
  ],
  prohibitedRequirements: [NO_COPY_LICENSE, '不得指定环境影响评价技术单位', '不得将规划许可、用地批准作为环评审批的前置条件', '不得向建设单位收取技术评估费用'],
  materials: [
    mat({ id: 'application', name: '建设项目环境影响评价文件审批申请', source: 'applicant', basis: `${EIA_LAW}第二十二条`, checkpoints: ['项目代码与在线平台一致'] }),
    mat({ id: 'document', name: '环境影响报告书或环境影响报告表（全本及公开版）', form: 'both', source: 'applicant', basis: `${EIA_LAW}第十六条`, checkpoints: ['编制单位和编制人员信息已在信用平台公开', '结论明确'] }),
    mat({ id: 'public', name: '公众参与说明', requirement: 'conditional', conditionNote: '编制环境影响报告书的', source: 'applicant', basis: `${EIA_LAW}第二十一条`, when: when('doc', 'book'), checkpoints: ['公示时间和方式符合规定', '对公众意见的采纳情况说明'] }),
    bizLicense(`${EIA_LAW}第二十二条`),
    ...agentMaterials(`${EIA_LAW}第二十二条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 2, '受理并在网站公开受理信息。', ['属于本机关审批权限', '材料齐全']),
    step('review', '技术评估与审查', 'reviewer', 14, '委托技术评估机构评估，审查评价结论，公示拟审批意见。', ['评价结论可信', '措施可行']),
    step('decide', '审批决定', 'department_head', 4, '作出审批决定并公开；不予批准的书面说明理由。', ['批复要求明确']),
  ],
  statutoryDays: 60,
  promisedDays: 20,
  limitNote: `${EIA_LAW}第二十二条规定收到报告书之日起六十日内、收到报告表之日起三十日内作出审批决定；本省承诺20个工作日，公示期不计入。`,
  caseType: 'promised',
  handlingForms: ['online', 'window', 'mail'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '建设项目环境影响报告书（表）审批意见', kind: '批文' },
  delivery: ['electronic', 'mail', 'window'],
  audience: ['enterprise'],
  themes: ['environment', 'construction'],
  ...baseContact('ecology_environment'),
  faq: [
    { q: '报告书和报告表怎么区分？', a: '按《建设项目环境影响评价分类管理名录》确定：可能造成重大环境影响的编制报告书，轻度影响的编制报告表，影响很小的填报登记表并备案。' },
    { q: '技术评估要交钱吗？', a: '不需要。技术评估由审批部门委托，费用不由建设单位承担。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [{ name: '环境影响评价技术单位（建设单位也可自行编制）', required: false, basis: `${EIA_LAW}第十九条` }],
  situations: [
    question('doc', '环境影响评价文件类型', [['book', '环境影响报告书'], ['table', '环境影响报告表']]),
    question('project', '项目性质', [['new', '新建'], ['expand', '改建、扩建或技术改造']]),
    AGENT,
  ],
};

const PESTICIDE = '《农药管理条例》';
const PESTICIDE_RULES = '《农药经营许可管理办法》';

const pesticide: Guide = {
  summary:
    '国家实行农药经营许可制度，经营卫生用农药的除外。限制使用农药的经营许可由省级农业农村部门核发；其他农药经营许可由县级以上地方农业农村部门核发。农药经营许可证有效期为五年。',
  legalBasis: [
    { law: PESTICIDE, article: '第二十四条' },
    { law: PESTICIDE, article: '第二十五条' },
    { law: PESTICIDE_RULES, article: '第四条' },
  ],
  conditions: [
    { id: 'staff', kind: 'new', text: '有具备农药和病虫害防治专业知识，熟悉农药管理规定，能够指导安全合理使用农药的经营人员。' },
    { id: 'premises', kind: 'new', text: '有与其他商品以及饮用水水源、生活区域等有效隔离的营业场所和仓储场所，并配备与所申请经营农药相适应的防护设施。' },
    { id: 'rules', kind: 'new', text: '有与所申请经营农药相适应的质量管理、台账记录、安全防护、应急处置、仓储管理等制度和岗位操作规程。' },
    { id: 'restricted', kind: 'new', text: '经营限制使用农药的，配备相应的用药指导和病虫害防治专业技术人员，并实行定点经营。', when: when('restricted', 'yes') },
    { id: 'renewal', kind: 'renewal', text: '有效期届满需要继续经营的，在有效期届满九十日前向原发证机关申请延续。' },
  ],
  prohibitedRequirements: [NO_COPY_LICENSE, NO_COPY_ID, '不得要求提供营业场所、仓储场所的产权证明（租赁协议即可）', '不得要求经营人员参加指定机构的收费培训'],
  materials: [
    mat({ id: 'form', name: '农药经营许可证申请表', source: 'applicant', basis: `${PESTICIDE}第二十五条`, checkpoints: ['经营范围是否含限制使用农药填写准确'] }),
    bizLicense(`${PESTICIDE}第二十五条`),
    idCard(`${PESTICIDE}第二十五条`, '法定代表人（负责人）居民身份证'),
    mat({ id: 'staff', name: '经营人员的学历或培训证明', requirement: 'conditional', conditionNote: '新办或经营人员变动时', source: 'applicant', basis: `${PESTICIDE}第二十四条`, when: when('kind', 'new', 'change'), checkpoints: ['农学、植保、农药等相关专业学历或培训经历'] }),
    mat({ id: 'premises', name: '营业场所和仓储场所地址、面积、平面图和照片', requirement: 'conditional', conditionNote: '新办或场所变更时', source: 'applicant', basis: `${PESTICIDE}第二十四条`, when: when('kind', 'new', 'change'), checkpoints: ['与生活区域、饮用水源有效隔离'] }),
    mat({ id: 'equipment', name: '计算机管理系统、可追溯电子信息码扫描设备、安全防护和仓储设施清单', requirement: 'conditional', conditionNote: '新办时提交', source: 'applicant', basis: `${PESTICIDE_RULES}第四条`, when: when('kind', 'new'), checkpoints: ['设施与经营规模相适应'] }),
    mat({ id: 'rules', name: '质量管理、台账记录、安全防护、应急处置、仓储管理制度和岗位操作规程', requirement: 'conditional', conditionNote: '新办时提交', source: 'applicant', basis: `${PESTICIDE}第二十四条`, when: when('kind', 'new'), checkpoints: ['制度齐全'] }),
    mat({ id: 'technician', name: '用药指导和病虫害防治专业技术人员的资格证明', requirement: 'conditional', conditionNote: '经营限制使用农药的', source: 'applicant', basis: `${PESTICIDE}第二十四条`, when: when('restricted', 'yes'), checkpoints: ['专业技术人员数量符合要求'] }),
    mat({ id: 'permit', name: '农药经营许可证', requirement: 'conditional', conditionNote: '延续、变更时核验', source: 'license', sourceRef: '农药经营许可证', basis: `${PESTICIDE}第二十五条`, when: when('kind', 'renewal', 'change'), checkpoints: ['许可证在有效期内'] }),
    ...agentMaterials(`${PESTICIDE}第二十五条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 2, '材料齐全的受理，不齐全的一次性告知。', ['属于本机关发证范围']),
    step('review', '审查与现场核查', 'reviewer', 6, '审查材料，对营业场所和仓储场所进行实地核查。', ['场所隔离有效', '人员和制度符合条件']),
    step('decide', '决定', 'department_head', 2, '符合条件的核发农药经营许可证；不符合的书面通知并说明理由。', ['决定书规范']),
  ],
  statutoryDays: 20,
  promisedDays: 10,
  limitNote: `${PESTICIDE}第二十五条规定自受理申请之日起20个工作日内作出审批决定；本省承诺10个工作日。`,
  caseType: 'promised',
  handlingForms: ['online', 'window', 'mail'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '农药经营许可证', kind: '证照', licenseType: '农药经营许可证' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['enterprise'],
  themes: ['permits'],
  ...baseContact('agriculture'),
  faq: [
    { q: '卖杀蟑螂的药需要办农药经营许可证吗？', a: '经营卫生用农药不需要取得农药经营许可证。' },
    { q: '农药经营许可证有效期多久？', a: '五年。需要继续经营的，应在有效期届满九十日前申请延续。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [],
  situations: [
    question('kind', '申请类型', [['new', '新办'], ['change', '变更'], ['renewal', '延续']]),
    question('restricted', '是否经营限制使用农药', [['yes', '是'], ['no', '否']]),
    AGENT,
  ],
};

export const RESOURCES_ENVIRONMENT_ITEMS: DemoItem[] = [
  {
    base: { code: '000915002000', name: '土地权属争议行政裁决', type: '09', department: 'natural_resources', levels: ['2', '3', '4'], guide: landDispute },
    locals: [local('420000', 'natural_resources', { name: '土地权属争议行政裁决（跨设区的市）' })],
  },
  {
    base: { code: '420115001D00', name: '建设项目用地预审与选址意见书核发', type: '01', department: 'natural_resources', levels: ['2', '3', '4'], guide: siteSelection },
    locals: [local('420000', 'natural_resources', { extra: faster(siteSelection, 8, [1, 5, 2]) })],
  },
  {
    base: { code: '000116055000', name: '建设项目环境影响评价审批（省市县）', type: '01', department: 'ecology_environment', levels: ['2', '3', '4'], guide: eia },
    locals: [local('420000', 'ecology_environment', { name: '建设项目环境影响评价审批（省级审批权限）' })],
  },
  {
    base: { code: '000120161000', name: '农药经营许可', type: '01', department: 'agriculture', levels: ['2', '3', '4'], guide: pesticide },
    locals: [local('420000', 'agriculture', { name: '农药经营许可（限制使用农药）' })],
  },
];
