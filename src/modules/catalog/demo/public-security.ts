/** Public security (公安): 居民身份证换领, 出生登记, 无犯罪记录证明, 居住证申领. */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { AGENT, agentMaterials, baseContact, faster, idCard, local, mat, question, step, when } from './common.ts';

const ID_LAW = '《中华人民共和国居民身份证法》';
const ID_FEES = '《国家发展改革委 财政部关于第二代居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）';

const idRenewal: Guide = {
  summary:
    '居民身份证有效期满、公民姓名变更、证件严重损坏不能辨认，或者登记项目出现错误经更正的，应当换领新证，领取新证时交回原证。本事项实行跨省通办：在常住户口所在地以外也可以向当地公安机关申请换领。未满十六周岁的公民换领，应当由监护人陪同。办理期间急需使用的，可以同时申领临时居民身份证。',
  legalBasis: [
    { law: ID_LAW, article: '第五条' },
    { law: ID_LAW, article: '第十条' },
    { law: ID_LAW, article: '第十一条' },
    { law: ID_LAW, article: '第十二条' },
  ],
  conditions: [
    { id: 'expired', kind: 'renewal', text: '居民身份证有效期满或者即将期满（有效期满前三个月内）。', when: when('reason', 'expired') },
    { id: 'damaged', kind: 'change', text: '居民身份证严重损坏、不能辨认。', when: when('reason', 'damaged') },
    { id: 'changed', kind: 'change', text: '姓名变更或者登记项目经户口登记机关更正的，已先完成户口登记项目变更。', when: when('reason', 'changed') },
    { id: 'minor', kind: 'any', text: '未满十六周岁的公民换领，由监护人陪同办理。', when: when('minor', 'yes') },
    { id: 'remote', kind: 'any', text: '在常住户口所在地以外申请的，由受理地公安机关现场采集相片和指纹信息，户籍地公安机关签发。', when: when('place', 'remote') },
  ],
  prohibitedRequirements: ['不得要求申请人提供居民户口簿复印件或户籍证明（通过人口信息系统核验）', '不得要求异地换领申请人提供居住证或暂住证明', '不得指定照相馆或要求在指定地点拍摄相片'],
  materials: [
    mat({ id: 'oldcard', name: '原居民身份证', source: 'applicant', form: 'paper', basis: `${ID_LAW}第十一条`, notes: '领取新证时必须交回原证。', checkpoints: ['证件为本人所有', '损坏换领的核对残证信息'] }),
    mat({ id: 'hukou', name: '居民户口簿', requirement: 'conditional', conditionNote: '在户籍地办理时交验', source: 'license', sourceRef: '居民户口簿', basis: `${ID_LAW}第十条`, when: when('place', 'local'), checkpoints: ['户口登记项目与申领信息一致'] }),
    mat({ id: 'photo', name: '本人相片（现场采集或符合标准的数码相片回执）', source: 'applicant', form: 'electronic', basis: `${ID_LAW}第三条`, checkpoints: ['符合居民身份证相片标准', '人像与本人一致'] }),
    mat({ id: 'changes', name: '户口登记项目变更信息', requirement: 'conditional', conditionNote: '因姓名变更或登记项目更正换领时核验', source: 'shared', sourceRef: '户籍登记信息', basis: `${ID_LAW}第十一条`, when: when('reason', 'changed'), checkpoints: ['户籍信息已完成变更'] }),
    { ...idCard(`${ID_LAW}第十一条`, '监护人居民身份证'), requirement: 'conditional', conditionNote: '未满十六周岁的申请人换领时', when: when('minor', 'yes') },
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '核验身份，现场采集相片和指纹，填写《居民身份证申领登记表》，收取工本费并出具受理回执。', ['人证一致', '指纹采集质量合格', '申领登记表信息与户籍一致']),
    step('review', '审核', 'reviewer', 4, '户籍地公安机关审核申领信息。', ['登记项目与人口信息一致', '无重号、错号']),
    step('decide', '签发', 'department_head', 10, '县级公安机关签发，证件制作完成后按申请人选择的方式发放。', ['签发机关正确', '有效期计算正确']),
  ],
  statutoryDays: 60,
  promisedDays: 15,
  limitNote: `${ID_LAW}第十二条规定自公民提交《居民身份证申领登记表》之日起六十日内发放（交通不便地区可延长不超过三十日）；本省承诺15个工作日，异地申请的含证件流转时间。`,
  caseType: 'promised',
  handlingForms: ['window'],
  onlineDepth: ['consult', 'prereview', 'result'],
  visits: 1,
  fees: [
    { name: '居民身份证工本费（有效期满、登记项目变更换领）', standard: '20元/证', basis: ID_FEES, waivable: true },
    { name: '居民身份证工本费（损坏换领）', standard: '40元/证', basis: ID_FEES, waivable: true },
  ],
  result: { name: '居民身份证', kind: '证照', licenseType: '居民身份证' },
  delivery: ['window', 'mail'],
  audience: ['person'],
  themes: ['identity_documents'],
  ...baseContact('public_security', { localOnly: '各县（市、区）公安户政窗口或派出所户籍室' }),
  faq: [
    { q: '身份证快到期了，可以提前换吗？', a: '可以在有效期满前三个月内申请换领。' },
    { q: '在外省工作，可以在工作地换身份证吗？', a: '可以。居民身份证换领实行跨省通办，本人持原证到受理地公安户政窗口办理，无需提供居住证明。' },
    { q: '换证期间要坐高铁怎么办？', a: '可以同时申领临时居民身份证，工本费10元，一般当场或当日发放。' },
  ],
  oneVisit: true,
  scope: 'nationwide',
  intermediaries: [],
  situations: [
    question('reason', '换领原因', [['expired', '有效期满'], ['damaged', '证件损坏'], ['changed', '姓名变更或登记项目更正']]),
    question('place', '办理地点', [['local', '常住户口所在地'], ['remote', '常住户口所在地以外（异地换领）']]),
    question('minor', '申请人是否未满十六周岁', [['yes', '是'], ['no', '否']]),
  ],
};

