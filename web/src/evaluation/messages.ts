/**
 * The texts of evaluation (好差评): the rating form, the window rating page, rectification,
 * appeals and the public statistics, in Chinese and English; i18n.ts merges them into the one
 * table of the app. The label groups are typed against the server's unions, so a new level,
 * indicator or state cannot go untranslated.
 */
import type { MessageKey } from '../i18n.ts';
import type { Translate } from '../prefs.tsx';
import type { Lang } from '../types.ts';
import type { AppealFilter, AppealGround, AppealState, EvaluationChannel, Level, OnlineIndicator, RectificationFilter, RectificationState, WindowIndicator } from './types.ts';

type Texts = Record<Lang, string>;

const level = {
  5: { zh: '非常满意', en: 'Very satisfied' },
  4: { zh: '满意', en: 'Satisfied' },
  3: { zh: '基本满意', en: 'Fairly satisfied' },
  2: { zh: '不满意', en: 'Dissatisfied' },
  1: { zh: '非常不满意', en: 'Very dissatisfied' },
} satisfies Record<Level, Texts>;

const indicatorOnline = {
  efficiency: { zh: '办事效率', en: 'Speed of handling' },
  guide: { zh: '办事指南精确度', en: 'Accuracy of the service guide' },
  convenience: { zh: '办事便捷度', en: 'Convenience' },
  usability: { zh: '平台操作性', en: 'Ease of use of the platform' },
} satisfies Record<OnlineIndicator, Texts>;

const indicatorWindow = {
  efficiency: { zh: '服务效率', en: 'Speed of service' },
  competence: { zh: '服务水平', en: 'Competence' },
  attitude: { zh: '服务态度', en: 'Attitude' },
} satisfies Record<WindowIndicator, Texts>;

const channel = {
  online: { zh: '网上评价', en: 'Online' },
  window: { zh: '现场评价', en: 'At a window' },
} satisfies Record<EvaluationChannel, Texts>;

const rectState = {
  open: { zh: '待整改', en: 'To rectify' },
  called_back: { zh: '已回访', en: 'Called back' },
  closed: { zh: '已整改', en: 'Rectified' },
  cancelled: { zh: '已撤销（申诉成立）', en: 'Cancelled (appeal upheld)' },
} satisfies Record<RectificationState, Texts>;

