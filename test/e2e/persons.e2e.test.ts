/**
 * My space on a phone: a person registers with an SMS code read from the dev mailbox, logs out,
 * logs in with a code, verifies online to level L2, sets a password and logs in with the ID
 * number and that password.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { idCheckChar } from '../../src/modules/identity/codes.ts';
import { describeBrowser, expectAccessible, openPage } from './browser.ts';

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** A valid ID number (born in 江岸区, check character computed) and a mobile number, new for every run. */
function newPerson() {
  const n = Date.now();
  const birth = new Date(Date.UTC(1975, 0, 1) + (n % 9000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `420102${birth}${String(Math.floor(n / 9000) % 1000).padStart(3, '0')}`;
  return {
    name: '李小红',
    idNumber: first17 + idCheckChar(first17),
    mobile: `1370000${String(n % 10_000).padStart(4, '0')}`,
    password: 'Jianghan-Road-2026',
  };
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
/** antd's messages float over the page for 3 s: a scan waits for them, so that it sees the page itself. */
const toastsGone = (page: Page) => expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
const button = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${[...name].join('\\s*')}$`) });

/** The 6-digit code of the newest message of this purpose to this (masked) number, after a refresh. */
async function codeFromMailbox(mailbox: Page, mobile: string, purpose: '注册验证码' | '登录验证码'): Promise<string> {
  const masked = `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
  const message = mailbox.getByTestId('mailbox-message').filter({ hasText: masked }).filter({ hasText: purpose }).first();
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        await mailbox.getByTestId('mailbox-refresh').click();
        code = (await message.count()) ? (await message.getByTestId('mailbox-text').textContent())?.match(/\d{6}/)?.[0] : undefined;
        return code;
      },
      { timeout: 10_000 },
    )
    .toMatch(/^\d{6}$/);
  return code!;
}