const HUKOU_REG = '《中华人民共和国户口登记条例》';

const birthRegistration: Guide = {
  summary:
    '婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记，随父或随母落户。湖北省推行“出生一件事”联办，出生医学证明、出生登记、预防接种证、社会保障卡和城乡居民医保参保可一次申请，网上申报后户口簿页可邮寄送达。',
  legalBasis: [{ law: HUKOU_REG, article: '第七条' }],
  conditions: [
    { id: 'report', kind: 'new', text: '婴儿出生后一个月以内申报；逾期申报的，仍予登记。' },
    { id: 'place', kind: 'new', text: '在随迁父亲或母亲的常住户口所在地申报。' },
    { id: 'paternity', kind: 'new', text: '父母未办理结婚登记且随父落户的，以亲子鉴定证明确认亲子关系。', when: [{ question: 'married', anyOf: ['no'] }, { question: 'follow', anyOf: ['father'] }] },
  ],
  prohibitedRequirements: ['不得将计划生育情况、缴纳社会抚养费作为出生登记的前置条件', '不得要求提供父母的户籍证明、无犯罪记录证明', '不得要求提供已通过电子证照共享获取的出生医学证明复印件'],
  materials: [
    mat({ id: 'birthcert', name: '出生医学证明', source: 'license', sourceRef: '出生医学证明', basis: `${HUKOU_REG}第七条`, notes: '在湖北省外出生的，提交原件核验。', checkpoints: ['新生儿姓名、出生时间与申报一致', '父母信息与户籍一致'] }),
    mat({ id: 'hukou', name: '随迁父（母）的居民户口簿', source: 'license', sourceRef: '居民户口簿', basis: `${HUKOU_REG}第七条`, checkpoints: ['落户地址为随迁方常住户口所在地'] }),
    idCard(`${HUKOU_REG}第七条`, '新生儿父母居民身份证'),
    mat({ id: 'marriage', name: '结婚证', requirement: 'conditional', conditionNote: '父母已办理结婚登记的', source: 'license', sourceRef: '结婚证', basis: `${HUKOU_REG}第七条`, when: when('married', 'yes'), checkpoints: ['夫妻双方与出生医学证明记载一致'] }),
    mat({ id: 'dna', name: '亲子鉴定证明', requirement: 'conditional', conditionNote: '父母未办理结婚登记且随父落户的', source: 'applicant', basis: `${HUKOU_REG}第七条`, when: [{ question: 'married', anyOf: ['no'] }, { question: 'follow', anyOf: ['father'] }], checkpoints: ['鉴定机构具有资质', '鉴定意见支持亲生关系'] }),
    ...agentMaterials(`${HUKOU_REG}第七条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 0, '核验申报人身份和材料。', ['申报人为户主、亲属、抚养人或邻居', '材料齐全']),
    step('review', '审核', 'reviewer', 0, '核对出生医学证明和随迁方户籍信息。', ['出生医学证明真实有效', '未重复登记']),
    step('decide', '登记', 'department_head', 0, '办理出生登记，打印户口簿新生儿页。', ['登记项目准确']),
  ],
  statutoryDays: 20,
  promisedDays: 0,
  limitNote: `${HUKOU_REG}未规定办结时限，参照20个工作日设定；材料齐全的当场办结。`,
  caseType: 'immediate',
  handlingForms: ['window', 'online'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'handle', 'result'],
  visits: 0,
  fees: [],
  result: { name: '居民户口簿（新生儿户口页）', kind: '证照', licenseType: '居民户口簿' },
  delivery: ['window', 'mail'],
  audience: ['person'],
  themes: ['household', 'birth_adoption'],
  ...baseContact('public_security', { localOnly: '各县（市、区）公安户政窗口或派出所户籍室' }),
  faq: [
    { q: '超过一个月才去申报还能落户吗？', a: '能。逾期申报的仍予登记。' },
    { q: '父母户口不在一起，孩子落哪里？', a: '可以自愿选择随父或随母落户，在随迁一方的常住户口所在地申报。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [{ name: '亲子鉴定（具有法医物证鉴定资质的司法鉴定机构）', required: false, basis: `${HUKOU_REG}第七条` }],
  situations: [
    question('follow', '新生儿随谁落户', [['father', '随父'], ['mother', '随母']]),
    question('married', '父母是否已办理结婚登记', [['yes', '是'], ['no', '否']]),
    AGENT,
  ],
};

const RECORD_RULES = '《公安机关办理犯罪记录查询工作规定》（公通字〔2021〕19号）';

const noRecord: Guide = {
  summary:
    '中国公民可以查询本人犯罪记录，也可以委托他人代为查询。向户籍地或者居住地公安派出所申请；未发现犯罪记录的出具《无犯罪记录证明》，发现有犯罪记录的出具《不予出具无犯罪记录证明通知书》。犯罪的时候不满十八周岁、被判处五年有期徒刑以下刑罚的犯罪记录依法封存，出具《无犯罪记录证明》。',
  legalBasis: [
    { law: RECORD_RULES, article: '第四条' },
    { law: RECORD_RULES, article: '第五条' },
    { law: '《中华人民共和国刑事诉讼法》', article: '第二百八十六条' },
  ],
  conditions: [
    { id: 'self', kind: 'any', text: '查询对象为申请人本人，或由本人委托他人代为查询。' },
    { id: 'trustee', kind: 'any', text: '受托人应当具有完全民事行为能力。', when: when('agent', 'yes') },
    { id: 'residence', kind: 'any', text: '在居住地申请的，持有居住地有效居住证或已办理居住登记。', when: when('place', 'residence') },
  ],
  prohibitedRequirements: ['不得要求申请人提供居委会、村委会或工作单位出具的证明', '不得要求申请人提供户口簿复印件', '不得以非户籍地为由拒绝受理居住地申请'],
  materials: [
    mat({ id: 'form', name: '犯罪记录查询申请表', source: 'applicant', basis: `${RECORD_RULES}第四条`, checkpoints: ['查询对象、用途填写完整', '申请人签名'] }),
    idCard(`${RECORD_RULES}第五条`, '查询对象居民身份证'),
    mat({ id: 'permit', name: '居住证', requirement: 'conditional', conditionNote: '在居住地申请时核验', source: 'license', sourceRef: '居住证', basis: `${RECORD_RULES}第五条`, when: when('place', 'residence'), checkpoints: ['居住证在有效期内'] }),
    ...agentMaterials(`${RECORD_RULES}第四条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 0, '核验身份，材料齐全的受理。', ['人证一致', '委托手续完整']),
    step('review', '查询', 'reviewer', 1, '通过犯罪信息查询平台查询，按规定处理封存记录。', ['查询结果准确', '封存记录不予显示']),
    step('decide', '出具', 'department_head', 0, '出具《无犯罪记录证明》或《不予出具无犯罪记录证明通知书》。', ['文书种类与查询结果一致']),
  ],
  statutoryDays: 3,
  promisedDays: 1,
  limitNote: `按${RECORD_RULES}，个人查询能够当场出具的当场出具，需要核查的3个工作日内出具；本省承诺1个工作日。`,
  caseType: 'promised',
  handlingForms: ['window', 'online'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'result', 'elicense'],
  visits: 1,
  fees: [],
  result: { name: '无犯罪记录证明', kind: '证明' },
  delivery: ['window', 'electronic'],
  audience: ['person'],
  themes: ['employment', 'identity_documents'],
  ...baseContact('public_security', { localOnly: '各县（市、区）公安派出所或政务服务中心公安窗口' }),
  faq: [
    { q: '在外地工作，可以在工作地开无犯罪记录证明吗？', a: '可以。无犯罪记录证明实行跨省通办，可以向居住地公安派出所申请。' },
    { q: '开证明收费吗？', a: '不收费。' },
  ],
  oneVisit: true,
  scope: 'nationwide',
  intermediaries: [],
  situations: [question('place', '申请地点', [['hukou', '户籍地'], ['residence', '居住地']]), AGENT],
};

