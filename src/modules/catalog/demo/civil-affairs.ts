/** Civil affairs (民政): 结婚登记, 收养登记, 最低生活保障, 社会团体登记. */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, NO_COPY_ID, agentMaterials, baseContact, faster, idCard, local, mat, question, step, when } from './common.ts';

const CIVIL_CODE = '《中华人民共和国民法典》';
const MARRIAGE_REG = '《婚姻登记条例》（2025年国务院令第804号修订）';

const marriage: Guide = {
  summary:
    '要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记，符合规定的予以登记，发给结婚证，完成结婚登记即确立婚姻关系。修订后的《婚姻登记条例》自2025年5月10日起施行，内地居民婚姻登记实行“全国通办”，凭本人居民身份证和签字声明即可在任一婚姻登记机关办理，婚姻登记机关办理婚姻登记不收取费用。',
  legalBasis: [
    { law: CIVIL_CODE, article: '第一千零四十六条' },
    { law: CIVIL_CODE, article: '第一千零四十七条' },
    { law: CIVIL_CODE, article: '第一千零四十八条' },
    { law: CIVIL_CODE, article: '第一千零四十九条' },
    { law: MARRIAGE_REG, article: '第二条' },
  ],
  conditions: [
    { id: 'willing', kind: 'new', text: '男女双方完全自愿。' },
    { id: 'age', kind: 'new', text: '男方年满二十二周岁，女方年满二十周岁。' },
    { id: 'single', kind: 'new', text: '双方均无配偶。' },
    { id: 'kinship', kind: 'new', text: '双方没有直系血亲和三代以内旁系血亲关系。' },
    { id: 'inperson', kind: 'new', text: '男女双方亲自到婚姻登记机关共同申请，双方均为内地居民。' },
    { id: 'previous', kind: 'new', text: '曾经结婚的，原婚姻关系已因离婚或配偶死亡依法解除，由婚姻登记机关通过婚姻登记信息系统核验。', when: when('previous', 'yes') },
  ],
  prohibitedRequirements: ['不得要求提供居民户口簿或户籍证明', '不得要求提供单位或村（居）委会出具的婚姻状况证明', '不得将婚前医学检查证明作为登记条件', '不得收取任何费用或者附加其他义务'],
  materials: [
    idCard(`${MARRIAGE_REG}第二章`, '男女双方居民身份证'),
    mat({ id: 'declaration', name: '本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明', form: 'paper', originals: 2, source: 'applicant', basis: `${MARRIAGE_REG}第二章`, notes: '在婚姻登记员面前当场签署，无需提前准备。', checkpoints: ['双方本人签名', '声明内容完整'] }),
    mat({ id: 'photo', name: '男女双方近期半身免冠合影照片', originals: 3, form: 'paper', source: 'applicant', basis: `${MARRIAGE_REG}第二章`, notes: '婚姻登记处可现场免费拍摄。', checkpoints: ['双方同框、正面免冠'] }),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 0, '核验双方身份，查询婚姻登记信息。', ['双方均亲自到场', '身份证件有效']),
    step('review', '审查询问', 'reviewer', 0, '询问双方结婚意愿，核对签字声明。', ['双方完全自愿', '达到法定婚龄', '无禁止结婚情形']),
    step('decide', '登记颁证', 'department_head', 0, '符合结婚条件的当场予以登记，发给结婚证；不予登记的说明理由。', ['结婚证信息准确']),
  ],
  statutoryDays: 0,
  promisedDays: 0,
  limitNote: '符合结婚条件的当场予以登记，发给结婚证。',
  caseType: 'immediate',
  handlingForms: ['window'],
  onlineDepth: ['consult', 'prereview'],
  visits: 1,
  fees: [],
  result: { name: '结婚证', kind: '证照', licenseType: '结婚证' },
  delivery: ['window'],
  audience: ['person'],
  themes: ['marriage'],
  ...baseContact('civil_affairs', { localOnly: '各县（市、区）婚姻登记处' }),
  faq: [
    { q: '必须回户口所在地登记吗？', a: '不需要。自2025年5月10日起，内地居民可以在全国任一婚姻登记机关办理结婚登记。' },
    { q: '结婚登记收费吗？', a: '不收费。' },
    { q: '可以网上预约吗？', a: '可以通过湖北政务服务网或“鄂汇办”预约登记时段，登记时双方仍须亲自到场。' },
  ],
  oneVisit: true,
  scope: 'nationwide',
  intermediaries: [],
  situations: [question('previous', '双方是否有人曾经结婚', [['yes', '是（离婚或丧偶后再婚）'], ['no', '否（均为初婚）']])],
};

