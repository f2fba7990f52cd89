/**
 * The texts of cases that every audience shows (states, actions, channels, deadlines, timelines,
 * materials), in Chinese and English; i18n.ts merges them into the one table of the app. The
 * groups are typed against the server's unions, so a new state or action cannot go untranslated.
 */
import type { MessageKey } from '../i18n.ts';
import type { Translate } from '../prefs.tsx';
import type { Lang } from '../types.ts';
import type { ActionType, CaseState, Channel, DeliveryMethod, Light, PauseKind, QueueName } from './types.ts';

type Texts = Record<Lang, string>;

const state = {
  submitted: { zh: '待受理', en: 'Awaiting acceptance' },
  supplement: { zh: '待补正', en: 'Awaiting supplement' },
  refused: { zh: '不予受理', en: 'Refused' },
  reviewing: { zh: '审查中', en: 'Under review' },
  decided: { zh: '已决定', en: 'Decided' },
  issued: { zh: '已制证', en: 'Result issued' },
  delivering: { zh: '送达中', en: 'Being delivered' },
  completed: { zh: '已办结', en: 'Completed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
} satisfies Record<CaseState, Texts>;

/** Timeline entries: the state machine's actions and the workbench's other changes. */
const action = {
  submit: { zh: '提交申请', en: 'Application submitted' },
  accept: { zh: '受理', en: 'Accepted' },
  'deem-accept': { zh: '依法视为受理', en: 'Deemed accepted by law' },
  refuse: { zh: '不予受理', en: 'Refused' },
  'request-supplement': { zh: '一次性告知补正', en: 'Supplement requested (one-time notice)' },
  supplement: { zh: '补正材料', en: 'Supplement handed in' },
  open: { zh: '开始办理', en: 'Opened' },
  advance: { zh: '审查通过，转下一环节', en: 'Passed to the next step' },
  return: { zh: '退回', en: 'Returned' },
  'take-back': { zh: '撤回操作', en: 'Taken back' },
  countersign: { zh: '发起会签', en: 'Countersignature requested' },
  sign: { zh: '会签意见', en: 'Countersigned' },
  pause: { zh: '启动特别程序（暂停计时）', en: 'Special procedure started (clock paused)' },
  resume: { zh: '特别程序结束（恢复计时）', en: 'Special procedure ended (clock resumed)' },
  'request-extension': { zh: '申请延期', en: 'Extension requested' },
  'answer-extension': { zh: '延期审批', en: 'Extension answered' },
  decide: { zh: '作出决定', en: 'Decided' },
  issue: { zh: '制作结果文书', en: 'Result document issued' },
  deliver: { zh: '送达', en: 'Delivered' },
  'confirm-delivery': { zh: '确认收到，办结', en: 'Receipt confirmed: completed' },
  withdraw: { zh: '申请人撤回申请', en: 'Withdrawn by the applicant' },
  claim: { zh: '认领', en: 'Claimed' },
  assign: { zh: '分派', en: 'Assigned' },
  transfer: { zh: '转办', en: 'Transferred' },
  comment: { zh: '内部意见', en: 'Comment' },
  checklist: { zh: '审查要点', en: 'Checklist' },
} satisfies Record<ActionType | 'submit' | 'claim' | 'assign' | 'transfer' | 'comment' | 'checklist', Texts>;

const channel = {
  online: { zh: '网上申请', en: 'Online' },
  window: { zh: '窗口受理', en: 'At a window' },
} satisfies Record<Channel, Texts>;

const pause = {
  supplement: { zh: '补正', en: 'Supplement' },
  hearing: { zh: '听证', en: 'Hearing' },
  expert: { zh: '专家评审', en: 'Expert review' },
  inspection: { zh: '检验检测检疫', en: 'Inspection or testing' },
  public_notice: { zh: '公示', en: 'Public notice' },
} satisfies Record<PauseKind, Texts>;

const delivery = {
  window: { zh: '窗口领取', en: 'Pickup at a window' },
  mail: { zh: '快递送达', en: 'By mail' },
  electronic: { zh: '电子送达', en: 'Electronic' },
} satisfies Record<DeliveryMethod, Texts>;

const queue = {
  to_accept: { zh: '待受理', en: 'To accept' },
  to_review: { zh: '待审查', en: 'To review' },
  to_decide: { zh: '待决定', en: 'To decide' },
  paused: { zh: '暂停计时', en: 'Paused' },
  to_issue: { zh: '待制证', en: 'To issue' },
  to_deliver: { zh: '待送达', en: 'To deliver' },
  overdue: { zh: '已超期', en: 'Overdue' },
  mine: { zh: '我的在办', en: 'Mine' },
  all: { zh: '全部办件', en: 'All cases' },
} satisfies Record<QueueName, Texts>;

const light = {
  green: { zh: '正常', en: 'On time' },
  yellow: { zh: '临近期限', en: 'Due soon' },
  red: { zh: '已超期', en: 'Overdue' },
} satisfies Record<Light, Texts>;

const role = {
  window_clerk: { zh: '窗口人员', en: 'Window clerk' },
  reviewer: { zh: '审查人员', en: 'Reviewer' },
  department_head: { zh: '部门负责人', en: 'Department head' },
};

/** Who acted, as the timeline records it (`actorKind`). */
const actor = {
  person: { zh: '申请人', en: 'Applicant' },
  staff: { zh: '工作人员', en: 'Staff' },
  system: { zh: '系统', en: 'The platform' },
};

const groups = { state, action, channel, pause, delivery, queue, light, role, actor };
export type CaseLabelGroup = keyof typeof groups;

type Prefixed<G extends CaseLabelGroup> = { [K in keyof (typeof groups)[G] & string as `case.${G}.${K}`]: Texts };

function prefixed<G extends CaseLabelGroup>(group: G): Prefixed<G> {
  return Object.fromEntries(Object.entries(groups[group]).map(([k, v]) => [`case.${group}.${k}`, v])) as Prefixed<G>;
}

export const casesMessages = {
  ...prefixed('state'),
  ...prefixed('action'),
  ...prefixed('channel'),
  ...prefixed('pause'),
  ...prefixed('delivery'),
  ...prefixed('queue'),
  ...prefixed('light'),
  ...prefixed('role'),
  ...prefixed('actor'),

  'case.number': { zh: '办件编号', en: 'Case number' },
  'case.queryCode': { zh: '查询码', en: 'Query code' },
  'case.item': { zh: '事项', en: 'Service' },
  'case.applicant': { zh: '申请人', en: 'Applicant' },
  'case.agent': { zh: '经办人', en: 'Agent' },
  'case.department': { zh: '实施机关', en: 'Implementing agency' },
  'case.channelLabel': { zh: '申请渠道', en: 'Channel' },
  'case.stateLabel': { zh: '办理状态', en: 'State' },
  'case.step': { zh: '当前环节', en: 'Current step' },
  'case.receivedAt': { zh: '收件时间', en: 'Received' },
  'case.completedAt': { zh: '办结时间', en: 'Closed' },
  'case.deadline': { zh: '办理期限', en: 'Deadline' },

  'case.deadline.acceptanceDue': { zh: '受理期限：{date}', en: 'Accept or answer by {date}' },
  'case.deadline.promisedDue': { zh: '承诺办结：{date}', en: 'Promised by {date}' },
  'case.deadline.statutoryDue': { zh: '法定期限：{date}', en: 'Statutory limit {date}' },
  'case.deadline.daysLeft': { zh: '剩余 {days} 个工作日', en: '{days} working days left' },
  'case.deadline.dueToday': { zh: '今日到期', en: 'Due today' },
  'case.deadline.overdue': { zh: '已超期 {days} 个工作日', en: '{days} working days overdue' },
  'case.deadline.paused': { zh: '暂停计时 {days} 个工作日', en: 'Clock paused for {days} working days' },
  'case.deadline.provisional': { zh: '暂定（该年度节假日安排尚未公布）', en: 'Provisional (the holiday schedule of that year is not published yet)' },
  'case.deadline.none': { zh: '不计时', en: 'No running clock' },

  'case.timeline.title': { zh: '办理过程', en: 'Timeline' },
  'case.timeline.empty': { zh: '暂无办理记录', en: 'Nothing has happened yet' },
  'case.timeline.state': { zh: '状态：{state}', en: 'State: {state}' },
  'case.timeline.deficiencies': { zh: '需补正的问题（一次性告知）', en: 'What to put right (one-time notice)' },
  'case.timeline.justification': { zh: '再次补正的理由：{text}', en: 'Why a second supplement: {text}' },
  'case.timeline.flagged': { zh: '再次要求补正（已标记）', en: 'Second supplement request (flagged)' },
  'case.timeline.reason': { zh: '理由：{text}', en: 'Reason: {text}' },
  'case.timeline.basis': { zh: '依据：{text}', en: 'Legal basis: {text}' },
  'case.timeline.remedies': { zh: '救济途径：{text}', en: 'Remedies: {text}' },
  'case.timeline.opinion': { zh: '意见：{text}', en: 'Opinion: {text}' },
  'case.timeline.grant': { zh: '准予', en: 'Granted' },
  'case.timeline.deny': { zh: '不予准予', en: 'Denied' },
  'case.timeline.agree': { zh: '同意', en: 'Agreed' },
  'case.timeline.disagree': { zh: '不同意', en: 'Disagreed' },
  'case.timeline.approve': { zh: '批准', en: 'Approved' },
  'case.timeline.reject': { zh: '不批准', en: 'Not approved' },
  'case.timeline.days': { zh: '{days} 个工作日', en: '{days} working days' },
  'case.timeline.tracking': { zh: '快递单号：{text}', en: 'Tracking number: {text}' },
  'case.timeline.to': { zh: '交由：{name}', en: 'To: {name}' },
  'case.timeline.handedIn': { zh: '提交材料：{names}', en: 'Handed in: {names}' },
  'case.timeline.toStep': { zh: '退回至第 {step} 环节', en: 'Back to step {step}' },
  'case.timeline.departments': { zh: '会签部门：{names}', en: 'Departments: {names}' },
  'case.timeline.mode.all': { zh: '会签（全部同意）', en: 'Countersign (all must agree)' },
  'case.timeline.mode.any': { zh: '或签（任一同意）', en: 'Any-of sign (one suffices)' },

  'nav.portal.progress': { zh: '进度查询', en: 'Case progress' },
  'progress.title': { zh: '办件进度查询', en: 'Case progress' },
  'progress.lead': {
    zh: '输入办件编号和查询码（见受理回执或申请成功页面），无需登录即可查询办理进度。',
    en: 'Enter the case number and the query code (on the receipt or the confirmation page) to see the progress, without logging in.',
  },
  'progress.numberHint': { zh: '20 位数字', en: '20 digits' },
  'progress.numberRule': { zh: '办件编号为 20 位数字', en: 'The case number has 20 digits' },
  'progress.codeHint': { zh: '8 位字母或数字', en: '8 letters or digits' },
  'progress.codeRule': { zh: '查询码为 8 位字母或数字', en: 'The query code has 8 letters or digits' },
  'progress.privacy': { zh: '为保护隐私，公开查询不显示工作人员和申请材料。', en: 'To protect privacy, the public page shows neither staff nor materials.' },

  'case.materials.title': { zh: '申请材料', en: 'Materials' },
  'case.materials.empty': { zh: '没有提交文件', en: 'No files handed in' },
  'case.materials.round': { zh: '第 {round} 次补正', en: 'Supplement {round}' },
  'case.materials.source.upload': { zh: '网上上传', en: 'Uploaded' },
  'case.materials.source.scan': { zh: '窗口扫描', en: 'Scanned at a window' },
  'case.materials.view': { zh: '查看', en: 'View' },
  'case.materials.viewName': { zh: '查看“{name}”', en: 'View “{name}”' },
  'case.materials.download': { zh: '下载', en: 'Download' },
  'case.materials.downloadName': { zh: '下载“{name}”', en: 'Download “{name}”' },
  'case.materials.viewer': { zh: '材料预览：{name}', en: 'Preview: {name}' },
} satisfies Record<string, Texts>;

/** The label of a state, action, channel … ; an unknown value (a newer server) shows as it is. */
export function caseLabel(t: Translate, group: CaseLabelGroup, value: string): string {
  const key = `case.${group}.${value}`;
  return key in casesMessages ? t(key as MessageKey) : value;
}