const RESIDENCE = '《居住证暂行条例》';

const residencePermit: Guide = {
  summary:
    '公民离开常住户口所在地，到其他城市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以在居住地申领居住证。居住证持有人在居住地享受义务教育、基本公共就业服务、基本公共卫生服务等基本公共服务和便利，每年签注一次。',
  legalBasis: [
    { law: RESIDENCE, article: '第二条' },
    { law: RESIDENCE, article: '第九条' },
    { law: RESIDENCE, article: '第十条' },
  ],
  conditions: [
    { id: 'stay', kind: 'new', text: '离开常住户口所在地，在本市居住半年以上，并已办理居住登记。' },
    { id: 'basis', kind: 'new', text: '有合法稳定就业、合法稳定住所、连续就读三项条件之一。' },
    { id: 'proxy', kind: 'new', text: '未满十六周岁的未成年人和行动不便的老年人、残疾人等，可以由其监护人、近亲属代为申领。', when: when('agent', 'yes') },
    { id: 'endorse', kind: 'renewal', text: '在居住地连续居住的，在居住每满一年之日前一个月内办理签注。' },
  ],
  prohibitedRequirements: ['不得要求提供户籍地出具的户籍证明', '不得要求提供房东身份证复印件', '不得收取首次申领居住证的证件工本费'],
  materials: [
    mat({ id: 'form', name: '居住证申领登记表', source: 'applicant', basis: `${RESIDENCE}第九条`, checkpoints: ['居住地址填写到门牌号'] }),
    idCard(`${RESIDENCE}第九条`),
    mat({ id: 'photo', name: '本人近期相片（现场采集或数码相片回执）', form: 'electronic', source: 'applicant', basis: `${RESIDENCE}第九条`, checkpoints: ['符合证件相片标准'] }),
    mat({ id: 'registration', name: '居住登记信息', source: 'shared', sourceRef: '居住登记信息', basis: `${RESIDENCE}第二条`, checkpoints: ['居住登记满半年'] }),
    mat({ id: 'job', name: '就业证明（劳动合同或社会保险缴费信息）', requirement: 'conditional', conditionNote: '以合法稳定就业申领时', source: 'shared', sourceRef: '社会保险参保缴费信息', basis: `${RESIDENCE}第九条`, when: when('basis', 'job'), checkpoints: ['就业单位在本市'] }),
    mat({ id: 'home', name: '住所证明（不动产权信息或房屋租赁合同）', requirement: 'conditional', conditionNote: '以合法稳定住所申领时', source: 'applicant', basis: `${RESIDENCE}第九条`, when: when('basis', 'home'), checkpoints: ['地址与居住登记一致'] }),
    mat({ id: 'school', name: '就读证明（学籍信息）', requirement: 'conditional', conditionNote: '以连续就读申领时', source: 'shared', sourceRef: '学籍信息', basis: `${RESIDENCE}第九条`, when: when('basis', 'school'), checkpoints: ['就读学校在本市'] }),
    mat({ id: 'card', name: '居住证', requirement: 'conditional', conditionNote: '签注时核验', source: 'license', sourceRef: '居住证', basis: `${RESIDENCE}第十条`, when: when('kind', 'renewal'), checkpoints: ['签注日期在规定期限内'] }),
    ...agentMaterials(`${RESIDENCE}第九条`),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '居住地派出所或受委托的社区服务机构受理，材料不全的一次性告知。', ['材料齐全']),
    step('review', '审核', 'reviewer', 4, '核查居住登记和就业、住所或就读信息。', ['条件之一符合']),
    step('decide', '签发', 'department_head', 5, '县级公安机关签发并制作居住证。', ['签发信息准确']),
  ],
  statutoryDays: 15,
  promisedDays: 10,
  limitNote: `${RESIDENCE}第九条规定自受理之日起15日内制作发放居住证；本省承诺10个工作日，签注当场办结。`,
  caseType: 'promised',
  handlingForms: ['window', 'online'],
  onlineDepth: ['consult', 'receive', 'prereview', 'result'],
  visits: 1,
  fees: [],
  result: { name: '居住证', kind: '证照', licenseType: '居住证' },
  delivery: ['window', 'mail'],
  audience: ['person'],
  themes: ['household'],
  ...baseContact('public_security', { localOnly: '居住地公安派出所或受委托的社区服务机构' }),
  faq: [
    { q: '居住证要收费吗？', a: '首次申领免收证件工本费；换领、补领按规定缴纳工本费。' },
    { q: '忘记签注怎么办？', a: '逾期未签注的居住证使用功能中止，补办签注后恢复，居住年限自补办签注之日起连续计算。' },
  ],
  oneVisit: true,
  scope: 'local',
  intermediaries: [],
  situations: [
    question('kind', '办理类型', [['new', '首次申领'], ['renewal', '签注']]),
    question('basis', '申领依据', [['job', '合法稳定就业'], ['home', '合法稳定住所'], ['school', '连续就读']]),
    AGENT,
  ],
};

