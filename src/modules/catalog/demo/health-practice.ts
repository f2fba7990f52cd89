/** Health (卫生健康), professional registration: 医师执业注册, 护士执业注册. */
import type { Guide } from '../model.ts';
import type { DemoItem } from './types.ts';
import { NO_COPY_ID, baseContact, faster, idCard, local, mat, question, step, when } from './common.ts';

const PHYSICIANS = '《中华人民共和国医师法》';
const NURSES = '《护士条例》';

const physician: Guide = {
  summary:
    '取得医师资格的，可以向所在地县级以上地方人民政府卫生健康主管部门申请执业注册，经注册取得医师执业证书后，方可在医疗卫生机构中按照注册的执业地点、执业类别、执业范围执业。医疗卫生机构可以为本机构中的申请人集体办理注册手续。湖北省实行医师电子化注册，执业证书以电子证照为准。',
  legalBasis: [
    { law: PHYSICIANS, article: '第十三条' },
    { law: PHYSICIANS, article: '第十六条' },
    { law: PHYSICIANS, article: '第十七条' },
  ],
  conditions: [
    { id: 'qualified', kind: 'new', text: '已取得执业医师或者执业助理医师资格。' },
    { id: 'employer', kind: 'new', text: '拟执业的医疗卫生机构同意聘用，且该机构依法取得执业许可或已备案。' },
    { id: 'noban', kind: 'new', text: '不存在无民事行为能力或限制民事行为能力，受刑事处罚刑罚执行完毕不满二年，被吊销医师执业证书不满二年，因医师定期考核不合格被注销注册不满一年的情形。' },
    { id: 'change', kind: 'change', text: '变更执业地点、执业类别、执业范围等注册事项的，到准予注册的卫生健康主管部门办理变更注册。' },
    { id: 'cancel', kind: 'cancellation', text: '医师中止执业活动满二年或者出现应当注销注册情形的，由所在机构报告或本人申请注销注册。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求提供医师资格证书复印件（通过全国医师注册管理信息系统核验）', '不得要求提供医疗机构执业许可证复印件（通过共享获取）'],
  materials: [
    mat({ id: 'form', name: '医师执业注册申请审核表', form: 'electronic', source: 'applicant', basis: `${PHYSICIANS}第十三条`, checkpoints: ['执业类别、执业范围与资格证书相符', '拟执业机构签章'] }),
    idCard(`${PHYSICIANS}第十三条`),
    mat({ id: 'qualification', name: '医师资格证书', source: 'license', sourceRef: '医师资格证书', basis: `${PHYSICIANS}第十三条`, checkpoints: ['资格类别与申请执业类别一致'] }),
    mat({ id: 'health', name: '近6个月内健康体检证明', requirement: 'conditional', conditionNote: '首次注册时提交', source: 'applicant', basis: `${PHYSICIANS}第十三条`, when: when('kind', 'new'), checkpoints: ['体检日期在6个月内', '结论为能胜任执业'] }),
    mat({ id: 'employ', name: '拟执业医疗卫生机构聘用证明', requirement: 'conditional', conditionNote: '首次注册或变更执业机构时提交', source: 'applicant', basis: `${PHYSICIANS}第十三条`, when: when('kind', 'new', 'change'), checkpoints: ['机构盖章'] }),
    mat({ id: 'facility', name: '医疗机构执业许可证信息', source: 'shared', sourceRef: '医疗机构执业许可证', basis: `${PHYSICIANS}第十三条`, checkpoints: ['机构诊疗科目覆盖申请执业范围'] }),
    mat({ id: 'certificate', name: '医师执业证书', requirement: 'conditional', conditionNote: '变更、注销时核验', source: 'license', sourceRef: '医师执业证书', basis: `${PHYSICIANS}第十七条`, when: when('kind', 'change', 'cancellation'), checkpoints: ['证书编码与申请人一致'] }),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '电子化注册系统提交后受理，材料不全的一次性告知。', ['属于本机关注册管辖', '材料齐全']),
    step('review', '审查', 'reviewer', 6, '审查资格、聘用关系和不予注册情形。', ['资格信息核验一致', '无不予注册情形']),
    step('decide', '决定', 'department_head', 3, '准予注册的在系统中生成电子执业证书；不予注册的书面通知申请人和所在机构并说明理由。', ['决定与审查意见一致']),
  ],
  statutoryDays: 20,
  promisedDays: 10,
  limitNote: `${PHYSICIANS}规定自受理申请之日起二十个工作日内准予注册或书面说明不予注册的理由；本省承诺10个工作日。`,
  caseType: 'promised',
  handlingForms: ['online', 'window'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'handle', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '医师执业证书', kind: '证照', licenseType: '医师执业证书' },
  delivery: ['electronic', 'mail'],
  audience: ['person'],
  themes: ['qualification', 'medical'],
  ...baseContact('health'),
  faq: [
    { q: '医院可以帮医生集体办理注册吗？', a: '可以。医疗卫生机构可以为本机构中的申请人集体办理注册手续。' },
    { q: '去另一家医院多点执业要重新注册吗？', a: '医师在两个以上医疗卫生机构定期执业的，以一个机构为主进行注册，其他执业机构按规定备案；主要执业机构变化的应办理变更注册。' },
  ],
  oneVisit: true,
  scope: 'province',
  intermediaries: [],
  situations: [question('kind', '申请类型', [['new', '首次注册'], ['change', '变更注册'], ['cancellation', '注销注册']])],
};