describeBrowser('my space (persons)', (env) => {
  it('registers on a phone with a code from the dev mailbox, logs in by code, verifies to L2, sets a password and logs in with it', async () => {
    const person = newPerson();
    const { context, page } = await openPage(env.browser, env.server.url, PHONE);

    // Not logged in: my space sends the visitor to the person login page, which sends them back.
    await page.goto('/my');
    await page.waitForURL((url) => url.pathname === '/my/login' && url.searchParams.get('next') === '/my');
    await expect.poll(() => h1(page)).toBe('个人登录');
    await fitsPhone(page);
    await expectAccessible(page, 'person login on a phone');

    await page.getByRole('link', { name: '立即注册' }).click();
    await page.waitForURL((url) => url.pathname === '/my/register');
    await expect.poll(() => h1(page)).toBe('个人注册');
    await expect.poll(() => page.getByRole('contentinfo').getByRole('link', { name: '开发信箱（短信）' }).count()).toBe(1);

    await page.getByLabel('姓名').fill(person.name);
    await page.getByLabel('居民身份证号码').fill(person.idNumber);
    await page.getByLabel('手机号码').fill(person.mobile);
    await page.getByTestId('send-code').click();
    await expect.poll(() => page.getByTestId('code-status').textContent()).toContain(`验证码已发送至 ${person.mobile.slice(0, 3)}****`);
    await expect.poll(() => page.getByTestId('send-code').textContent()).toMatch(/\d+ 秒后可重新获取/);
    expect(await page.getByTestId('send-code').isDisabled()).toBe(true);
    await fitsPhone(page);
    await expectAccessible(page, 'registration with a code sent, on a phone');

    // The dev mailbox, in a second tab of the same env.browser.
    const mailbox = await context.newPage();
    await mailbox.goto('/dev/mailbox');
    await expect.poll(() => mailbox.getByTestId('mailbox-notice').textContent()).toContain('开发环境：短信未真正发出');
    const registerCode = await codeFromMailbox(mailbox, person.mobile, '注册验证码');
    await fitsPhone(mailbox);
    await expectAccessible(mailbox, 'dev mailbox on a phone');

    // A wrong code lands next to the code field; the right one registers and logs in.
    await page.bringToFront();
    await page.getByLabel('短信验证码').fill(registerCode === '000000' ? '111111' : '000000');
    await button(page, '注册').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toEqual(['验证码不正确或已失效，请重新获取']);
    await expectAccessible(page, 'registration with a wrong code');
    await page.getByLabel('短信验证码').fill(registerCode);
    await button(page, '注册').click();
    await page.waitForURL((url) => url.pathname === '/my');
    await expect.poll(() => h1(page)).toBe('我的账号');
    await expect.poll(() => page.getByTestId('person-level').textContent()).toBe('L1 级');
    const facts = (await page.getByTestId('person-facts').textContent()) ?? '';
    expect(facts).toContain(`${person.idNumber.slice(0, 4)}**********${person.idNumber.slice(-4)}`);
    expect(facts).not.toContain(person.idNumber);
    expect(facts).toContain(`${person.mobile.slice(0, 3)}****${person.mobile.slice(-4)}`);
    await fitsPhone(page);
    await expectAccessible(page, 'my account at L1 on a phone');

    // Log out, then log in with mobile and a new code. A code asked for a moment ago (here through
    // the API) makes the button wait: the 429 says for how long, and the button counts down.
    await page.getByTestId('person-logout').click();
    await page.waitForURL((url) => url.pathname === '/my/login');
    expect((await page.request.post('/api/persons/codes', { data: { mobile: person.mobile, purpose: 'login' } })).status()).toBe(202);
    await page.getByLabel('手机号码').fill(person.mobile);
    await page.getByTestId('send-code').click();
    await expect.poll(() => page.getByTestId('problem').textContent()).toMatch(/操作过于频繁，请 \d+ 秒后再试.*请于 \d{2}:\d{2}:\d{2} 之后再试/);
    await expect.poll(() => page.getByTestId('send-code').textContent()).toMatch(/\d+ 秒后可重新获取/);
    expect(await page.getByTestId('send-code').isDisabled()).toBe(true);
    await expectAccessible(page, 'person code login after a 429');
    await mailbox.bringToFront();
    const loginCode = await codeFromMailbox(mailbox, person.mobile, '登录验证码');
    await page.bringToFront();
    await page.getByLabel('短信验证码').fill(loginCode);
    await button(page, '登录').click();
    await page.waitForURL((url) => url.pathname === '/my');
    await expect.poll(() => page.getByTestId('person-level').textContent()).toBe('L1 级');

    // Online identity check: the development rule matches a Chinese name with a valid ID number.
    await page.getByTestId('verify-online').click();
    await expect.poll(() => page.getByTestId('person-level').textContent()).toBe('L2 级');
    expect(await page.getByTestId('verify-online').count()).toBe(0);
    await expect.poll(() => page.getByTestId('level-card').locator('[aria-current="step"]').textContent()).toContain('L2 在线核验');

    // A password, set without a current one (the person had none).
    const passwordForm = page.getByTestId('person-password-form');
    expect(await passwordForm.getByLabel('当前密码').count()).toBe(0);
    await passwordForm.getByLabel('新密码', { exact: true }).fill(person.password);
    await passwordForm.getByLabel('确认新密码').fill(person.password);
    await button(page, '设置密码').click();
    await expect.poll(() => passwordForm.getByLabel('当前密码').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByTestId('login-history').locator('li').filter({ hasText: '短信验证码' }).count()).toBe(1);
    await fitsPhone(page);
    await toastsGone(page);
    await expectAccessible(page, 'my account at L2 with a password, on a phone');

    // Large type still fits the phone.
    await page.getByTestId('large-type-toggle').click();
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('20px');
    await fitsPhone(page);
    await expectAccessible(page, 'my account in large type on a phone');
    await page.getByTestId('large-type-toggle').click();

    // Log out; a wrong password is refused; ID number and the new password log in.
    await page.getByTestId('person-logout').click();
    await page.waitForURL((url) => url.pathname === '/my/login');
    await page.getByRole('tab', { name: '密码登录' }).click();
    await page.getByLabel('居民身份证号码').fill(person.idNumber);
    await page.getByLabel('登录密码').fill('Wrong-Password-1');
    await button(page, '登录').click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '身份证号码或密码不正确' }).count()).toBe(1);
    await expectAccessible(page, 'person password login with a wrong password');
    await page.getByLabel('登录密码').fill(person.password);
    await button(page, '登录').click();
    await page.waitForURL((url) => url.pathname === '/my');
    await expect.poll(() => page.getByTestId('person-level').textContent()).toBe('L2 级');

    // The person is not a staff member: staff pages still ask for a staff login.
    expect(((await (await page.request.get('/api/auth/me')).json()) as { user: unknown }).user).toBeNull();
    await context.close();
  });

  it('says plainly on the dev mailbox that no SMS was sent, and switches to English', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await page.goto('/dev/mailbox');
    await expect.poll(() => h1(page)).toBe('开发信箱');
    await expect.poll(() => page.getByTestId('mailbox-notice').textContent()).toContain('development: no SMS was really sent');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => h1(page)).toBe('Dev mailbox');
    await expectAccessible(page, 'dev mailbox in English');
    await page.getByTestId('language-switch').click();
    await context.close();
  });
});