const PS_WINDOW = '公安户政窗口';

export const PUBLIC_SECURITY_ITEMS: DemoItem[] = [
  {
    base: { code: '420709001D00', name: '居民身份证换领', type: '07', department: 'public_security', levels: ['3', '4'], guide: idRenewal },
    locals: [
      local('420102', 'public_security', { window: PS_WINDOW, extra: faster(idRenewal, 10, [1, 3, 6]) }),
      local('420103', 'public_security', { window: PS_WINDOW, extra: faster(idRenewal, 10, [1, 3, 6]) }),
      local('420106', 'public_security', { window: PS_WINDOW }),
      local('420111', 'public_security', { window: PS_WINDOW, extra: faster(idRenewal, 12, [1, 4, 7]) }),
      local('420500', 'public_security', { window: PS_WINDOW }),
    ],
  },
  {
    base: { code: '420709002D00', name: '出生登记', type: '07', department: 'public_security', levels: ['3', '4'], guide: birthRegistration },
    locals: [
      local('420102', 'public_security', { window: PS_WINDOW, name: '出生登记（新生儿落户）' }),
      local('420105', 'public_security', { window: PS_WINDOW, name: '出生登记（新生儿落户）' }),
      local('420106', 'public_security', { window: PS_WINDOW, name: '出生登记（新生儿落户）' }),
      local('420500', 'public_security', { window: PS_WINDOW, name: '出生登记（新生儿落户）' }),
    ],
  },
  {
    base: { code: '422009001D00', name: '无犯罪记录证明', type: '20', department: 'public_security', levels: ['3', '4'], guide: noRecord },
    locals: [
      local('420102', 'public_security', { extra: faster(noRecord, 0, [0, 0, 0], `按${RECORD_RULES}，个人查询需要核查的3个工作日内出具；本地材料齐全的当场出具。`) }),
      local('420104', 'public_security'),
      local('420111', 'public_security'),
      local('420600', 'public_security'),
    ],
  },
  {
    base: { code: '422009002D00', name: '居住证申领', type: '20', department: 'public_security', levels: ['3', '4'], guide: residencePermit },
    locals: [
      local('420102', 'public_security', { extra: faster(residencePermit, 7, [1, 2, 4]) }),
      local('420111', 'public_security'),
      local('420115', 'public_security', { extra: faster(residencePermit, 7, [1, 2, 4]) }),
      local('420500', 'public_security'),
    ],
  },
];
