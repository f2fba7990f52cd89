/**
 * Evaluation (好差评) in a real browser. At the window: the clerk opens the rating of a service
 * from the acknowledgement, as a QR code; its link, opened on a phone without login, rates the
 * service 不满意 once (a second try is refused). Department: the head calls the rater of a poor
 * rating back and closes its rectification on /workbench/rectifications. Applicant: a completed
 * online case is rated on /my/cases/:id with the keyboard. Public: /public/ratings shows 武汉's
 * satisfaction on a phone in large type. Supervision: an appeal against a poor rating is decided
 * on /supervision/appeals, and the rating leaves the statistics on /supervision/ratings. Each test
 * sets up its own persons, cases and ratings through the API; every page is scanned with axe.
 */
import { request, type APIRequestContext, type BrowserContext } from 'playwright-core';
import { expect, it } from 'vitest';
import { PDF, PNG } from '../support/cases.ts';
import { DEMO_PASSWORD, describeBrowser, expectAccessible, logIn, openPage } from './browser.ts';
import { applyOnline, button, fitsPhone, h1, itemCode, newPerson, registerPerson, SHOP_ANSWERS, soon, type ApiPerson } from './staff-cases.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const SHOP = '个体工商户设立登记';
const MARKET = '武汉市市场监督管理局';

/** A demo staff member working through the API, with their own cookies and CSRF token. */
async function staff(baseURL: string, username: string) {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(res.status(), await res.text()).toBe(200);
  const { user } = (await res.json()) as { user: { csrfToken: string } };
  const headers = { 'x-csrf-token': user.csrfToken };
  const get = async <T,>(url: string): Promise<T> => {
    const r = await api.get(url);
    expect(r.status(), await r.text()).toBe(200);
    return (await r.json()) as T;
  };
  const post = async <T,>(url: string, data: unknown, status = 201): Promise<T> => {
    const r = await api.post(url, { headers, data });
    expect(r.status(), await r.text()).toBe(status);
    return (await r.json()) as T;
  };
  return {
    api,
    get,
    post,
    /** One action on a case, at its current version. */
    act: async (id: string, action: Record<string, unknown>) => {
      const { case: c } = await get<{ case: { version: number } }>(`/api/cases/${id}`);
      return post<{ state: string }>(`/api/cases/${id}/actions`, { version: c.version, action }, 200);
    },
    upload: async (bytes: Buffer, name: string, mimeType: string) => {
      const r = await api.post('/api/files', { headers, multipart: { file: { name, mimeType, buffer: bytes } } });
      expect(r.status(), await r.text()).toBe(201);
      return ((await r.json()) as { sha256: string }).sha256;
    },
  };
}
type Staff = Awaited<ReturnType<typeof staff>>;

/** The first hall of 武汉市 (武汉市民之家). */
async function wuhanHall(clerk: Staff) {
  const { items } = await clerk.get<{ items: { id: string; name: string }[] }>('/api/halls?regionCode=420100');
  return items[0]!;
}

/** A window visit about `caseId` at the 武汉 hall, rated anonymously through its token; returns the rating's id and the token. */
async function ratedVisit(api: APIRequestContext, clerk: Staff, hallId: string, caseId: string, rating: { level: number; comment: string }) {
  const visit = await clerk.post<{ token: string }>('/api/window/visits', { hallId, windowNumber: 2, caseId });
  const res = await api.post(`/api/public/visits/${visit.token}/evaluation`, { data: { ...rating, indicators: ['attitude'] } });
  expect(res.status(), await res.text()).toBe(201);
  return { id: ((await res.json()) as { ratings: { id: string }[] }).ratings[0]!.id, token: visit.token };
}

/** A walk-in checked in person and their 个体工商户设立登记 taken in and accepted at the window of `hallId`. */
async function windowCase(baseURL: string, clerk: Staff, hallId: string, k: number) {
  const walkIn = await registerPerson(baseURL, newPerson('钱晓东', k));
  await clerk.post(`/api/persons/${walkIn.id}/verify-in-person`, { idNumber: walkIn.idNumber }, 200);
  const scan = await clerk.upload(PNG, 'application.png', 'image/png');
  const c = await clerk.post<{ id: string; number: string }>('/api/window/cases', {
    itemCode: await itemCode(walkIn.api, SHOP),
    personId: walkIn.id,
    answers: SHOP_ANSWERS,
    form: { mobile: '13912345678' },
    materials: [{ materialId: 'application', sha256: scan }],
    acceptNow: true,
    hallId,
    key: `e2e-eval-${Date.now()}-${k}`,
  });
  await walkIn.api.dispose();
  return c;
}

