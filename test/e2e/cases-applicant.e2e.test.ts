/**
 * A case from the applicant's side, on a phone: a person registers, finds 个体工商户设立登记 of
 * 武汉市, applies online (situation answers, the form, a PNG upload; a file refused by its
 * content), the draft survives a reload, submits; staff (driven through the API) ask for a
 * supplement once, the person sees the one-time notice and fixes it in one go; the clerk accepts,
 * the reviewer advances, the head decides, the clerk issues a PDF and delivers it electronically;
 * the person sees the completed case and downloads the result; the public progress page shows it
 * by number and query code, without staff names. Every page is scanned with axe.
 */
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { idCheckChar } from '../../src/modules/identity/codes.ts';
import { PDF, PNG } from '../support/cases.ts';
import { DEMO_PASSWORD, describeBrowser, expectAccessible, openPage } from './browser.ts';

/** Another PNG (same image, other bytes): the corrected application. */
const SIGNED = Buffer.concat([PNG, Buffer.from('signed')]);
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** Long enough for a page's code and data to arrive on a busy machine. */
const soon = { timeout: 15_000 };

/** A valid ID number (born in 江汉区, check character computed) and a mobile number, new for every run. */
function newPerson() {
  const n = Date.now();
  const birth = new Date(Date.UTC(1980, 0, 1) + (n % 9000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `420103${birth}${String(Math.floor(n / 9000) % 1000).padStart(3, '0')}`;
  return { name: '周小梅', idNumber: first17 + idCheckChar(first17), mobile: `1355${String(n % 10_000_000).padStart(7, '0')}` };
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
const toastsGone = (page: Page) => expect.poll(() => page.locator('.ant-message-notice').count(), soon).toBe(0);
const button = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${[...name].join('\\s*')}$`) });
const radio = (page: Page, group: string, option: string) => page.getByRole('radiogroup', { name: group }).getByText(option, { exact: true }).click();

/** The newest SMS code of this purpose to this number, read from the dev mailbox. */
async function smsCode(api: APIRequestContext, mobile: string, purpose: string): Promise<string> {
  const masked = `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  let code: string | undefined;
  await expect
    .poll(async () => {
      const box = (await (await api.get('/api/dev/mailbox?limit=200')).json()) as { items: { recipient: string; text: string; purpose: string }[] };
      code = box.items.find((m) => m.recipient === masked && m.purpose === purpose)?.text.match(/\d{6}/)?.[0];
      return code;
    }, soon)
    .toMatch(/^\d{6}$/);
  return code!;
}

interface CaseOut {
  id: string;
  version: number;
  state: string;
}

/** A demo staff member working through the API, with their own cookies and CSRF token. */
async function staff(baseURL: string, username: string) {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const { user } = (await res.json()) as { user: { csrfToken: string; name: string } };
  const headers = { 'x-csrf-token': user.csrfToken };
  return {
    name: user.name,
    async get(id: string): Promise<CaseOut> {
      const r = await api.get(`/api/cases/${id}`);
      expect(r.status(), await r.text()).toBe(200);
      return ((await r.json()) as { case: CaseOut }).case;
    },
    async act(id: string, action: Record<string, unknown>): Promise<CaseOut> {
      const c = await this.get(id);
      const r = await api.post(`/api/cases/${id}/actions`, { headers, data: { version: c.version, action } });
      expect(r.status(), await r.text()).toBe(200);
      return (await r.json()) as CaseOut;
    },
    async upload(bytes: Buffer, name: string): Promise<string> {
      const r = await api.post('/api/files', { headers, multipart: { file: { name, mimeType: 'application/octet-stream', buffer: bytes } } });
      expect(r.status(), await r.text()).toBe(201);
      return ((await r.json()) as { sha256: string }).sha256;
    },
    close: () => api.dispose(),
  };
}

/** Registers a person through the API in this browser context (which logs them in). */
async function register(api: APIRequestContext, p: { name: string; idNumber: string; mobile: string }) {
  expect((await api.post('/api/persons/codes', { data: { mobile: p.mobile, purpose: 'register' } })).status()).toBe(202);
  const res = await api.post('/api/persons/register', { data: { ...p, code: await smsCode(api, p.mobile, 'register-code') } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { person: { csrfToken: string } }).person.csrfToken;
}

/** The handling code of 个体工商户设立登记 of 武汉市. */
async function itemCode(api: APIRequestContext): Promise<string> {
  const res = await api.get('/api/portal/search?q=个体工商户设立登记&regionCode=420100');
  const hits = ((await res.json()) as { items: { code: string; regionCode: string; name: string }[] }).items;
  const hit = hits.find((h) => h.regionCode === '420100' && h.name === '个体工商户设立登记');
  expect(hit, JSON.stringify(hits)).toBeDefined();
  return hit!.code;
}

/** An online application through the API, with an idempotency key; returns the case id. */
async function applyByApi(api: APIRequestContext, csrf: string, code: string, bytes: Buffer): Promise<string> {
  const headers = { 'x-csrf-token': csrf };
  const file = await api.post('/api/my/files', { headers, multipart: { file: { name: 'application.png', mimeType: 'image/png', buffer: bytes } } });
  expect(file.status(), await file.text()).toBe(201);
  const { sha256 } = (await file.json()) as { sha256: string };
  const body = { itemCode: code, answers: { form: 'personal', premises: 'online', agent: 'no' }, form: { mobile: '13900000000' }, materials: [{ materialId: 'application', sha256 }] };
  const res = await api.post('/api/my/cases', { headers: { ...headers, 'idempotency-key': `e2e-${sha256.slice(0, 16)}` }, data: body });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describeBrowser('applying online and following the case (applicant)', (env) => {
  it('applies on a phone, survives a reload, supplements once, and gets the result; the public page shows the progress', { timeout: 300_000 }, async () => {
    const person = newPerson();
    const { context, page } = await openPage(env.browser, env.server.url, PHONE);
    await context.addInitScript(() => window.localStorage.setItem('hb.region', '420100'));

    // Find 个体工商户设立登记 of 武汉市 (market supervision) and ask to apply online: logging in comes first.
    await page.goto('/services?q=个体工商户设立登记');
    const hit = page.getByTestId('service-results').locator('li').filter({ hasText: '武汉市市场监督管理局' }).getByRole('link', { name: '个体工商户设立登记' });
    await expect.poll(() => hit.count(), soon).toBe(1);
    await hit.click();
    await expect.poll(() => h1(page), soon).toBe('个体工商户设立登记');
    await page.getByTestId('apply-online').click();
    await page.waitForURL((url) => url.pathname === '/my/login' && (url.searchParams.get('next') ?? '').startsWith('/my/apply/'));
    const applyPath = new URL(page.url()).searchParams.get('next')!;

    // Register (an SMS code from the dev mailbox); registering comes back to the application.
    await page.getByRole('link', { name: '立即注册' }).click();
    await page.waitForURL((url) => url.pathname === '/my/register');
    await page.getByLabel('姓名').fill(person.name);
    await page.getByLabel('居民身份证号码').fill(person.idNumber);
    await page.getByLabel('手机号码').fill(person.mobile);
    await page.getByTestId('send-code').click();
    await page.getByLabel('短信验证码').fill(await smsCode(page.request, person.mobile, 'register-code'));
    await button(page, '注册').click();
    await page.waitForURL((url) => url.pathname === applyPath);

    // Step 1: the situation.
    await expect.poll(() => h1(page), soon).toBe('在线办理：个体工商户设立登记');
    await expect.poll(() => page.getByRole('radiogroup', { name: '经营形式' }).count(), soon).toBe(1);
    await fitsPhone(page);
    await expectAccessible(page, 'apply: situation questions on a phone');
    await page.getByTestId('apply-next').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').count(), soon).toBe(3);
    await radio(page, '经营形式', '个人经营');
    await radio(page, '经营场所来源', '仅网络经营');
    await radio(page, '是否委托代理人办理', '否');
    await page.getByTestId('apply-next').click();

    // Step 2: the form, with the applicant's identity filled in and read-only.
    await expect.poll(() => page.getByRole('heading', { level: 2, name: '填写申请表' }).count(), soon).toBe(1);
    expect(await page.getByLabel('申请人', { exact: true }).inputValue()).toBe(person.name);
    expect(await page.getByLabel('申请人', { exact: true }).getAttribute('readonly')).not.toBeNull();
    expect(await page.getByLabel('身份证号码', { exact: true }).inputValue()).toBe(`${person.idNumber.slice(0, 4)}**********${person.idNumber.slice(-4)}`);
    expect(await page.getByLabel('联系电话', { exact: true }).inputValue()).toBe(person.mobile);
    const address = page.getByLabel('联系地址', { exact: true });
    await address.fill('武汉市江汉区解放大道 2 号');
    await expect.poll(() => page.getByTestId('draft-status').textContent(), soon).toMatch(/^草稿已自动保存/);

    // Another window saves the draft first: this page's next save gets 409, shows the stored draft and says so.
    const draftPath = applyPath.replace('/my/apply/', '/api/my/drafts/');
    const { draft } = (await (await page.request.get(draftPath)).json()) as { draft: { rev: number; data: { form: Record<string, string> } } };
    const { csrfToken } = (await (await page.request.get('/api/persons/me')).json()) as { csrfToken: string };
    const other = { ...draft.data, form: { ...draft.data.form, address: '另一窗口填写的地址' } };
    expect((await page.request.put(draftPath, { headers: { 'x-csrf-token': csrfToken }, data: { rev: draft.rev, data: other } })).status()).toBe(200);
    await address.fill('武汉市江汉区解放大道 3 号');
    await expect.poll(() => page.getByTestId('draft-conflict').count(), soon).toBe(1);
    expect(await address.inputValue()).toBe('另一窗口填写的地址');
    await address.fill('武汉市江汉区解放大道 1 号');
    await expect.poll(() => page.getByTestId('draft-status').textContent(), soon).toMatch(/^草稿已自动保存/);
    await expectAccessible(page, 'apply: the form after a draft conflict, on a phone');
    await page.getByTestId('apply-next').click();

    // Step 3: exactly the materials that apply; the ID card is held by the platform (免提交).
    const materials = page.getByTestId('apply-material');
    await expect.poll(() => materials.count(), soon).toBe(2);
    const idCard = materials.filter({ hasText: '经营者居民身份证' });
    expect(await idCard.getByTestId('held').textContent()).toBe('免提交');
    expect(await idCard.locator('input[type=file]').count()).toBe(0);
    const application = page.locator('[data-testid=apply-material][data-material-id=application]');
    // A file whose content is not an accepted type is refused, whatever its name says.
    await application.locator('input[type=file]').setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
    await expect.poll(() => application.getByTestId('problem').textContent(), soon).toContain('只接受');
    expect(await application.textContent()).toContain('与文件名无关');
    await application.locator('input[type=file]').setInputFiles({ name: 'application.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => application.locator('.material-files__list li').textContent(), soon).toContain('application.png');
    await expect.poll(() => application.getByTestId('problem').count()).toBe(0);
    await fitsPhone(page);
    await expectAccessible(page, 'apply: materials on a phone');

    // The draft saves itself: a reload (or a closed browser) comes back to the same step and files.
    await expect.poll(() => page.getByTestId('draft-status').textContent(), soon).toMatch(/^草稿已自动保存/);
    const stored = async () => {
      const { data } = ((await (await page.request.get(draftPath)).json()) as { draft: { data: { step: string; files: Record<string, unknown[]> } } }).draft;
      return `${data.step}:${data.files.application?.length ?? 0}`;
    };
    await expect.poll(stored, soon).toBe('materials:1');
    await page.reload();
    await expect.poll(() => page.getByTestId('draft-resumed').count(), soon).toBe(1);
    await expect.poll(() => page.getByRole('heading', { level: 2, name: '提交材料' }).count(), soon).toBe(1);
    await expect.poll(() => application.locator('.material-files__list li').textContent(), soon).toContain('application.png');
    await expectAccessible(page, 'apply: a resumed draft');
    await page.getByTestId('apply-next').click();

    // Step 4: review, then submit; the done page names the case number and the query code.
    const review = page.getByTestId('apply-review');
    await expect.poll(() => review.count(), soon).toBe(1);
    expect(await review.textContent()).toContain('武汉市江汉区解放大道 1 号');
    expect(await page.getByTestId('review-materials').textContent()).toContain('application.png');
    await expectAccessible(page, 'apply: review');
    await page.getByTestId('apply-submit').click();
    await expect.poll(() => h1(page), soon).toBe('申请已提交');
    const number = (await page.getByTestId('case-number').textContent())!;
    const code = (await page.getByTestId('query-code').textContent())!;
    expect(number).toMatch(/^420100\d{14}$/);
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    await fitsPhone(page);
    await expectAccessible(page, 'apply: done');
    await page.getByRole('link', { name: '查看办件' }).click();
    await page.waitForURL(/\/my\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;
    await expect.poll(() => page.getByTestId('case-state').getAttribute('data-state'), soon).toBe('submitted');

    // The clerk asks for a supplement, once, naming every deficiency.
    const [clerk, reviewer, head] = await Promise.all(['window_clerk.wuhan', 'reviewer.wuhan', 'department_head.wuhan'].map((u) => staff(env.server.url, u)));
    await clerk!.act(caseId, { type: 'request-supplement', deficiencies: [{ materialId: 'application', text: '申请书缺少经营者签名' }, { text: '请写明网络经营场所的网址' }] });

    // The person sees the one-time notice and fixes everything in one go.
    await page.reload();
    await expect.poll(() => page.getByTestId('case-state').getAttribute('data-state'), soon).toBe('supplement');
    const notice = page.getByTestId('supplement-notice');
    expect(await notice.locator('li').allTextContents()).toEqual(['个体工商户登记（备案）申请书：申请书缺少经营者签名', '请写明网络经营场所的网址']);
    await fitsPhone(page);
    await expectAccessible(page, 'my case with the supplement form on a phone');
    await page.getByTestId('supplement-submit').click();
    await expect.poll(() => page.getByTestId('supplement-material').textContent(), soon).toContain('请提交');
    await page.getByTestId('supplement-material').locator('input[type=file]').setInputFiles({ name: 'application-signed.png', mimeType: 'image/png', buffer: SIGNED });
    await expect.poll(() => page.getByTestId('supplement-material').locator('.material-files__list li').count(), soon).toBe(1);
    await page.getByLabel('补正说明（可选）').fill('网络经营场所：https://shop.example.cn');
    await page.getByTestId('supplement-submit').click();
    await expect.poll(() => page.getByTestId('case-state').getAttribute('data-state'), soon).toBe('submitted');
    expect(await page.getByTestId('case-timeline').textContent()).toContain('补正材料');
    await toastsGone(page);

    // Messages: the supplement request reached the person, unread until marked read.
    await page.goto('/my/messages');
    const messages = page.getByTestId('messages');
    await expect.poll(() => messages.textContent(), soon).toContain('需要补正材料');
    await expectAccessible(page, 'my messages on a phone');
    await page.getByTestId('mark-all-read').click();
    await expect.poll(() => page.getByTestId('mark-all-read').count(), soon).toBe(0);

    // The clerk accepts, the reviewer advances, the head decides, the clerk issues a PDF and delivers it electronically.
    await clerk!.act(caseId, { type: 'accept' });
    await reviewer!.act(caseId, { type: 'advance', opinion: '材料齐全，符合法定形式' });
    await head!.act(caseId, { type: 'decide', grant: true, reasons: '符合《促进个体工商户发展条例》规定的登记条件' });
    await clerk!.act(caseId, { type: 'issue', document: await clerk!.upload(PDF, 'license.pdf') });
    expect((await clerk!.act(caseId, { type: 'deliver', method: 'electronic' })).state).toBe('completed');

    // My cases lists it as completed; its page has the result document and the whole timeline.
    await page.goto('/my/cases');
    const row = page.getByTestId('my-cases').locator('tr', { hasText: number });
    await expect.poll(() => row.getByTestId('case-state').getAttribute('data-state'), soon).toBe('completed');
    await expectAccessible(page, 'my cases on a phone');
    await row.getByTestId('my-case-link').click();
    await page.waitForURL((url) => url.pathname === `/my/cases/${caseId}`);
    await expect.poll(() => page.getByTestId('result-download').count(), soon).toBe(1);
    const timeline = page.getByTestId('case-timeline');
    expect(await timeline.locator(':scope > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-action')))).toEqual([
      'submit',
      'request-supplement',
      'supplement',
      'accept',
      'advance',
      'decide',
      'issue',
      'deliver',
    ]);
    const timelineText = (await timeline.textContent())!;
    for (const who of [clerk!.name, reviewer!.name, head!.name]) expect(timelineText).not.toContain(who);
    expect(await page.getByTestId('material-list').locator('li').count()).toBe(2);
    // A completed case asks for a rating (好差评).
    await expect.poll(() => page.getByTestId('rating-form').count(), soon).toBe(1);
    await fitsPhone(page);
    await expectAccessible(page, 'my completed case on a phone');
    // The inline viewer shows an image material in a dialog.
    await page.getByRole('button', { name: '查看“个体工商户登记（备案）申请书”' }).first().click();
    const viewer = page.getByRole('dialog', { name: '材料预览：个体工商户登记（备案）申请书' });
    await expect.poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), soon).toBe(1);
    await expectAccessible(page, 'material viewer on a phone');
    await page.keyboard.press('Escape');
    await expect.poll(() => viewer.count(), soon).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('result-download').click()]);
    expect(download.suggestedFilename()).toBe(`${number}-result.pdf`);
    const result = await page.request.get(`/api/my/cases/${caseId}/result`);
    expect(result.headers()['content-type']).toBe('application/pdf');
    expect((await result.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // The public progress page, without login, by number and query code (as the receipt's QR code opens it).
    const visitor = await openPage(env.browser, env.server.url, PHONE);
    await visitor.page.goto(`/progress?number=${number}&code=${code}`);
    const progress = visitor.page.getByTestId('progress-result');
    await expect.poll(() => progress.getByTestId('case-state').getAttribute('data-state'), soon).toBe('completed');
    const progressText = (await progress.textContent())!;
    expect(progressText).toContain('个体工商户设立登记');
    expect(progressText).toContain('周*梅');
    for (const who of [person.name, clerk!.name, reviewer!.name, head!.name]) expect(progressText).not.toContain(who);
    expect(await visitor.page.getByLabel('查询码').inputValue()).toBe(code);
    await fitsPhone(visitor.page);
    await expectAccessible(visitor.page, 'public progress on a phone');
    // A wrong query code finds nothing, and says so.
    await visitor.page.getByLabel('查询码').fill(code === 'ABCDEFGH' ? 'HGFEDCBA' : 'ABCDEFGH');
    await visitor.page.getByTestId('progress-search').click();
    await expect.poll(() => visitor.page.getByTestId('problem').textContent(), soon).toContain('请核对办件编号和查询码');
    await visitor.context.close();

    await Promise.all([clerk!.close(), reviewer!.close(), head!.close()]);
    await context.close();
  });

  it('withdraws a case before a decision and confirms a mailed result on a PC', { timeout: 180_000 }, async () => {
    const person = { ...newPerson(), name: '吴大伟' };
    const { context, page } = await openPage(env.browser, env.server.url);
    const csrf = await register(page.request, person);
    const code = await itemCode(page.request);
    const withdrawn = await applyByApi(page.request, csrf, code, Buffer.concat([PNG, Buffer.from('a')]));
    const mailed = await applyByApi(page.request, csrf, code, Buffer.concat([PNG, Buffer.from('b')]));

    // Withdraw the first one, with a reason.
    await page.goto(`/my/cases/${withdrawn}`);
    await expect.poll(() => page.getByTestId('case-state').getAttribute('data-state'), soon).toBe('submitted');
    await expect.poll(() => page.getByTestId('deadline-light').getAttribute('data-light'), soon).toBe('green');
    await expectAccessible(page, 'my submitted case on a PC');
    await page.getByTestId('withdraw').click();
    const dialog = page.getByRole('dialog', { name: '撤回申请' });
    await dialog.getByRole('button', { name: /^撤\s*回\s*申\s*请$/ }).click();
    await expect.poll(() => dialog.locator('.ant-form-item-explain-error').textContent(), soon).toBe('必须填写');
    await dialog.getByLabel('撤回理由').fill('经营场所尚未确定，暂不办理');
    await expectAccessible(page, 'withdrawal dialog on a PC');
    await dialog.getByRole('button', { name: /^撤\s*回\s*申\s*请$/ }).click();
    await expect.poll(() => page.getByTestId('case-state').getAttribute('data-state'), soon).toBe('withdrawn');
    expect(await page.getByTestId('withdraw').count()).toBe(0);
    expect(await page.getByTestId('case-timeline').textContent()).toContain('经营场所尚未确定，暂不办理');
    // Large type (elderly-friendly): bigger and higher in contrast, still without serious violations.
    await page.getByTestId('large-type-toggle').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('large-type')), soon).toBe(true);
    await toastsGone(page);
    await expectAccessible(page, 'my withdrawn case in large type');
    await page.getByTestId('large-type-toggle').click();

    // The second one is decided and mailed: the person confirms it arrived, which completes it.
    const [clerk, reviewer, head] = await Promise.all(['window_clerk.wuhan', 'reviewer.wuhan', 'department_head.wuhan'].map((u) => staff(env.server.url, u)));
    await clerk!.act(mailed, { type: 'accept' });
    await reviewer!.act(mailed, { type: 'advance', opinion: '符合条件' });
    await head!.act(mailed, { type: 'decide', grant: true, reasons: '符合登记条件' });
    await clerk!.act(mailed, { type: 'issue', document: await clerk!.upload(PDF, 'license.pdf') });
    expect((await clerk!.act(mailed, { type: 'deliver', method: 'mail', tracking: 'SF1234567890' })).state).toBe('delivering');
    await page.goto(`/my/cases/${mailed}`);
    await expect.poll(() => page.getByTestId('case-state').getAttribute('data-state'), soon).toBe('delivering');
    expect(await page.getByTestId('case-overview').textContent()).toContain('SF1234567890');
    await expectAccessible(page, 'my mailed case on a PC');
    await page.getByTestId('received').click();
    await expect.poll(() => page.getByTestId('case-state').getAttribute('data-state'), soon).toBe('completed');

    // My cases lists both; the navigation counts the unread messages, which the messages page clears.
    await page.getByRole('navigation', { name: '我的导航' }).getByRole('link', { name: /^我的办件/ }).click();
    await expect.poll(() => page.getByTestId('my-cases').locator('[data-testid=case-state]').evaluateAll((tags) => tags.map((e) => e.getAttribute('data-state')).sort()), soon).toEqual(['completed', 'withdrawn']);
    await expectAccessible(page, 'my cases on a PC');
    const unread = page.getByRole('navigation', { name: '我的导航' }).getByTestId('unread-count');
    await expect.poll(() => unread.textContent(), soon).toMatch(/^\d+ 条未读$/);
    await page.getByRole('navigation', { name: '我的导航' }).getByRole('link', { name: /^消息/ }).click();
    await expect.poll(() => page.getByTestId('messages').textContent(), soon).toContain('已办结，欢迎评价');
    await page.getByTestId('mark-all-read').click();
    await expect.poll(() => unread.count(), soon).toBe(0);
    await expectAccessible(page, 'my messages on a PC');

    await Promise.all([clerk!.close(), reviewer!.close(), head!.close()]);
    await context.close();
  });
});
