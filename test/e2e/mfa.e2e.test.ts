/**
 * The staff second factor in a real browser: a new reviewer changes the initial password, is sent
 * to enrol an authenticator app before anything else, logs in again with a code, and enrols again
 * after a platform admin resets it; five failed logins lock an account.
 */
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, expectAccessible, logIn, openPage } from './browser.ts';

const REVIEWER = { username: 'zhao.min', name: '赵敏', initial: 'Initial-Pass-2026', password: 'Hongshan-Lake-88' };
const PERIOD_MS = 30_000;

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const button = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${[...name].join('\\s*')}$`) });
const toastsGone = (page: Page) => expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);

const totp = (secret: string) => new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
const stepNow = () => Math.floor(Date.now() / PERIOD_MS);

/** The server takes each time step's code once: wait for a step after `used` and give its code. */
async function freshCode(secret: string, used: number): Promise<string> {
  while (stepNow() <= used) await new Promise((r) => setTimeout(r, Math.min(1000, (used + 1) * PERIOD_MS - Date.now() + 50)));
  return totp(secret).generate();
}

/** A code that is wrong now (not the code of this step or of either neighbour). */
function wrongCode(secret: string): string {
  const near = [-1, 0, 1].map((d) => totp(secret).generate({ timestamp: Date.now() + d * PERIOD_MS }));
  for (let n = 123456; ; n++) if (!near.includes(String(n))) return String(n);
}

/** The login page, reached by asking for a staff page; submits user name and password. */
async function submitLogin(page: Page, path: string, username: string, password: string) {
  await page.goto(path);
  await page.waitForURL(/\/login$/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await button(page, '登录').click();
}

async function logOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await page.waitForURL(/\/login$/);
}

describeBrowser('staff second factor (TOTP)', (env) => {
  it('makes a new reviewer enrol an authenticator app, then asks for its code at login; an admin resets it', async () => {
    // A platform admin (demo accounts are exempt from enrolment) creates a reviewer.
    const admin = await openPage(env.browser, env.server.url);
    await logIn(admin.page, '/admin/staff', 'platform_admin.hubei');
    const { user } = (await (await admin.page.request.get('/api/auth/me')).json()) as { user: { csrfToken: string } };
    const headers = { 'x-csrf-token': user.csrfToken };
    const created = await admin.page.request.post('/api/staff', {
      headers,
      data: { username: REVIEWER.username, name: REVIEWER.name, password: REVIEWER.initial, regionCode: '420000' },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const granted = await admin.page.request.post(`/api/staff/${id}/grants`, { headers, data: { role: 'reviewer', regionCode: '420000' } });
    expect(granted.status()).toBe(201);

    // First login: a new password, then the authenticator, before any other page.
    const { context, page } = await openPage(env.browser, env.server.url);
    await submitLogin(page, '/admin/regions', REVIEWER.username, REVIEWER.initial);
    await page.waitForURL(/\/password$/);
    await page.getByLabel('当前密码').fill(REVIEWER.initial);
    await page.getByLabel('新密码', { exact: true }).fill(REVIEWER.password);
    await page.getByLabel('确认新密码').fill(REVIEWER.password);
    await button(page, '修改密码').click();
    await page.waitForURL(/\/account\/mfa$/);
    await expect.poll(() => h1(page)).toBe('绑定身份验证器');
    await expect.poll(() => page.getByText('您的角色须开启二次验证').count()).toBe(1);
    const refused = await page.request.get('/api/departments?regionCode=420000');
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { type: string }).type).toBe('/problems/mfa-enrolment-required');

    const secretText = page.getByTestId('mfa-secret');
    await expect.poll(() => secretText.textContent()).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const secret = ((await secretText.textContent()) ?? '').replaceAll(' ', '');
    expect(await page.getByRole('img', { name: /身份验证器绑定二维码/ }).getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await toastsGone(page);
    await expectAccessible(page, 'forced enrolment of the second factor');

    await page.getByLabel('6 位动态验证码').fill(wrongCode(secret));
    await button(page, '验证并开启').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toEqual([
      '验证码不正确，请输入身份验证器当前显示的6位数字',
    ]);
    await expectAccessible(page, 'enrolment with a wrong code');
    const enrolStep = stepNow();
    await page.getByLabel('6 位动态验证码').fill(totp(secret).generate());
    await button(page, '验证并开启').click();
    await page.waitForURL('**/admin/regions');
    await expect.poll(() => h1(page)).toBe('行政区划');

    await page.goto('/account');
    await expect.poll(() => page.getByTestId('mfa-status').textContent()).toBe('已开启');
    await expect.poll(() => page.getByTestId('login-history').locator('li').count()).toBeGreaterThan(0);
    await toastsGone(page);
    await expectAccessible(page, 'account and security');

    // The next login asks for the code: a wrong one is refused, a fresh one lets the reviewer in.
    await logOut(page);
    await submitLogin(page, '/admin/regions', REVIEWER.username, REVIEWER.password);
    await expect.poll(() => page.getByTestId('totp-hint').count()).toBe(1);
    expect(page.url()).toMatch(/\/login$/);
    await expectAccessible(page, 'login asking for the authenticator code');
    await page.getByLabel('动态验证码（6 位数字）').fill(wrongCode(secret));
    await button(page, '登录').click();
    await expect.poll(() => page.getByTestId('problem').textContent()).toContain('用户名、密码或动态验证码不正确');
    await expectAccessible(page, 'login with a wrong authenticator code');
    await page.getByLabel('动态验证码（6 位数字）').fill(await freshCode(secret, enrolStep));
    await button(page, '登录').click();
    await page.waitForURL('**/admin/regions');
    await expect.poll(() => h1(page)).toBe('行政区划');

    // The admin resets the second factor; the reviewer logs in with the password alone and must enrol again.
    await admin.page.getByLabel('按姓名或用户名搜索').fill(REVIEWER.name);
    await admin.page.keyboard.press('Enter');
    await admin.page.getByTestId(`reset-mfa-${REVIEWER.username}`).click();
    await expect.poll(() => admin.page.getByRole('tooltip').getByText('重置“赵敏”的二次验证？', { exact: false }).count()).toBe(1);
    await expectAccessible(admin.page, 'staff page, confirming a reset of the second factor');
    await admin.page.getByRole('tooltip').getByRole('button', { name: /^确\s*定$/ }).click();
    await expect.poll(() => admin.page.getByText('已重置 赵敏 的二次验证').count()).toBe(1);

    await logOut(page);
    await submitLogin(page, '/admin/regions', REVIEWER.username, REVIEWER.password);
    await page.waitForURL(/\/account\/mfa$/);
    expect(await page.getByTestId('totp-hint').count()).toBe(0);
    await expect.poll(() => page.getByTestId('mfa-secret').textContent()).not.toContain(secret.slice(0, 4) + ' ' + secret.slice(4, 8));
    await context.close();
    await admin.context.close();
  });

  it('locks an account after five failed logins and says when to try again', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await submitLogin(page, '/admin/regions', 'catalog_admin.wuhan', 'Wrong-Password-0');
    for (let i = 1; i < 5; i++) {
      await expect.poll(() => page.getByTestId('problem').textContent()).toContain('不正确');
      await page.getByLabel('密码', { exact: true }).fill(`Wrong-Password-${i}`);
      await button(page, '登录').click();
    }
    await page.getByLabel('密码', { exact: true }).fill('Demo-2026!');
    await button(page, '登录').click();
    await expect.poll(() => page.getByTestId('problem').textContent()).toMatch(/账号已锁定.*请于 \d{2}:\d{2}:\d{2} 之后再试/);
    expect(page.url()).toMatch(/\/login$/);
    await expectAccessible(page, 'login of a locked account');
    await context.close();
  });
});