/** The person's session (from their API context) in a browser context. */
async function signedIn(context: BrowserContext, p: ApiPerson) {
  await context.addCookies((await p.api.storageState()).cookies);
}

const percent = (rate: number | null) => (rate === null ? '—' : new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(rate));

describeBrowser('evaluation (好差评) in the browser', (env) => {
  it('opens the rating of a window service from the acknowledgement; the QR link rates it once on a phone', { timeout: 300_000 }, async () => {
    const clerk = await staff(env.server.url, 'window_clerk.wuhan');
    const hall = await wuhanHall(clerk);
    const c = await windowCase(env.server.url, clerk, hall.id, 31);

    // The clerk, at window 3, opens the rating of this service from the acknowledgement.
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, `/window/receipt/${c.id}`, 'window_clerk.wuhan');
    await expect.poll(() => page.getByTestId('receipt-number').textContent(), soon).toBe(c.number);
    const card = page.getByTestId('rate-visit');
    await expect.poll(() => card.getByRole('heading', { level: 2 }).textContent(), soon).toBe('服务评价');
    await page.getByLabel('服务窗口').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^综合受理窗口 3$/ }).click();
    await expect.poll(() => card.getByTestId('rate-window').textContent(), soon).toContain('综合受理窗口 3');
    await button(card, '请评价本次服务').click();
    const qr = card.getByTestId('rating-qr');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth >= 280), soon).toBe(true);
    const link = card.getByTestId('rating-link');
    const url = (await link.textContent())!;
    expect(url).toMatch(new RegExp(`^${env.server.url}/rate/[A-Za-z0-9_-]{32}$`));
    expect(await link.getAttribute('href')).toBe(url);
    expect(await card.textContent()).toContain('请扫码评价 3 号窗口的服务');
    await expectAccessible(page, 'the acknowledgement with the rating QR code');
    // On paper, the receipt only: the rating code is for the screen.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('receipt').isVisible()).toBe(true);
    expect(await card.isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    // The window is remembered on this computer.
    expect(await page.evaluate(() => window.localStorage.getItem('hb.window.number'))).toBe('3');

    // The applicant's phone opens the link (no login); a second tab on it is left open.
    const phone = await openPage(env.browser, env.server.url, PHONE);
    const stale = await phone.context.newPage();
    await Promise.all([phone.page.goto(url), stale.goto(url)]);
    for (const p of [phone.page, stale]) await expect.poll(() => h1(p), soon).toBe('窗口服务评价');
    const rate = phone.page.getByTestId('visit-rating');
    await expect.poll(() => phone.page.locator('.page-lead').first().textContent(), soon).toBe(`${MARKET} · 3 号窗口`);
    expect(await rate.textContent()).toContain(`办理事项：${SHOP}`);
    await fitsPhone(phone.page);
    await expectAccessible(phone.page, 'the rating page on a phone');

    // 不满意 needs the reason; with an indicator and a comment it is taken, and a rectification opens.
    await rate.getByTestId('rating-level-2').click();
    await rate.getByLabel('服务态度').check();
    await rate.getByTestId('rating-submit').click();
    await expect.poll(() => rate.locator('.ant-form-item-explain-error').textContent(), soon).toBe('请写明不满意的原因');
    await rate.getByLabel('不满意的原因（便于部门整改）').fill('窗口人员态度冷淡（e2e 扫码）');
    await expectAccessible(phone.page, 'a poor rating ready to send on a phone');
    await rate.getByTestId('rating-submit').click();
    const history = rate.getByTestId('rating-history');
    await expect.poll(() => history.textContent(), soon).toContain('窗口人员态度冷淡（e2e 扫码）');
    expect(await history.textContent()).toContain('不满意');
    expect(await history.textContent()).toContain('服务态度');
    expect(await rate.getByTestId('rating-editor').count()).toBe(0);
    expect(await rate.textContent()).toContain(`${MARKET}正在整改`);
    await fitsPhone(phone.page);
    await expectAccessible(phone.page, 'the rating given on a phone');

    // The tab left open tries again: refused, and it says why. Opened anew, the link offers no form.
    await stale.getByTestId('rating-level-5').click();
    await stale.getByTestId('rating-submit').click();
    await expect.poll(() => stale.getByTestId('problem').textContent(), soon).toContain('差评正在整改，整改完成后可以再评价一次');
    await expectAccessible(stale, 'a second rating refused');
    await stale.reload();
    await expect.poll(() => stale.getByTestId('rating-history').textContent(), soon).toContain('窗口人员态度冷淡（e2e 扫码）');
    expect(await stale.getByTestId('rating-editor').count()).toBe(0);
    expect(await stale.getByTestId('visit-rating').textContent()).toContain(`${MARKET}正在整改`);
    const status = (await (await page.request.get(`/api/public/visits/${url.split('/').pop()}`)).json()) as { ratings: { level: number }[]; next: { open: boolean } };
    expect(status).toMatchObject({ ratings: [{ level: 2 }], next: { open: false } });

    await Promise.all([phone.context.close(), context.close()]);
    await clerk.api.dispose();
  });

  it('lets the department head call back the rater of a poor rating and close its rectification', { timeout: 240_000 }, async () => {
    const clerk = await staff(env.server.url, 'window_clerk.wuhan');
    const anonymous = await request.newContext({ baseURL: env.server.url });
    const hall = await wuhanHall(clerk);
    const c = await windowCase(env.server.url, clerk, hall.id, 32);
    const comment = `等候时间过长（e2e ${Date.now()}）`;
    const { token } = await ratedVisit(anonymous, clerk, hall.id, c.id, { level: 2, comment });

    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, '/workbench/rectifications', 'department_head.wuhan');
    await expect.poll(() => h1(page), soon).toBe('差评整改');
    const row = page.getByTestId('rectifications').locator('tr', { hasText: comment });
    await expect.poll(() => row.count(), soon).toBe(1);
    expect(await row.textContent()).toContain(`2 号窗口 · ${SHOP}`);
    expect(await row.textContent()).toContain('钱晓东');
    expect(await row.textContent()).toContain('待整改');
    await expectAccessible(page, 'rectifications to do');

    // The call-back: the record is required.
    await row.getByTestId('rect-callback').click();
    const callback = page.getByTestId('callback-form');
    await expect.poll(() => callback.count(), soon).toBe(1);
    await button(page, '保存').click();
    await expect.poll(() => callback.locator('.ant-form-item-explain-error').count(), soon).toBe(1);
    await callback.getByLabel('回访记录').fill('已电话联系评价人，致歉并说明已调整窗口排班');
    await expectAccessible(page, 'the call-back dialog');
    await button(page, '保存').click();
    await expect.poll(() => callback.count(), soon).toBe(0);
    await expect.poll(() => row.textContent(), soon).toContain('回访：已电话联系评价人');
    expect(await row.textContent()).toContain('已回访');

    // Closing it records the outcome; it leaves the running ones and shows among the rectified.
    await row.getByTestId('rect-close').click();
    const close = page.getByTestId('close-form');
    await expect.poll(() => close.count(), soon).toBe(1);
    await close.getByLabel('整改结果').fill('高峰时段增开两个综合受理窗口');
    await expectAccessible(page, 'the close dialog');
    await button(page, '保存').click();
    await expect.poll(() => row.count(), soon).toBe(0);
    await page.getByTestId('rectFilter-filter').getByText('已整改', { exact: true }).click();
    const closed = page.getByTestId('rectifications').locator('tr', { hasText: comment });
    await expect.poll(() => closed.count(), soon).toBe(1);
    expect(await closed.textContent()).toContain('整改结果：高峰时段增开两个综合受理窗口');
    await expectAccessible(page, 'rectified ratings');

    // The rater sees the outcome on the rating page, and may rate once more.
    const status = (await (await anonymous.get(`/api/public/visits/${token}`)).json()) as { rectification: { state: string; outcome: string }; next: { open: boolean; round: number } };
    expect(status).toMatchObject({ rectification: { state: 'closed', outcome: '高峰时段增开两个综合受理窗口' }, next: { open: true, round: 2 } });
    const rater = await openPage(env.browser, env.server.url, PHONE);
    await rater.page.goto(`/rate/${token}`);
    await expect.poll(() => rater.page.getByTestId('rating-outcome').textContent(), soon).toBe('整改结果：高峰时段增开两个综合受理窗口');
    expect(await rater.page.getByTestId('rating-second').count()).toBe(1);
    expect(await rater.page.getByTestId('rating-editor').count()).toBe(1);
    await expectAccessible(rater.page, 'a rectified rating open for a second one, on a phone');
    await Promise.all([rater.context.close(), context.close(), clerk.api.dispose(), anonymous.dispose()]);
  });

  it('lets the applicant rate a completed online case on its page with the keyboard', { timeout: 240_000 }, async () => {
    const [clerk, reviewer, head] = await Promise.all([staff(env.server.url, 'window_clerk.wuhan'), staff(env.server.url, 'reviewer.wuhan'), staff(env.server.url, 'department_head.wuhan')]);
    const applicant = await registerPerson(env.server.url, newPerson('孙丽娟', 33));
    const c = await applyOnline(applicant, await itemCode(applicant.api, SHOP));
    await clerk.act(c.id, { type: 'accept' });
    await reviewer.act(c.id, { type: 'advance', opinion: '材料齐全，符合法定形式' });
    await head.act(c.id, { type: 'decide', grant: true, reasons: '符合登记条件' });
    await clerk.act(c.id, { type: 'issue', document: await clerk.upload(PDF, 'license.pdf', 'application/pdf') });
    expect((await clerk.act(c.id, { type: 'deliver', method: 'electronic' })).state).toBe('completed');

    const { context, page } = await openPage(env.browser, env.server.url);
    await signedIn(context, applicant);
    await page.goto(`/my/cases/${c.id}`);
    const form = page.getByTestId('rating-form');
    await expect.poll(() => form.count(), soon).toBe(1);
    await expect.poll(() => form.getByTestId('rating-editor').count(), soon).toBe(1);
    await expectAccessible(page, 'a completed case asking for a rating');

    // Keyboard only: the arrow keys move from 非常满意 to 满意; Tab reaches the indicators, Space ticks one; Enter sends.
    const levels = form.getByRole('radiogroup', { name: '满意程度' });
    await levels.getByRole('radio', { name: '非常满意' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => levels.getByRole('radio', { name: '满意', exact: true }).isChecked(), soon).toBe(true);
    expect(await levels.getByRole('radio', { name: '非常满意' }).isChecked()).toBe(false);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('label')?.textContent)).toBe('办事效率');
    await page.keyboard.press('Space');
    expect(await form.getByRole('checkbox', { name: '办事效率' }).isChecked()).toBe(true);
    await form.getByLabel('意见和建议').focus();
    await page.keyboard.type('网上办理很方便');
    await expectAccessible(page, 'a rating ready to send');
    await form.getByTestId('rating-submit').focus();
    await page.keyboard.press('Enter');

    const history = form.getByTestId('rating-history');
    await expect.poll(() => history.textContent(), soon).toContain('网上办理很方便');
    expect(await history.textContent()).toContain('满意');
    expect(await history.textContent()).toContain('办事效率');
    expect(await form.getByTestId('rating-editor').count()).toBe(0);
    expect(await form.getByTestId('rating-closed').textContent()).toBe('已经评价过，不能重复评价');
    await expectAccessible(page, 'a completed case rated');
    const mine = (await (await applicant.api.get(`/api/my/cases/${c.id}/evaluation`)).json()) as { ratings: { level: number; channel: string; indicators: string[] }[]; next: { open: boolean } };
    expect(mine).toMatchObject({ ratings: [{ level: 4, channel: 'online', indicators: ['efficiency'] }], next: { open: false } });

    await context.close();
    await Promise.all([clerk, reviewer, head].map((s) => s.api.dispose()).concat(applicant.api.dispose()));
  });

  it('shows 武汉’s satisfaction on /public/ratings, on a phone in large type', { timeout: 180_000 }, async () => {
    const clerk = await staff(env.server.url, 'window_clerk.wuhan');
    const anonymous = await request.newContext({ baseURL: env.server.url });
    const hall = await wuhanHall(clerk);
    const c = await windowCase(env.server.url, clerk, hall.id, 34);
    await ratedVisit(anonymous, clerk, hall.id, c.id, { level: 5, comment: '一次办好' });
    const summary = (await (await anonymous.get('/api/public/evaluations/summary?regionCode=420100')).json()) as {
      overall: { total: number; rate: number | null; levels: Record<string, number> };
      byDepartment: { departmentName: string; total: number; rate: number | null }[];
    };
    expect(summary.overall.total).toBeGreaterThanOrEqual(1);
    const market = summary.byDepartment.find((d) => d.departmentName === MARKET)!;
    expect(market.total).toBeGreaterThanOrEqual(1);

    const { context, page } = await openPage(env.browser, env.server.url, PHONE);
    await context.addInitScript(() => {
      window.localStorage.setItem('hb.region', '420100');
      window.localStorage.setItem('hb.largeType', '1');
    });
    await page.goto('/public/ratings');
    await expect.poll(() => h1(page), soon).toBe('好差评公开');
    await expect.poll(() => page.getByTestId('ratings-total').textContent(), soon).toBe(String(summary.overall.total));
    expect(await page.locator('.page-lead').first().textContent()).toContain('武汉市政务服务');
    expect(await page.getByTestId('ratings-rate').textContent()).toBe(percent(summary.overall.rate));
    const row = page.getByTestId('ratings-by-department').locator('tr', { hasText: MARKET });
    await expect.poll(() => row.count(), soon).toBe(1);
    expect(await row.textContent()).toContain(percent(market.rate));
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-type'))).toBe(true);
    await fitsPhone(page);
    await expectAccessible(page, 'public rating statistics on a phone in large type');
    await Promise.all([context.close(), clerk.api.dispose(), anonymous.dispose()]);
  });

  it('decides a department’s appeal against a poor rating, which then leaves the statistics', { timeout: 240_000 }, async () => {
    const [clerk, head] = await Promise.all([staff(env.server.url, 'window_clerk.wuhan'), staff(env.server.url, 'department_head.wuhan')]);
    const anonymous = await request.newContext({ baseURL: env.server.url });
    const { items: cases } = await clerk.get<{ items: { id: string }[] }>('/api/cases?queue=all&q=食品经营许可');
    const hallId = (await wuhanHall(clerk)).id;
    const tally = async () => ((await (await anonymous.get('/api/public/evaluations/summary?regionCode=420100')).json()) as { overall: { levels: Record<string, number>; total: number; rate: number | null } }).overall;
    await ratedVisit(anonymous, clerk, hallId, cases[0]!.id, { level: 5, comment: '很耐心' });
    const { id: poor } = await ratedVisit(anonymous, clerk, hallId, cases[1]!.id, { level: 1, comment: '窗口演示差评（e2e）' });
    await head.post(`/api/evaluations/${poor}/appeal`, { ground: 'malicious', reason: '经核查监控录像，当日该窗口未办理此业务' });
    const before = await tally();

    const { context, page } = await openPage(env.browser, env.server.url);
    await context.addInitScript(() => window.localStorage.setItem('hb.region', '420100'));
    await logIn(page, '/supervision/appeals', 'supervisor.wuhan');
    await expect.poll(() => h1(page), soon).toBe('差评申诉复核');
    const row = page.getByTestId('appeals').locator('tr', { hasText: '窗口演示差评（e2e）' });
    await expect.poll(() => row.count(), soon).toBe(1);
    expect(await row.textContent()).toContain('恶意差评');
    expect(await row.textContent()).toContain('经核查监控录像');
    await expectAccessible(page, 'appeals awaiting review');

    await row.getByTestId('appeal-decide').click();
    const dialog = page.getByTestId('decide-form');
    await expect.poll(() => dialog.count(), soon).toBe(1);
    await page.getByRole('button', { name: /^(确\s*定|保\s*存)$/ }).click();
    await expect.poll(() => dialog.locator('.ant-form-item-explain-error').count(), soon).toBe(2);
    await page.getByLabel('申诉成立（该评价不计入统计）').check();
    await page.getByLabel('复核意见').fill('经调取录像核实，申诉成立');
    await expectAccessible(page, 'the decision dialog');
    await page.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect.poll(() => row.count(), soon).toBe(0);

    await page.getByTestId('appealFilter-filter').getByText('申诉成立', { exact: true }).click();
    const upheld = page.getByTestId('appeals').locator('tr', { hasText: '窗口演示差评（e2e）' });
    await expect.poll(() => upheld.count(), soon).toBe(1);
    expect(await upheld.textContent()).toContain('经调取录像核实，申诉成立');
    await expectAccessible(page, 'upheld appeals');
    await context.close();

    // The statistics no longer count the rating the appeal removed.
    const after = await tally();
    expect(after.levels['1']).toBe(before.levels['1']! - 1);
    expect(after.total).toBe(before.total - 1);
    expect(after.levels['5']).toBeGreaterThanOrEqual(1);

    const phone = await openPage(env.browser, env.server.url, PHONE);
    await phone.context.addInitScript(() => {
      window.localStorage.setItem('hb.region', '420100');
      window.localStorage.setItem('hb.largeType', '1');
    });
    await logIn(phone.page, '/supervision/ratings', 'supervisor.wuhan');
    await expect.poll(() => h1(phone.page), soon).toBe('好差评公开');
    await expect.poll(() => phone.page.getByTestId('ratings-total').textContent(), soon).toBe(String(after.total));
    expect(await phone.page.getByTestId('ratings-rate').textContent()).toBe(percent(after.rate));
    const departments = phone.page.getByTestId('ratings-by-department');
    await expect.poll(() => departments.textContent(), soon).toContain(MARKET);
    expect(await phone.page.evaluate(() => document.documentElement.classList.contains('large-type'))).toBe(true);
    await fitsPhone(phone.page);
    await expectAccessible(phone.page, 'rating statistics on a phone in large type');
    await phone.context.close();
    await Promise.all([clerk.api.dispose(), head.api.dispose(), anonymous.dispose()]);
  });
});