const ADOPTION_REG = '《中国公民收养子女登记办法》';

const adoption: Guide = {
  summary:
    '中国公民在中国境内收养子女，应当向县级以上人民政府民政部门办理收养登记，收养关系自登记之日起成立。收养查找不到生父母的未成年人的，民政部门在登记前予以公告；民政部门依法进行收养评估。',
  legalBasis: [
    { law: CIVIL_CODE, article: '第一千零九十八条' },
    { law: CIVIL_CODE, article: '第一千一百零三条' },
    { law: CIVIL_CODE, article: '第一千一百零四条' },
    { law: CIVIL_CODE, article: '第一千一百零五条' },
    { law: ADOPTION_REG, article: '第六条' },
  ],
  conditions: [
    { id: 'children', kind: 'new', text: '收养人无子女或者只有一名子女。', when: when('source', 'welfare', 'parents') },
    { id: 'ability', kind: 'new', text: '收养人有抚养、教育和保护被收养人的能力。' },
    { id: 'health', kind: 'new', text: '收养人未患有在医学上认为不应当收养子女的疾病。' },
    { id: 'record', kind: 'new', text: '收养人无不利于被收养人健康成长的违法犯罪记录。' },
    { id: 'age', kind: 'new', text: '收养人年满三十周岁。', when: when('source', 'welfare', 'parents') },
    { id: 'step', kind: 'new', text: '继父或者继母经继子女的生父母同意，可以收养继子女。', when: when('source', 'stepchild') },
    { id: 'consent8', kind: 'new', text: '被收养人年满八周岁的，应当征得被收养人同意。', when: when('age8', 'yes') },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求收养人提供无犯罪记录证明（通过部门共享查询）', '不得要求提供户口簿、结婚证复印件（通过电子证照核验）'],
  materials: [
    mat({ id: 'application', name: '收养申请书', source: 'applicant', basis: `${ADOPTION_REG}第六条`, checkpoints: ['收养目的明确', '含不虐待、不遗弃被收养人的保证'] }),
    idCard(`${ADOPTION_REG}第六条`, '收养人居民身份证'),
    mat({ id: 'hukou', name: '收养人居民户口簿', source: 'license', sourceRef: '居民户口簿', basis: `${ADOPTION_REG}第六条`, checkpoints: ['家庭成员与申请一致'] }),
    mat({ id: 'marriage', name: '收养人婚姻状况信息', source: 'shared', sourceRef: '婚姻登记信息', basis: `${ADOPTION_REG}第六条`, checkpoints: ['夫妻共同收养的双方均到场或有经证明的委托'] }),
    mat({ id: 'health', name: '县级以上医疗机构出具的收养人身体健康检查证明', source: 'applicant', basis: `${CIVIL_CODE}第一千零九十八条`, checkpoints: ['检查结论未患有不应当收养子女的疾病'] }),
    mat({ id: 'crime', name: '收养人犯罪记录查询结果', source: 'shared', sourceRef: '犯罪记录查询结果', basis: `${CIVIL_CODE}第一千零九十八条`, checkpoints: ['无不利于被收养人健康成长的违法犯罪记录'] }),
    mat({ id: 'welfare', name: '社会福利机构同意送养证明和被收养人情况说明', requirement: 'conditional', conditionNote: '收养社会福利机构抚养的儿童时', source: 'government', basis: `${ADOPTION_REG}第六条`, when: when('source', 'welfare'), checkpoints: ['机构盖章', '查找生父母公告期满'] }),
    mat({ id: 'parents', name: '生父母同意送养的书面意见', requirement: 'conditional', conditionNote: '收养生父母有特殊困难无力抚养的子女或收养继子女时', source: 'applicant', basis: `${ADOPTION_REG}第六条`, when: when('source', 'parents', 'stepchild'), checkpoints: ['生父母双方签名'] }),
    mat({ id: 'childconsent', name: '被收养人同意被收养的书面意见', requirement: 'conditional', conditionNote: '被收养人年满八周岁的', source: 'applicant', basis: `${CIVIL_CODE}第一千一百零四条`, when: when('age8', 'yes'), checkpoints: ['被收养人本人签名并经登记员询问确认'] }),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 2, '收养关系当事人亲自到场申请，材料齐全的受理。', ['当事人亲自到场', '材料齐全']),
    step('review', '审查与收养评估', 'reviewer', 15, '审查材料并组织收养评估；收养查找不到生父母的未成年人的，登记前予以公告。', ['收养人条件符合', '评估结论适宜收养']),
    step('decide', '登记', 'department_head', 3, '符合规定的准予登记，发给收养登记证；不予登记的说明理由。', ['登记信息准确']),
  ],
  statutoryDays: 30,
  promisedDays: 20,
  limitNote: '收养登记机关自收到申请及有关材料次日起30日内进行审查；本省承诺20个工作日，公告期和收养评估期间不计入。',
  caseType: 'promised',
  handlingForms: ['window'],
  onlineDepth: ['consult', 'prereview'],
  visits: 2,
  fees: [],
  result: { name: '收养登记证', kind: '证照', licenseType: '收养登记证' },
  delivery: ['window'],
  audience: ['person'],
  themes: ['birth_adoption'],
  ...baseContact('civil_affairs', { localOnly: '各县（市、区）民政局收养登记窗口' }),
  faq: [
    { q: '为什么需要到现场两次？', a: '申请时当事人须亲自到场；收养评估完成后，还须到场领取收养登记证并确认收养意愿。' },
    { q: '收养继子女也需要满三十周岁吗？', a: '不需要。继父或者继母经继子女的生父母同意收养继子女的，不受收养人年龄和子女数量等条件的限制。' },
  ],
  oneVisit: false,
  scope: 'local',
  intermediaries: [],
  situations: [
    question('source', '被收养人情况', [['welfare', '社会福利机构抚养的儿童'], ['parents', '生父母有特殊困难无力抚养的子女'], ['stepchild', '继子女']]),
    question('age8', '被收养人是否年满八周岁', [['yes', '是'], ['no', '否']]),
  ],
};

