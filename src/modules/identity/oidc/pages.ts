/**
 * The few pages the provider itself shows (sign-out confirmation, signed out, errors), in Chinese
 * or English by ui_locales or Accept-Language. Login is the web app's own page (/login).
 */
export type PageLang = 'zh' | 'en';

export function pageLang(uiLocales: string | undefined, acceptLanguage: string | undefined): PageLang {
  const first = (uiLocales ?? '').split(' ').find(Boolean) ?? acceptLanguage ?? '';
  return /^en\b/i.test(first.trim()) ? 'en' : 'zh';
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const TEXT = {
  brand: { zh: '湖北政务服务网 · 统一身份认证', en: 'Hubei Government Services · single sign-on' },
  logoutTitle: { zh: '退出登录', en: 'Sign out' },
  logoutLead: {
    zh: '您将退出“{client}”。选择“退出所有系统”将同时退出本平台及通过统一身份认证登录的所有系统。',
    en: 'You are signing out of “{client}”. “Sign out everywhere” also ends your session on this platform and on every system you entered through single sign-on.',
  },
  logoutEverywhere: { zh: '退出所有系统', en: 'Sign out everywhere' },
  logoutThisOnly: { zh: '仅退出该应用', en: 'Only this application' },
  thisApplication: { zh: '当前应用', en: 'this application' },
  loggedOutTitle: { zh: '已退出登录', en: 'Signed out' },
  loggedOutLead: { zh: '您已安全退出。', en: 'You have signed out.' },
  home: { zh: '返回首页', en: 'Back to the home page' },
  errorTitle: { zh: '无法完成登录请求', en: 'The sign-in request could not be completed' },
  errorLead: {
    zh: '请返回原系统重新发起登录。如问题持续，请联系该系统的管理员并提供下方信息。',
    en: 'Go back to the system you came from and start again. If this keeps happening, tell its administrator what is shown below.',
  },
} as const;

type Key = keyof typeof TEXT;
const t = (lang: PageLang, key: Key, vars: Record<string, string> = {}) =>
  TEXT[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? vars[name]! : m));

function page(lang: PageLang, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - ${escapeHtml(t(lang, 'brand'))}</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;background:#f5f7fa;color:#1f1f1f}
header{background:#b71c1c;color:#fff;padding:12px 24px;font-size:16px}
main{max-width:480px;margin:48px auto;background:#fff;padding:24px 32px;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:22px;margin:0 0 16px}
p{line-height:1.6}
button{font-size:16px;padding:10px 16px;border-radius:6px;border:1px solid #b71c1c;cursor:pointer;margin:8px 8px 0 0}
button.primary{background:#b71c1c;color:#fff}
button.secondary{background:#fff;color:#b71c1c}
button:focus-visible,a:focus-visible{outline:3px solid #1677ff;outline-offset:2px}
a{color:#0958d9}
dl{background:#fafafa;padding:12px;border-radius:6px;word-break:break-all}
dt{font-weight:600}
</style>
</head>
<body>
<header>${escapeHtml(t(lang, 'brand'))}</header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

/**
 * The sign-out confirmation. `form` is the provider's hidden form (action and xsrf token); the
 * buttons submit it with logout=yes (everywhere) or without (this client only).
 */
export function logoutPage(lang: PageLang, clientName: string | undefined, form: string): string {
  const client = escapeHtml(clientName ?? t(lang, 'thisApplication'));
  const lead = escapeHtml(t(lang, 'logoutLead', { client: '\u0000' })).replace('\u0000', client);
  return page(
    lang,
    t(lang, 'logoutTitle'),
    `<p>${lead}</p>
${form}
<button class="primary" type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>${escapeHtml(t(lang, 'logoutEverywhere'))}</button>
<button class="secondary" type="submit" form="op.logoutForm">${escapeHtml(t(lang, 'logoutThisOnly'))}</button>`,
  );
}

export function loggedOutPage(lang: PageLang): string {
  return page(lang, t(lang, 'loggedOutTitle'), `<p>${escapeHtml(t(lang, 'loggedOutLead'))}</p><p><a href="/">${escapeHtml(t(lang, 'home'))}</a></p>`);
}

export function errorPage(lang: PageLang, details: Record<string, string | undefined>): string {
  const rows = Object.entries(details)
    .filter(([, v]) => v)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v!)}</dd>`)
    .join('');
  return page(lang, t(lang, 'errorTitle'), `<p>${escapeHtml(t(lang, 'errorLead'))}</p>${rows ? `<dl>${rows}</dl>` : ''}<p><a href="/">${escapeHtml(t(lang, 'home'))}</a></p>`);
}