const rectFilter = {
  running: { zh: '整改中', en: 'Running' },
  overdue: { zh: '已超期', en: 'Overdue' },
  open: { zh: '待回访', en: 'To call back' },
  called_back: { zh: '已回访待办结', en: 'Called back' },
  closed: { zh: '已整改', en: 'Rectified' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
  all: { zh: '全部', en: 'All' },
} satisfies Record<RectificationFilter, Texts>;

const ground = {
  mistaken: { zh: '误评', en: 'Mistaken rating' },
  malicious: { zh: '恶意差评', en: 'Malicious rating' },
} satisfies Record<AppealGround, Texts>;

const appealState = {
  submitted: { zh: '待复核', en: 'Awaiting review' },
  upheld: { zh: '申诉成立', en: 'Upheld' },
  rejected: { zh: '申诉不成立', en: 'Rejected' },
} satisfies Record<AppealState, Texts>;

const appealFilter = { ...appealState, all: { zh: '全部', en: 'All' } } satisfies Record<AppealFilter, Texts>;

const groups = { level, indicatorOnline, indicatorWindow, channel, rectState, rectFilter, ground, appealState, appealFilter };
type Group = keyof typeof groups;

const prefixed = <G extends Group>(group: G) =>
  Object.fromEntries(Object.entries(groups[group]).map(([k, v]) => [`eval.${group}.${k}`, v])) as Record<`eval.${G}.${keyof (typeof groups)[G] & (string | number)}`, Texts>;

export const evaluationMessages = {
  ...prefixed('level'),
  ...prefixed('indicatorOnline'),
  ...prefixed('indicatorWindow'),
  ...prefixed('channel'),
  ...prefixed('rectState'),
  ...prefixed('rectFilter'),
  ...prefixed('ground'),
  ...prefixed('appealState'),
  ...prefixed('appealFilter'),

  'nav.supervision.appeals': { zh: '差评申诉复核', en: 'Rating appeals' },
  'nav.supervision.ratings': { zh: '好差评统计', en: 'Rating statistics' },

  'eval.title': { zh: '评价本次服务', en: 'Rate this service' },
  'eval.lead': {
    zh: '您的评价会直接反馈给办理部门。选择“不满意”或“非常不满意”时，部门须在 5 个工作日内整改并回访您。',
    en: 'Your rating goes straight to the department. If you choose “dissatisfied” or “very dissatisfied”, the department must put it right within 5 working days and call you back.',
  },
  'eval.level': { zh: '满意程度', en: 'How satisfied are you?' },
  'eval.levelRequired': { zh: '请选择满意程度', en: 'Choose how satisfied you are' },
  'eval.indicators': { zh: '评价涉及的方面（可多选）', en: 'What it is about (choose any)' },
  'eval.comment': { zh: '意见和建议', en: 'Comments and suggestions' },
  'eval.commentPoor': { zh: '不满意的原因（便于部门整改）', en: 'What went wrong (so that the department can put it right)' },
  'eval.commentRequired': { zh: '请写明不满意的原因', en: 'Say what went wrong' },
  'eval.submit': { zh: '提交评价', en: 'Submit rating' },
  'eval.thanks': { zh: '感谢您的评价！', en: 'Thank you for your rating!' },
  'eval.yours': { zh: '您的评价', en: 'Your rating' },
  'eval.round': { zh: '第 {round} 次评价', en: 'Rating {round}' },
  'eval.ratedAt': { zh: '评价时间：{time}', en: 'Rated on {time}' },
  'eval.excluded': { zh: '该评价经申诉复核，不计入统计', en: 'After an appeal, this rating is not counted in the statistics' },
  'eval.secondOpen': { zh: '部门已完成整改，您可以再评价一次。', en: 'The department has put it right: you may rate once more.' },
  'eval.rectifying': { zh: '{department}正在整改，将于 {due} 前完成并回访您。', en: '{department} is putting it right and will call you back by {due}.' },
  'eval.rectified': { zh: '整改结果：{outcome}', en: 'What was done: {outcome}' },
  'eval.cancelled': { zh: '经申诉复核，该差评的整改已撤销。', en: 'After an appeal, the rectification of this rating was cancelled.' },

  'eval.visit.title': { zh: '窗口服务评价', en: 'Rate the window service' },
  'eval.visit.where': { zh: '{department} · {window} 号窗口', en: '{department} · window {window}' },
  'eval.visit.item': { zh: '办理事项：{item}', en: 'Service: {item}' },
  'eval.visit.anonymous': { zh: '无需登录，每次服务可评价一次。', en: 'No login needed; each service can be rated once.' },

  'eval.qr.title': { zh: '服务评价', en: 'Rating of the service' },
  'eval.qr.lead': {
    zh: '办理完毕后，请申请人用手机扫码，或在窗口评价器上打开链接，评价本次服务（无需登录，一次一评）。',
    en: 'When the service is done, the applicant scans the code with a phone, or opens the link on the window’s rating pad, to rate it (no login; one rating per service).',
  },
  'eval.qr.window': { zh: '服务窗口', en: 'Window' },
  'eval.qr.open': { zh: '请评价本次服务', en: 'Rate this service' },
  'eval.qr.noHall': { zh: '没有找到您所在的大厅，无法生成评价链接。', en: 'Your hall was not found: no rating link can be made.' },
  'eval.qr.alt': { zh: '评价本次服务的二维码', en: 'QR code to rate this service' },
  'eval.qr.scan': { zh: '请扫码评价 {window} 号窗口的服务，或在评价器上打开：', en: 'Scan the code to rate the service of window {window}, or open it on the rating pad:' },
  'eval.qr.once': { zh: '该链接只能评价一次。', en: 'The link rates this service once.' },

  'eval.rect.title': { zh: '差评整改', en: 'Rectification of poor ratings' },
  'eval.rect.lead': {
    zh: '每条“不满意”或“非常不满意”的评价须在 5 个工作日内回访评价人、整改并记录结果；对误评或恶意差评可提出申诉。',
    en: 'Each dissatisfied or very dissatisfied rating needs a call-back to the rater, rectification and its outcome within 5 working days; a mistaken or malicious rating can be appealed.',
  },
  'eval.rect.filter': { zh: '整改状态', en: 'State' },
  'eval.rect.table': { zh: '差评整改任务', en: 'Rectification tasks' },
  'eval.rect.subject': { zh: '评价对象', en: 'Rated' },
  'eval.rect.case': { zh: '办件 {number}', en: 'Case {number}' },
  'eval.rect.window': { zh: '{window} 号窗口', en: 'Window {window}' },
  'eval.rect.rating': { zh: '评价', en: 'Rating' },
  'eval.rect.due': { zh: '整改期限', en: 'Due' },
  'eval.rect.overdue': { zh: '已超期', en: 'Overdue' },
  'eval.rect.contact': { zh: '回访对象', en: 'Call back' },
  'eval.rect.anonymous': { zh: '匿名评价，无法回访', en: 'Anonymous: cannot be called back' },
  'eval.rect.callback': { zh: '记录回访', en: 'Record call-back' },
  'eval.rect.callbackTitle': { zh: '记录回访情况', en: 'Record the call-back' },
  'eval.rect.callbackRecord': { zh: '回访记录', en: 'What was said' },
  'eval.rect.reached': { zh: '是否联系上评价人', en: 'Was the rater reached?' },
  'eval.rect.reachedYes': { zh: '已联系上', en: 'Reached' },
  'eval.rect.reachedNo': { zh: '未联系上', en: 'Not reached' },
  'eval.rect.callbackDone': { zh: '回访：{record}（{by}，{reached}）', en: 'Call-back: {record} ({by}, {reached})' },
  'eval.rect.close': { zh: '整改完成', en: 'Close' },
  'eval.rect.closeTitle': { zh: '记录整改结果', en: 'Record the outcome' },
  'eval.rect.outcome': { zh: '整改结果', en: 'Outcome' },
  'eval.rect.outcomeHint': { zh: '评价人会看到整改结果，并可再评价一次。', en: 'The rater sees the outcome and may rate once more.' },
  'eval.rect.appeal': { zh: '申诉', en: 'Appeal' },
  'eval.rect.appealTitle': { zh: '对该评价提出申诉', en: 'Appeal this rating' },
  'eval.rect.ground': { zh: '申诉理由类别', en: 'Ground' },
  'eval.rect.reason': { zh: '申诉说明（事实和依据）', en: 'Reasons (facts and evidence)' },
  'eval.rect.appealState': { zh: '申诉：{state}', en: 'Appeal: {state}' },
  'eval.rect.done': { zh: '已保存', en: 'Saved' },
  'eval.rect.empty': { zh: '没有符合条件的整改任务', en: 'No rectification tasks here' },

  'eval.appeals.title': { zh: '差评申诉复核', en: 'Appeals against ratings' },
  'eval.appeals.lead': {
    zh: '部门认为评价属于误评或恶意差评时提出申诉。申诉成立的评价不计入好差评统计，相应整改撤销。',
    en: 'Departments appeal ratings they consider mistaken or malicious. An upheld appeal takes the rating out of the statistics and cancels its rectification.',
  },
  'eval.appeals.filter': { zh: '复核状态', en: 'State' },
  'eval.appeals.table': { zh: '差评申诉', en: 'Appeals' },
  'eval.appeals.department': { zh: '被评价部门', en: 'Department' },
  'eval.appeals.appeal': { zh: '申诉', en: 'Appeal' },
  'eval.appeals.by': { zh: '{name} 于 {time} 提出', en: 'by {name}, {time}' },
  'eval.appeals.decide': { zh: '复核', en: 'Decide' },
  'eval.appeals.decideTitle': { zh: '复核申诉', en: 'Decide the appeal' },
  'eval.appeals.uphold': { zh: '复核结论', en: 'Decision' },
  'eval.appeals.upholdYes': { zh: '申诉成立（该评价不计入统计）', en: 'Upheld (the rating is not counted)' },
  'eval.appeals.upholdNo': { zh: '申诉不成立（评价有效）', en: 'Rejected (the rating stands)' },
  'eval.appeals.decision': { zh: '复核意见', en: 'Reasons' },
  'eval.appeals.decided': { zh: '复核意见：{decision}（{by}）', en: 'Decision: {decision} ({by})' },
  'eval.appeals.empty': { zh: '没有待复核的申诉', en: 'No appeals here' },

  'eval.public.title': { zh: '好差评公开', en: 'Service ratings' },
  'eval.public.lead': {
    zh: '群众和企业对{region}政务服务的评价统计。满意率 =“基本满意”及以上的评价数 ÷ 有效评价总数；经申诉复核成立的评价不计入。',
    en: 'How people and enterprises rated government services in {region}. Satisfaction = ratings of “fairly satisfied” or better ÷ all valid ratings; ratings removed after an appeal are not counted.',
  },
  'eval.public.from': { zh: '开始日期', en: 'From' },
  'eval.public.to': { zh: '结束日期', en: 'To' },
  'eval.public.total': { zh: '有效评价', en: 'Valid ratings' },
  'eval.public.rate': { zh: '满意率', en: 'Satisfaction' },
  'eval.public.poor': { zh: '差评', en: 'Poor ratings' },
  'eval.public.levels': { zh: '各等级评价数', en: 'Ratings by level' },
  'eval.public.byChannel': { zh: '按评价渠道', en: 'By channel' },
  'eval.public.byDepartment': { zh: '各部门满意率', en: 'Satisfaction by department' },
  'eval.public.byRegion': { zh: '各地区满意率', en: 'Satisfaction by region' },
  'eval.public.department': { zh: '部门', en: 'Department' },
  'eval.public.region': { zh: '地区', en: 'Region' },
  'eval.public.channel': { zh: '渠道', en: 'Channel' },
  'eval.public.count': { zh: '评价数', en: 'Ratings' },
  'eval.public.none': { zh: '暂无评价', en: 'No ratings yet' },
} satisfies Record<string, Texts>;

/** The five levels, best first, and each channel's indicators: the keys the server takes. */
export const LEVELS = Object.keys(level).map(Number).sort((a, b) => b - a) as Level[];
export const INDICATOR_KEYS: Record<EvaluationChannel, string[]> = { online: Object.keys(indicatorOnline), window: Object.keys(indicatorWindow) };
export const RECTIFICATION_FILTERS = Object.keys(rectFilter) as RectificationFilter[];
export const APPEAL_FILTERS = Object.keys(appealFilter) as AppealFilter[];
export const APPEAL_GROUNDS = Object.keys(ground) as AppealGround[];

/** The label of a level, indicator, channel or state, from its group and the server's key. */
export const evalLabel = (t: Translate, group: Group, key: string | number) => t(`eval.${group}.${key}` as MessageKey);