const RELIEF = '《社会救助暂行办法》';

const minimumLiving: Guide = {
  summary:
    '国家对共同生活的家庭成员人均收入低于当地最低生活保障标准，且符合当地最低生活保障家庭财产状况规定的家庭，给予最低生活保障。由共同生活的家庭成员向户籍所在地乡镇人民政府（街道办事处）提出书面申请，经调查核实、公示后，由县级人民政府民政部门审批，按月发放最低生活保障金。',
  legalBasis: [
    { law: RELIEF, article: '第九条' },
    { law: RELIEF, article: '第十一条' },
    { law: RELIEF, article: '第十二条' },
  ],
  conditions: [
    { id: 'income', kind: 'new', text: '共同生活的家庭成员人均收入低于当地最低生活保障标准。' },
    { id: 'assets', kind: 'new', text: '家庭财产状况符合当地最低生活保障家庭财产状况规定。' },
    { id: 'household', kind: 'new', text: '以家庭为单位，由共同生活的家庭成员向户籍所在地乡镇人民政府（街道办事处）提出书面申请。' },
    { id: 'change', kind: 'change', text: '享受最低生活保障的家庭人口状况、收入状况、财产状况发生变化的，及时告知乡镇人民政府（街道办事处）。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求申请人提供由村（居）委会出具的贫困证明', '不得要求提供可通过居民家庭经济状况核对系统核查的收入、存款证明', '不得以申请人户籍与居住地不一致为由拒绝受理'],
  materials: [
    mat({ id: 'application', name: '最低生活保障申请书', source: 'applicant', basis: `${RELIEF}第十一条`, checkpoints: ['家庭成员、收入情况填写完整', '申请人签名'] }),
    idCard(`${RELIEF}第十一条`, '共同生活家庭成员居民身份证'),
    mat({ id: 'hukou', name: '居民户口簿', source: 'license', sourceRef: '居民户口簿', basis: `${RELIEF}第十一条`, checkpoints: ['共同生活家庭成员范围准确'] }),
    mat({ id: 'authorize', name: '家庭经济状况核对授权书', source: 'applicant', basis: `${RELIEF}第十一条`, checkpoints: ['全体成年家庭成员签名'] }),
    mat({ id: 'disability', name: '残疾人证', requirement: 'conditional', conditionNote: '家庭成员中有残疾人的', source: 'license', sourceRef: '残疾人证', basis: `${RELIEF}第十一条`, when: when('special', 'disability'), checkpoints: ['残疾类别、等级有效'] }),
    mat({ id: 'illness', name: '医疗机构出具的重病诊断证明', requirement: 'conditional', conditionNote: '家庭成员中有重病患者的', source: 'applicant', basis: `${RELIEF}第十一条`, when: when('special', 'illness'), checkpoints: ['二级以上医疗机构出具'] }),
    ...agentMaterials(`${RELIEF}第十一条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 3, '乡镇（街道）社会救助窗口受理，材料不全的一次性告知。', ['申请以家庭为单位', '材料齐全']),
    step('review', '调查核实与公示', 'reviewer', 12, '通过入户调查、邻里访问、信息核对等方式核实家庭经济状况，提出意见后在村（社区）公示。', ['收入、财产核对结果符合标准', '公示无异议或异议不成立']),
    step('decide', '审批', 'department_head', 5, '县级民政部门审批，批准的自批准次月起按月发放保障金并公布；不予批准的书面说明理由。', ['保障金额按差额计算']),
  ],
  statutoryDays: 30,
  promisedDays: 20,
  limitNote: '演示数据按30个工作日设定法定时限；本省承诺20个工作日，公示期不计入。',
  caseType: 'promised',
  handlingForms: ['window', 'online'],
  onlineDepth: ['consult', 'receive', 'prereview', 'result'],
  visits: 1,
  fees: [],
  result: { name: '最低生活保障审批决定（按月发放最低生活保障金）', kind: '其他' },
  delivery: ['window', 'electronic'],
  audience: ['person'],
  themes: ['social_security'],
  ...baseContact('civil_affairs', { localOnly: '户籍所在地乡镇人民政府（街道办事处）社会救助窗口' }),
  faq: [
    { q: '低保金每月能领多少？', a: '按家庭成员人均收入与当地最低生活保障标准的差额计算，按月发放。' },
    { q: '行动不便不能去窗口怎么办？', a: '可以委托村（居）民委员会或他人代为提出申请，也可以通过湖北政务服务网在线申请。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [],
  situations: [question('special', '家庭成员中是否有残疾人或重病患者', [['disability', '有残疾人'], ['illness', '有重病患者'], ['none', '都没有']]), AGENT],
};

const SOCIETY_REG = '《社会团体登记管理条例》';

const society: Guide = {
  summary:
    '成立社会团体，应当经其业务主管单位审查同意（按规定可以直接登记的除外），由发起人向登记管理机关申请登记，取得社会团体法人登记证书；登记事项变更或者社会团体注销的，依法办理变更、注销登记。省级社会团体由省民政厅登记。',
  legalBasis: [
    { law: SOCIETY_REG, article: '第三条' },
    { law: SOCIETY_REG, article: '第十条' },
    { law: SOCIETY_REG, article: '第十二条' },
  ],
  conditions: [
    { id: 'members', kind: 'new', text: '有50个以上的个人会员或者30个以上的单位会员；个人会员、单位会员混合组成的，会员总数不少于50个。' },
    { id: 'name', kind: 'new', text: '有规范的名称和相应的组织机构。' },
    { id: 'residence', kind: 'new', text: '有固定的住所。' },
    { id: 'staff', kind: 'new', text: '有与其业务活动相适应的专职工作人员。' },
    { id: 'funds', kind: 'new', text: '有合法的资产和经费来源，地方性的社会团体和跨行政区域的社会团体有3万元以上活动资金。' },
    { id: 'liability', kind: 'new', text: '有独立承担民事责任的能力。' },
    { id: 'change', kind: 'change', text: '登记事项需要变更的，自业务主管单位审查同意之日起30日内申请变更登记。' },
    { id: 'cancel', kind: 'cancellation', text: '完成章程规定的宗旨、自行解散、分立合并或者因其他原因终止的，在清算结束后申请注销登记。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求提供业务主管单位批准文件以外的前置审批', '不得要求负责人提供无犯罪记录证明（通过部门共享查询）'],
  materials: [
    mat({ id: 'application', name: '社会团体登记申请书（成立、变更、注销）', source: 'applicant', basis: `${SOCIETY_REG}第十一条`, checkpoints: ['申请事项与情形一致', '负责人签字'] }),
    mat({ id: 'approval', name: '业务主管单位批准文件', requirement: 'conditional', conditionNote: '需经业务主管单位审查同意的社会团体', source: 'government', basis: `${SOCIETY_REG}第三条`, when: when('direct', 'no'), checkpoints: ['批准事项与申请一致'] }),
    mat({ id: 'capital', name: '验资报告和场所使用权证明', requirement: 'conditional', conditionNote: '成立登记时提交', source: 'applicant', basis: `${SOCIETY_REG}第十一条`, when: when('kind', 'new'), checkpoints: ['活动资金达到规定数额', '住所使用期限不少于一年'] }),
    mat({ id: 'founders', name: '发起人和拟任负责人基本情况及居民身份证', requirement: 'conditional', conditionNote: '成立或变更负责人时提交', source: 'license', sourceRef: '居民身份证', basis: `${SOCIETY_REG}第十一条`, when: when('kind', 'new', 'change'), checkpoints: ['负责人具有完全民事行为能力'] }),
    mat({ id: 'charter', name: '章程草案', requirement: 'conditional', conditionNote: '成立或修改章程时提交', source: 'applicant', basis: `${SOCIETY_REG}第十一条`, when: when('kind', 'new', 'change'), checkpoints: ['载明宗旨、业务范围、会员资格'] }),
    mat({ id: 'members', name: '会员名单', requirement: 'conditional', conditionNote: '成立登记时提交', source: 'applicant', basis: `${SOCIETY_REG}第十条`, when: when('kind', 'new'), checkpoints: ['会员数量达到规定'] }),
    mat({ id: 'resolution', name: '会员（代表）大会或理事会决议', requirement: 'conditional', conditionNote: '变更、注销时提交', source: 'applicant', basis: `${SOCIETY_REG}第十一条`, when: when('kind', 'change', 'cancellation'), checkpoints: ['表决程序符合章程'] }),
    mat({ id: 'liquidation', name: '清算报告', requirement: 'conditional', conditionNote: '注销时提交', source: 'applicant', basis: `${SOCIETY_REG}第十一条`, when: when('kind', 'cancellation'), checkpoints: ['清算组签字'] }),
    mat({ id: 'certificate', name: '社会团体法人登记证书', requirement: 'conditional', conditionNote: '变更、注销时核验', source: 'license', sourceRef: '社会团体法人登记证书', basis: `${SOCIETY_REG}第十一条`, when: when('kind', 'change', 'cancellation'), checkpoints: ['证书在有效期内'] }),
    ...agentMaterials(`${SOCIETY_REG}第十一条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 3, '材料齐全的受理，不齐全的一次性告知。', ['属于本机关登记管辖', '材料齐全']),
    step('review', '审查', 'reviewer', 12, '审查名称、章程、会员、资金和住所等条件，必要时实地核查。', ['条件逐项符合', '名称不与已登记社会团体重复']),
    step('decide', '决定', 'department_head', 5, '准予登记的发给登记证书并公告；不予登记的书面说明理由。', ['决定书规范']),
  ],
  statutoryDays: 60,
  promisedDays: 20,
  limitNote: `${SOCIETY_REG}规定登记管理机关自收到全部有效文件之日起60日内作出准予或者不予登记的决定；本省承诺20个工作日。`,
  caseType: 'promised',
  handlingForms: ['window', 'online', 'mail'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 1,
  fees: [],
  result: { name: '社会团体法人登记证书', kind: '证照', licenseType: '社会团体法人登记证书' },
  delivery: ['window', 'mail', 'electronic'],
  audience: ['enterprise'],
  themes: ['establishment', 'dissolution'],
  ...baseContact('civil_affairs'),
  faq: [
    { q: '行业协会需要找业务主管单位吗？', a: '行业协会商会类、科技类、公益慈善类、城乡社区服务类社会团体按规定可以直接向民政部门申请登记。' },
    { q: '登记收费吗？', a: '不收费。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [{ name: '会计师事务所（出具验资报告）', required: true, basis: `${SOCIETY_REG}第十一条` }],
  situations: [
    question('kind', '申请类型', [['new', '成立登记'], ['change', '变更登记'], ['cancellation', '注销登记']]),
    question('direct', '是否属于可直接登记的社会团体', [['yes', '是'], ['no', '否（需业务主管单位审查同意）']]),
    AGENT,
  ],
};

const MARRIAGE_WINDOW = '婚姻登记处';

export const CIVIL_AFFAIRS_ITEMS: DemoItem[] = [
  {
    base: { code: '420711001D00', name: '内地居民结婚登记', type: '07', department: 'civil_affairs', levels: ['3', '4'], guide: marriage },
    locals: [
      local('420100', 'civil_affairs', { window: MARRIAGE_WINDOW }),
      local('420500', 'civil_affairs', { window: MARRIAGE_WINDOW }),
      local('420600', 'civil_affairs', { window: MARRIAGE_WINDOW }),
      local('422800', 'civil_affairs', { window: MARRIAGE_WINDOW }),
    ],
  },
  {
    base: { code: '420711002D00', name: '中国公民收养登记', type: '07', department: 'civil_affairs', levels: ['3', '4'], guide: adoption },
    locals: [
      local('420100', 'civil_affairs', { window: '收养登记窗口', extra: faster(adoption, 15, [2, 10, 3]) }),
      local('420600', 'civil_affairs', { window: '收养登记窗口' }),
    ],
  },
  {
    base: { code: '420511001D00', name: '最低生活保障金给付', type: '05', department: 'civil_affairs', levels: ['3', '4'], guide: minimumLiving },
    locals: [
      local('420100', 'civil_affairs', { window: '社会救助窗口', extra: faster(minimumLiving, 15, [2, 9, 4]) }),
      local('421100', 'civil_affairs', { window: '社会救助窗口' }),
      local('422800', 'civil_affairs', { window: '社会救助窗口' }),
    ],
  },
  {
    base: { code: '000111001000', name: '社会团体成立、变更、注销登记', type: '01', department: 'civil_affairs', levels: ['2', '3'], guide: society },
    locals: [
      local('420000', 'civil_affairs', { window: '社会组织登记窗口' }),
      local('420100', 'civil_affairs', { window: '社会组织登记窗口', extra: faster(society, 15, [2, 10, 3]) }),
      local('420500', 'civil_affairs', { window: '社会组织登记窗口' }),
    ],
  },
];
