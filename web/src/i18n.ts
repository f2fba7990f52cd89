/**
 * Every text the web app shows, in Chinese (first) and English, side by side. Placeholders:
 * {name}, filled by translate().
 */
import type { Lang } from './types.ts';

const table = {
  brand: { zh: '湖北政务服务网', en: 'Hubei Government Services' },
  'lang.name': { zh: '中文', en: 'English' },

  'area.portal': { zh: '门户', en: 'Portal' },
  'area.public': { zh: '政务公开', en: 'Public disclosure' },
  'area.market': { zh: '中介超市', en: 'Intermediary market' },
  'area.my': { zh: '我的', en: 'My space' },
  'area.window': { zh: '综合窗口', en: 'Service window' },
  'area.workbench': { zh: '审批工作台', en: 'Review workbench' },
  'area.supervision': { zh: '监管', en: 'Supervision' },
  'area.admin': { zh: '管理', en: 'Administration' },
  'area.staffLogin': { zh: '工作人员', en: 'Staff' },

  'shell.skip': { zh: '跳到主要内容', en: 'Skip to main content' },
  'shell.openMenu': { zh: '打开导航菜单', en: 'Open the navigation menu' },
  'shell.closeMenu': { zh: '关闭导航菜单', en: 'Close the navigation menu' },
  'shell.areaNav': { zh: '{area}导航', en: '{area} navigation' },
  'shell.areas': { zh: '服务区域', en: 'Service areas' },
  'shell.footer': { zh: '湖北政务服务网 · 一网通办', en: 'Hubei Government Services · one network for all services' },

  'header.language': { zh: '切换语言 / Switch language', en: '切换语言 / Switch language' },
  'header.largeType': { zh: '大字模式', en: 'Large type' },
  'header.largeTypeHint': { zh: '适老化：放大字号、提高对比度', en: 'Elderly-friendly: larger type and higher contrast' },
  'header.login': { zh: '工作人员登录', en: 'Staff login' },
  'header.changePassword': { zh: '修改密码', en: 'Change password' },
  'header.logout': { zh: '退出登录', en: 'Log out' },

  'region.switch': { zh: '切换地区（省、市、县）', en: 'Switch region (province, city, county)' },
  'region.choose': { zh: '请选择行政区划', en: 'Choose a region' },

  'common.loading': { zh: '正在加载…', en: 'Loading…' },
  'common.none': { zh: '—', en: '—' },
  'common.save': { zh: '保存', en: 'Save' },
  'common.create': { zh: '新建', en: 'Create' },
  'common.cancel': { zh: '取消', en: 'Cancel' },
  'common.close': { zh: '关闭', en: 'Close' },
  'common.confirm': { zh: '确定', en: 'OK' },
  'common.edit': { zh: '编辑', en: 'Edit' },
  'common.search': { zh: '查询', en: 'Search' },
  'common.reset': { zh: '重置', en: 'Reset' },
  'common.actions': { zh: '操作', en: 'Actions' },
  'common.status': { zh: '状态', en: 'Status' },
  'common.active': { zh: '启用', en: 'Active' },
  'common.inactive': { zh: '已停用', en: 'Deactivated' },
  'common.activate': { zh: '启用', en: 'Activate' },
  'common.deactivate': { zh: '停用', en: 'Deactivate' },
  'common.saved': { zh: '已保存', en: 'Saved' },
  'common.required': { zh: '必须填写', en: 'Required' },
  'common.total': { zh: '共 {total} 条', en: '{total} in all' },
  'common.filterRegion': { zh: '按行政区划筛选', en: 'Filter by region' },
  'common.includeSubregions': { zh: '包含下级区划', en: 'Include subregions' },

  'error.network': { zh: '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server; check the network and try again' },
  'error.http': { zh: '服务器返回错误（{status}）', en: 'The server answered with an error ({status})' },
  'error.requestId': { zh: '请求编号：{id}（咨询时请提供）', en: 'Request id: {id} (quote it when asking for help)' },

  'forbidden.title': { zh: '没有访问权限', en: 'No access' },
  'forbidden.detail': {
    zh: '您的角色没有此页面所需的权限。如需开通，请联系本级平台管理员。',
    en: 'Your roles lack the permission this page needs. Ask the platform admin of your region to grant it.',
  },
  'notFound.title': { zh: '页面不存在', en: 'Page not found' },
  'notFound.detail': { zh: '您访问的页面不存在或已移动。', en: 'The page you asked for does not exist or has moved.' },
  'notFound.home': { zh: '返回首页', en: 'Back to the home page' },

  'conflict.title': { zh: '数据已被他人修改', en: 'Someone else changed this' },
  'conflict.detail': {
    zh: '在您编辑期间，其他人修改了这条数据。请重新加载最新内容后再修改。',
    en: 'Someone else changed this record while you were editing it. Reload the latest version, then make your change.',
  },
  'conflict.reload': { zh: '加载最新内容', en: 'Reload latest version' },

  'nav.portal.home': { zh: '首页', en: 'Home' },
  'nav.public.departments': { zh: '部门信息', en: 'Departments' },
  'nav.public.inspections': { zh: '抽查结果公示', en: 'Inspection results' },
  'nav.public.openData': { zh: '开放数据', en: 'Open data' },
  'nav.my.cases': { zh: '我的办件', en: 'My cases' },
  'nav.my.licenses': { zh: '我的证照', en: 'My e-licenses' },
  'nav.my.evaluations': { zh: '我的评价', en: 'My evaluations' },
  'nav.window.intake': { zh: '综合受理', en: 'Intake' },
  'nav.window.delivery': { zh: '出件', en: 'Delivery' },
  'nav.workbench.todo': { zh: '待办', en: 'To do' },
  'nav.workbench.done': { zh: '已办', en: 'Done' },
  'nav.supervision.timeLimits': { zh: '时限监察', en: 'Time limits' },
  'nav.supervision.assessment': { zh: '考核指标', en: 'Assessment' },
  'nav.supervision.inspections': { zh: '双随机抽查', en: 'Random inspection' },
  'nav.market.services': { zh: '中介服务', en: 'Intermediary services' },
  'nav.market.agencies': { zh: '中介机构', en: 'Agencies' },
  'nav.market.projects': { zh: '项目公告', en: 'Projects' },
  'nav.admin.regions': { zh: '行政区划', en: 'Regions' },
  'nav.admin.departments': { zh: '部门', en: 'Departments' },
  'nav.admin.halls': { zh: '大厅与窗口', en: 'Halls and windows' },
  'nav.admin.staff': { zh: '工作人员', en: 'Staff' },
  'nav.admin.audit': { zh: '审计日志', en: 'Audit log' },

  'soon.public.inspections': {
    zh: '这里将公示“双随机、一公开”抽查结果，随监管检查模块上线。',
    en: 'Results of random inspections will be published here once the inspections module is live.',
  },
  'soon.public.openData': {
    zh: '这里将提供政务服务开放数据下载，随监督考核模块上线。',
    en: 'Open data on government services will be offered here once the oversight module is live.',
  },
  'soon.my.cases': {
    zh: '这里将列出您提交的办件及办理进度，随办件模块上线。',
    en: 'Your applications and their progress will be listed here once the cases module is live.',
  },
  'soon.my.licenses': {
    zh: '这里将展示您的电子证照，随电子证照模块上线。',
    en: 'Your e-licenses will be shown here once the licenses module is live.',
  },
  'soon.my.evaluations': {
    zh: '这里将列出您对办件的“好差评”，随办件模块上线。',
    en: 'Your evaluations of finished cases will be listed here once the cases module is live.',
  },
  'soon.window.intake': {
    zh: '这里将提供“一窗受理”的收件、受理与补正，随办件模块上线。',
    en: 'Intake, acceptance and supplement requests at the window will be here once the cases module is live.',
  },
  'soon.window.delivery': {
    zh: '这里将提供办结出件与送达登记，随办件模块上线。',
    en: 'Delivery of results to applicants will be recorded here once the cases module is live.',
  },
  'soon.workbench.todo': {
    zh: '这里将列出待您审查和决定的办件，随办件模块上线。',
    en: 'Cases waiting for your review and decision will be listed here once the cases module is live.',
  },
  'soon.workbench.done': {
    zh: '这里将列出您已办理的办件，随办件模块上线。',
    en: 'Cases you have handled will be listed here once the cases module is live.',
  },
  'soon.supervision.timeLimits': {
    zh: '这里将显示临近和超出时限的办件预警，随电子监察模块上线。',
    en: 'Warnings on cases near or past their time limits will appear here once the oversight module is live.',
  },
  'soon.supervision.assessment': {
    zh: '这里将显示各地区、各部门的考核指标，随监督考核模块上线。',
    en: 'Assessment indicators per region and department will appear here once the oversight module is live.',
  },
  'soon.supervision.inspections': {
    zh: '这里将管理抽查计划、抽取与结果录入，随监管检查模块上线。',
    en: 'Sampling plans, draws and results will be managed here once the inspections module is live.',
  },
  'soon.market.services': {
    zh: '这里将列出中介服务事项，随中介超市模块上线。',
    en: 'Intermediary services will be listed here once the market module is live.',
  },
  'soon.market.agencies': {
    zh: '这里将列出入驻的中介机构及其评价，随中介超市模块上线。',
    en: 'Registered agencies and their ratings will be listed here once the market module is live.',
  },
  'soon.market.projects': {
    zh: '这里将发布项目采购公告与选取结果，随中介超市模块上线。',
    en: 'Project notices and selection results will be published here once the market module is live.',
  },

  'portal.home.title': { zh: '{region}政务服务', en: 'Government services of {region}' },
  'portal.home.lead': {
    zh: '当前地区：{region}。可在页面顶部切换省、市、县。',
    en: 'Region: {region}. Switch province, city or county at the top of the page.',
  },
  'portal.halls.title': { zh: '政务服务大厅', en: 'Service halls' },
  'portal.halls.none': { zh: '{region}暂未登记政务服务大厅。', en: 'No service hall is registered for {region} yet.' },
  'portal.departments.title': { zh: '部门名录', en: 'Departments directory' },

  'public.departments.title': { zh: '部门信息公开', en: 'Departments' },
  'public.departments.lead': {
    zh: '{region}各部门的统一社会信用代码与联系方式。',
    en: 'Unified social credit codes and contacts of the departments of {region}.',
  },
  'public.departments.noCreditCode': { zh: '未登记', en: 'Not registered' },

  'hall.name': { zh: '大厅名称', en: 'Hall name' },
  'hall.address': { zh: '地址', en: 'Address' },
  'hall.hours': { zh: '办公时间', en: 'Opening hours' },
  'hall.phone': { zh: '咨询电话', en: 'Phone' },
  'hall.windows': { zh: '窗口', en: 'Windows' },
  'hall.windowCount': { zh: '{count} 个窗口', en: '{count}' },

  'department.name': { zh: '部门名称', en: 'Department name' },
  'department.region': { zh: '所属区划', en: 'Region' },
  'department.kind': { zh: '部门类别', en: 'Kind' },
  'department.creditCode': { zh: '统一社会信用代码', en: 'Unified social credit code' },
  'department.creditCodeHint': { zh: '18 位，可稍后补充', en: '18 characters; may be added later' },
  'department.phone': { zh: '联系电话', en: 'Phone' },
  'department.address': { zh: '地址', en: 'Address' },
  'department.choose': { zh: '请选择部门', en: 'Choose a department' },
  'department.chooseKind': { zh: '请选择部门类别', en: 'Choose a kind of department' },
  'department.chooseRegionFirst': { zh: '请先选择区划', en: 'Choose a region first' },
  'department.activated': { zh: '部门已启用', en: 'Department activated' },
  'department.deactivated': { zh: '部门已停用', en: 'Department deactivated' },

  'login.title': { zh: '工作人员登录', en: 'Staff login' },
  'login.username': { zh: '用户名', en: 'User name' },
  'login.password': { zh: '密码', en: 'Password' },
  'login.usernameRequired': { zh: '请输入用户名', en: 'Enter your user name' },
  'login.passwordRequired': { zh: '请输入密码', en: 'Enter your password' },
  'login.submit': { zh: '登录', en: 'Log in' },

  'password.title': { zh: '修改密码', en: 'Change password' },
  'password.mustChange': {
    zh: '为保障账号安全，首次登录或密码被重置后须先修改密码。',
    en: 'For your account’s safety, change your password after the first login or a reset.',
  },
  'password.current': { zh: '当前密码', en: 'Current password' },
  'password.new': { zh: '新密码', en: 'New password' },
  'password.confirm': { zh: '确认新密码', en: 'Repeat the new password' },
  'password.rule': {
    zh: '至少 10 个字符，包含小写字母、大写字母、数字、符号中的至少三类，且不含用户名。',
    en: 'At least 10 characters mixing three of: lower case, upper case, digits, symbols; not containing your user name.',
  },
  'password.currentRequired': { zh: '请输入当前密码', en: 'Enter your current password' },
  'password.newRequired': { zh: '请输入新密码', en: 'Enter a new password' },
  'password.confirmRequired': { zh: '请再次输入新密码', en: 'Repeat the new password' },
  'password.mismatch': { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  'password.submit': { zh: '修改密码', en: 'Change password' },
  'password.changed': { zh: '密码已修改', en: 'Password changed' },

  'regions.title': { zh: '行政区划', en: 'Regions' },
  'regions.lead': {
    zh: '您有权查看的区划及其下级。展开节点查看下级，选中后查看部门和大厅。',
    en: 'The regions you may see and those below them. Expand a node for its subregions; select it for its departments and halls.',
  },
  'regions.tree': { zh: '区划树', en: 'Region tree' },
  'regions.nodeTitle': { zh: '{name}（部门 {departments} · 大厅 {halls}）', en: '{name} ({departments} departments · {halls} halls)' },
  'regions.code': { zh: '区划代码', en: 'Region code' },
  'regions.type': { zh: '类型', en: 'Type' },
  'regions.level': { zh: '层级', en: 'Level' },
  'regions.level.province': { zh: '省级', en: 'Province' },
  'regions.level.prefecture': { zh: '市级', en: 'Prefecture' },
  'regions.level.county': { zh: '县级', en: 'County' },
  'regions.departments': { zh: '本级部门', en: 'Departments of this region' },
  'regions.halls': { zh: '本级政务服务大厅', en: 'Service halls of this region' },

  'departments.title': { zh: '部门管理', en: 'Departments' },
  'departments.create': { zh: '新建部门', en: 'New department' },
  'departments.created': { zh: '已新建部门：{name}', en: 'Department created: {name}' },
  'departments.editNamed': { zh: '编辑：{name}', en: 'Edit: {name}' },
  'departments.search': { zh: '按名称或信用代码搜索', en: 'Search by name or credit code' },
  'departments.nameSuggested': { zh: '选择区划和类别后自动生成规范名称，可修改。', en: 'Suggested from the region and kind; you may change it.' },
  'departments.confirmDeactivate': {
    zh: '停用“{name}”？停用后不再对外公开。',
    en: 'Deactivate “{name}”? It will no longer be shown to the public.',
  },
  'departments.confirmActivate': { zh: '重新启用“{name}”？', en: 'Activate “{name}” again?' },

  'halls.title': { zh: '大厅与窗口', en: 'Halls and windows' },
  'halls.region': { zh: '选择区划', en: 'Choose a region' },
  'halls.create': { zh: '新建大厅', en: 'New hall' },
  'halls.editNamed': { zh: '编辑大厅：{name}', en: 'Edit hall: {name}' },
  'halls.none': { zh: '{region}暂无政务服务大厅。', en: '{region} has no service hall yet.' },
  'halls.hoursHint': {
    zh: '例如：周一至周五 9:00–12:00，13:30–17:30（法定节假日除外）',
    en: 'For example: Mon–Fri 9:00–12:00, 13:30–17:30 (closed on public holidays)',
  },

  'windows.title': { zh: '窗口', en: 'Windows' },
  'windows.none': { zh: '暂无窗口', en: 'No windows yet' },
  'windows.ofHall': { zh: '{hall}的窗口', en: 'Windows of {hall}' },
  'windows.number': { zh: '编号', en: 'Number' },
  'windows.numberLabel': { zh: '{number} 号', en: 'No. {number}' },
  'windows.name': { zh: '窗口名称', en: 'Window name' },
  'windows.kind': { zh: '类型', en: 'Kind' },
  'windows.kind.comprehensive': { zh: '综合窗口', en: 'Comprehensive' },
  'windows.kind.dedicated': { zh: '专项窗口', en: 'Dedicated' },
  'windows.add': { zh: '为“{hall}”新增窗口', en: 'New window in “{hall}”' },
  'windows.addShort': { zh: '新增窗口', en: 'New window' },
  'windows.numberAssigned': { zh: '窗口编号由系统按顺序自动分配。', en: 'The platform numbers windows in order.' },
  'windows.editNumbered': { zh: '修改 {number} 号窗口', en: 'Change window No. {number}' },
  'windows.rename': { zh: '修改', en: 'Change' },
  'windows.confirmDeactivate': { zh: '停用 {number} 号窗口？', en: 'Deactivate window No. {number}?' },
  'windows.confirmActivate': { zh: '重新启用 {number} 号窗口？', en: 'Activate window No. {number} again?' },
  'windows.activated': { zh: '窗口已启用', en: 'Window activated' },
  'windows.deactivated': { zh: '窗口已停用', en: 'Window deactivated' },

  'staff.title': { zh: '工作人员', en: 'Staff' },
  'staff.create': { zh: '新建账号', en: 'New account' },
  'staff.created': { zh: '已新建账号：{name}', en: 'Account created: {name}' },
  'staff.search': { zh: '按姓名或用户名搜索', en: 'Search by name or user name' },
  'staff.username': { zh: '用户名', en: 'User name' },
  'staff.usernameHint': {
    zh: '以小写字母开头，3–40 位小写字母、数字或 _ . -',
    en: 'Starts with a lower-case letter; 3–40 lower-case letters, digits, _ . or -',
  },
  'staff.name': { zh: '姓名', en: 'Name' },
  'staff.initialPassword': { zh: '初始密码', en: 'Initial password' },
  'staff.newPassword': { zh: '新密码', en: 'New password' },
  'staff.passwordHint': {
    zh: '至少 10 个字符，包含三类字符，且不含用户名；本人首次登录时须修改。',
    en: 'At least 10 characters of three kinds, not containing the user name; its holder must change it at the next login.',
  },
  'staff.region': { zh: '所属区划', en: 'Region' },
  'staff.department': { zh: '所属部门', en: 'Department' },
  'staff.departmentHint': { zh: '可不选（区划层级的人员）', en: 'Optional (staff of the region itself)' },
  'staff.roles': { zh: '角色', en: 'Roles' },
  'staff.grantLabel': { zh: '{role} · {region}', en: '{role} · {region}' },
  'staff.mustChangePassword': { zh: '待改密码', en: 'Password change due' },
  'staff.manageRoles': { zh: '角色授权', en: 'Roles' },
  'staff.resetPassword': { zh: '重置密码', en: 'Reset password' },
  'staff.resetPasswordOf': { zh: '重置密码：{name}', en: 'Reset the password of {name}' },
  'staff.passwordReset': { zh: '已重置 {name} 的密码，下次登录时须修改', en: 'Password of {name} reset; it must be changed at the next login' },
  'staff.confirmDeactivate': {
    zh: '停用“{name}”的账号？停用后无法登录。',
    en: 'Deactivate the account of “{name}”? They will no longer be able to log in.',
  },
  'staff.confirmActivate': { zh: '重新启用“{name}”的账号？', en: 'Activate the account of “{name}” again?' },
  'staff.activated': { zh: '账号已启用', en: 'Account activated' },
  'staff.deactivated': { zh: '账号已停用', en: 'Account deactivated' },

  'grants.title': { zh: '角色授权：{name}', en: 'Roles of {name}' },
  'grants.role': { zh: '角色', en: 'Role' },
  'grants.region': { zh: '区划范围', en: 'Within region' },
  'grants.department': { zh: '部门范围', en: 'Within department' },
  'grants.allDepartments': { zh: '全部部门', en: 'All departments' },
  'grants.departmentHint': { zh: '不选则在该区划内不限部门', en: 'Leave empty for every department of the region' },
  'grants.none': { zh: '暂无角色', en: 'No roles' },
  'grants.add': { zh: '授予新角色', en: 'Grant a role' },
  'grants.chooseRole': { zh: '请选择角色', en: 'Choose a role' },
  'grants.grant': { zh: '授予', en: 'Grant' },
  'grants.granted': { zh: '已授予角色', en: 'Role granted' },
  'grants.revoke': { zh: '撤销', en: 'Revoke' },
  'grants.revoked': { zh: '已撤销授权', en: 'Grant revoked' },
  'grants.confirmRevoke': { zh: '撤销“{role}”（{region}）？', en: 'Revoke “{role}” ({region})?' },

  'audit.title': { zh: '审计日志', en: 'Audit log' },
  'audit.lead': { zh: '所有变更均记入只可追加、逐条哈希链接的审计日志。', en: 'Every change is recorded in an append-only, hash-chained audit log.' },
  'audit.verify': { zh: '校验哈希链', en: 'Verify the hash chain' },
  'audit.verifyOk': {
    zh: '审计链完整：共 {entries} 条记录，未发现篡改。',
    en: 'The audit chain is intact: {entries} entries, no tampering found.',
  },
  'audit.verifyBroken': { zh: '审计链在第 {seq} 条处断开', en: 'The audit chain breaks at entry {seq}' },
  'audit.from': { zh: '起始时间', en: 'From' },
  'audit.to': { zh: '截止时间', en: 'To' },
  'audit.action': { zh: '操作', en: 'Action' },
  'audit.actionPlaceholder': { zh: '如 department.create（按前缀匹配）', en: 'e.g. department.create (matches the start)' },
  'audit.actor': { zh: '操作人', en: 'Actor' },
  'audit.actorPlaceholder': { zh: '输入姓名搜索', en: 'Type a name to search' },
  'audit.targetType': { zh: '对象类型', en: 'Target type' },
  'audit.targetTypePlaceholder': { zh: '如 department', en: 'e.g. department' },
  'audit.targetId': { zh: '对象编号', en: 'Target id' },
  'audit.seq': { zh: '序号', en: 'Seq.' },
  'audit.at': { zh: '时间', en: 'Time' },
  'audit.actingAs': { zh: '所用角色', en: 'Acting as' },
  'audit.target': { zh: '对象', en: 'Target' },
  'audit.region': { zh: '区划', en: 'Region' },
  'audit.requestId': { zh: '请求编号', en: 'Request id' },
  'audit.clientIp': { zh: '客户端地址', en: 'Client address' },
  'audit.system': { zh: '系统', en: 'System' },
} satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof table;

const pick = (lang: Lang) =>
  Object.fromEntries(Object.entries(table).map(([key, texts]) => [key, texts[lang]])) as Record<MessageKey, string>;

export const messages: Record<Lang, Record<MessageKey, string>> = { zh: pick('zh'), en: pick('en') };

export type Vars = Record<string, string | number>;

/** The text for `key` in `lang`, with each {name} replaced by vars[name]. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = messages[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
}