const nurse: Guide = {
  summary:
    '护士执业，应当经执业注册取得护士执业证书。申请人向批准设立拟执业医疗机构或者为该医疗机构备案的卫生健康主管部门提出申请，包括首次注册、变更注册和延续注册，护士执业注册有效期为5年。',
  legalBasis: [
    { law: NURSES, article: '第七条' },
    { law: NURSES, article: '第八条' },
    { law: NURSES, article: '第九条' },
  ],
  conditions: [
    { id: 'capacity', kind: 'new', text: '具有完全民事行为能力。' },
    { id: 'study', kind: 'new', text: '在中等职业学校、高等学校完成普通全日制3年以上的护理、助产专业课程学习，包括在教学、综合医院完成8个月以上护理临床实习，并取得相应学历证书。' },
    { id: 'exam', kind: 'new', text: '通过国家护士执业资格考试。' },
    { id: 'health', kind: 'new', text: '符合国务院卫生主管部门规定的健康标准。' },
    { id: 'late', kind: 'new', text: '自通过护士执业资格考试之日起超过3年申请的，还应当在符合规定条件的医疗卫生机构接受3个月临床护理培训并考核合格。', when: when('late', 'yes') },
    { id: 'change', kind: 'change', text: '在注册有效期内变更执业地点的，向拟执业地卫生健康主管部门报告办理变更。' },
    { id: 'renewal', kind: 'renewal', text: '注册有效期届满需要继续执业的，在届满前30日申请延续注册。' },
  ],
  prohibitedRequirements: [NO_COPY_ID, '不得要求提供护士执业资格考试合格证明复印件（通过考试成绩系统核验）', '不得要求提供能够通过学信网共享核验的学历证书复印件'],
  materials: [
    mat({ id: 'form', name: '护士执业注册申请审核表', form: 'electronic', source: 'applicant', basis: `${NURSES}第八条`, checkpoints: ['拟执业机构签章', '申请类型正确'] }),
    idCard(`${NURSES}第八条`),
    mat({ id: 'education', name: '护理、助产专业学历信息及临床实习证明', requirement: 'conditional', conditionNote: '首次注册时提交', source: 'shared', sourceRef: '学历学位信息', basis: `${NURSES}第七条`, when: when('kind', 'new'), notes: '临床实习证明由学校或实习医院出具，学历信息通过共享核验。', checkpoints: ['学制3年以上', '实习时间不少于8个月'] }),
    mat({ id: 'exam', name: '护士执业资格考试成绩合格信息', requirement: 'conditional', conditionNote: '首次注册时核验', source: 'shared', sourceRef: '护士执业资格考试成绩', basis: `${NURSES}第七条`, when: when('kind', 'new'), checkpoints: ['考试合格'] }),
    mat({ id: 'health', name: '近6个月内健康体检证明', requirement: 'conditional', conditionNote: '首次注册、延续注册时提交', source: 'applicant', basis: `${NURSES}第七条`, when: when('kind', 'new', 'renewal'), checkpoints: ['体检日期在6个月内'] }),
    mat({ id: 'employ', name: '医疗卫生机构拟聘用证明', requirement: 'conditional', conditionNote: '首次注册、变更时提交', source: 'applicant', basis: `${NURSES}第八条`, when: when('kind', 'new', 'change'), checkpoints: ['机构盖章'] }),
    mat({ id: 'training', name: '3个月临床护理培训考核合格证明', requirement: 'conditional', conditionNote: '通过考试超过3年首次申请时提交', source: 'applicant', basis: `${NURSES}第七条`, when: [{ question: 'late', anyOf: ['yes'] }, { question: 'kind', anyOf: ['new'] }], checkpoints: ['培训机构符合条件', '考核合格'] }),
    mat({ id: 'certificate', name: '护士执业证书', requirement: 'conditional', conditionNote: '变更、延续时核验', source: 'license', sourceRef: '护士执业证书', basis: `${NURSES}第九条`, when: when('kind', 'change', 'renewal'), checkpoints: ['证书在有效期内'] }),
  ],
  steps: [
    step('accept', '受理', 'window_clerk', 1, '电子化注册系统提交后受理。', ['属于本机关注册管辖', '材料齐全']),
    step('review', '审查', 'reviewer', 6, '审查学历、考试成绩、健康状况和聘用关系。', ['条件逐项符合']),
    step('decide', '决定', 'department_head', 3, '准予注册的生成电子护士执业证书；不予注册的书面说明理由。', ['决定与审查意见一致']),
  ],
  statutoryDays: 20,
  promisedDays: 10,
  limitNote: `${NURSES}第八条规定自收到申请之日起20个工作日内作出决定（变更执业地点的7个工作日内办理）；本省承诺10个工作日。`,
  caseType: 'promised',
  handlingForms: ['online', 'window'],
  onlineDepth: ['consult', 'receive', 'prereview', 'accept', 'handle', 'result', 'elicense'],
  visits: 0,
  fees: [],
  result: { name: '护士执业证书', kind: '证照', licenseType: '护士执业证书' },
  delivery: ['electronic', 'mail'],
  audience: ['person'],
  themes: ['qualification', 'medical'],
  ...baseContact('health'),
  faq: [
    { q: '考试通过好几年了还能直接注册吗？', a: '自通过考试之日起3年内申请的可以直接注册；超过3年的，需先接受3个月临床护理培训并考核合格。' },
    { q: '护士执业注册有效期多久？', a: '5年。需要继续执业的，应当在有效期届满前30日申请延续注册。' },
  ],
  oneVisit: true,
  scope: 'province',
  intermediaries: [],
  situations: [
    question('kind', '申请类型', [['new', '首次注册'], ['change', '变更注册'], ['renewal', '延续注册']]),
    question('late', '是否自通过护士执业资格考试之日起超过3年', [['yes', '是'], ['no', '否']]),
  ],
};

export const HEALTH_PRACTICE_ITEMS: DemoItem[] = [
  {
    base: { code: '420123002D00', name: '医师执业注册', type: '01', department: 'health', levels: ['2', '3', '4'], guide: physician },
    locals: [
      local('420000', 'health', { name: '医师执业注册（省属医疗卫生机构）' }),
      local('420100', 'health', { extra: faster(physician, 7, [1, 4, 2]) }),
      local('420500', 'health'),
      local('420600', 'health', { extra: faster(physician, 8, [1, 5, 2]) }),
      local('420102', 'health', { extra: faster(physician, 5, [1, 3, 1]) }),
    ],
  },
  {
    base: { code: '420123003D00', name: '护士执业注册', type: '01', department: 'health', levels: ['2', '3', '4'], guide: nurse },
    locals: [
      local('420000', 'health', { name: '护士执业注册（省属医疗卫生机构）' }),
      local('420100', 'health', { extra: faster(nurse, 7, [1, 4, 2]) }),
      local('420900', 'health'),
      local('420106', 'health', { extra: faster(nurse, 5, [1, 3, 1]) }),
    ],
  },
];
