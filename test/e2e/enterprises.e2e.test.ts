/**
 * Enterprises in my space: a person verifies to L2 and registers an enterprise, makes a second
 * person its agent for chosen item types; the agent switches to acting for it (a banner says so on
 * every page); the legal representative revokes the grant, and the agent acts for it no more. The
 * second person, at L1, is first told that registering an enterprise needs L2. Every page visited
 * is scanned with axe.
 */
import type { APIRequestContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { orgCodeCheckChar, usccCheckChar } from '../../src/core/codes.ts';
import { idCheckChar } from '../../src/modules/identity/codes.ts';
import { describeBrowser, expectAccessible, openPage } from './browser.ts';

/** A valid ID number and a mobile number, different for every run and every k. */
function newPerson(name: string, k: number) {
  const n = Date.now() + k * 7919;
  const birth = new Date(Date.UTC(1970, 0, 1) + (n % 9000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `420103${birth}${String(Math.floor(n / 9000) % 1000).padStart(3, '0')}`;
  return { name, idNumber: first17 + idCheckChar(first17), mobile: `1360${String(n % 10_000_000).padStart(7, '0')}` };
}

/** A valid unified social credit code, new for every run. */
function newCreditCode() {
  const org8 = String(Date.now() % 100_000_000).padStart(8, '0');
  const first17 = `91420100${org8}${orgCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const toastsGone = (page: Page) => expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
const button = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${[...name].join('\\s*')}$`) });

/** Registers a person through the API in this browser context (code from the dev mailbox), which logs them in. */
async function register(request: APIRequestContext, p: { name: string; idNumber: string; mobile: string }) {
  expect((await request.post('/api/persons/codes', { data: { mobile: p.mobile, purpose: 'register' } })).status()).toBe(202);
  const masked = `${p.mobile.slice(0, 3)}****${p.mobile.slice(-4)}`;
  const mailbox = (await (await request.get('/api/dev/mailbox?limit=200')).json()) as { items: { recipient: string; text: string; purpose: string }[] };
  const code = mailbox.items.find((m) => m.recipient === masked && m.purpose === 'register-code')?.text.match(/\d{6}/)?.[0];
  expect(code).toMatch(/^\d{6}$/);
  const res = await request.post('/api/persons/register', { data: { ...p, code } });
  expect(res.status(), await res.text()).toBe(201);
}

/** Picks an option of an antd Select whose field is labelled `label`. */
async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label).click();
  await page.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
}

describeBrowser('my enterprises (legal representative and agents)', (env) => {
  it('registers an enterprise at L2, grants an agent who acts for it, and revokes the grant', { timeout: 90_000 }, async () => {
    const rep = newPerson('赵大明', 1);
    const agent = newPerson('钱小芳', 2);
    const creditCode = newCreditCode();
    const a = await openPage(env.browser, env.server.url);
    const b = await openPage(env.browser, env.server.url);
    await register(a.page.request, rep);
    await register(b.page.request, agent);

    // The agent-to-be, at L1, cannot register an enterprise: the page says L2 comes first.
    await b.page.goto('/my/enterprises');
    await expect.poll(() => h1(b.page)).toBe('我的企业');
    await b.page.getByLabel('统一社会信用代码').fill(creditCode);
    await b.page.getByLabel('企业名称').fill('某某科技有限公司');
    await button(b.page, '注册企业').click();
    await expect.poll(() => b.page.getByTestId('level-required').count()).toBe(1);
    expect(await b.page.getByTestId('level-required').getByRole('link', { name: '前往我的账号完成核验' }).getAttribute('href')).toBe('/my');
    await expectAccessible(b.page, 'my enterprises: level L2 required');

    // The legal representative verifies online to L2, on the account page.
    await a.page.goto('/my');
    await expect.poll(() => h1(a.page)).toBe('我的账号');
    await expect.poll(() => a.page.getByTestId('applications-card').textContent()).toContain('还没有授权任何应用');
    await a.page.getByTestId('verify-online').click();
    await expect.poll(() => a.page.getByTestId('person-level').textContent()).toBe('L2 级');
    await toastsGone(a.page);
    await expectAccessible(a.page, 'my account with acting-for and applications');

    // … registers the enterprise.
    await a.page.getByRole('navigation').getByRole('link', { name: '我的企业' }).first().click();
    await a.page.waitForURL((url) => url.pathname === '/my/enterprises');
    await expect.poll(() => a.page.getByTestId('my-enterprises').textContent()).toContain('您还没有可以代表的企业');
    await a.page.getByLabel('统一社会信用代码').fill(creditCode.slice(0, 17) + (creditCode[17] === '0' ? '1' : '0'));
    await a.page.getByLabel('企业名称').fill('湖北某某科技有限公司');
    await button(a.page, '注册企业').click();
    await expect.poll(() => a.page.locator('.ant-form-item-explain-error').count()).toBe(1);
    await a.page.getByLabel('统一社会信用代码').fill(creditCode);
    await button(a.page, '注册企业').click();
    const listed = a.page.getByTestId(`enterprise-${creditCode}`);
    await expect.poll(() => listed.textContent()).toContain('法定代表人');
    expect(await listed.textContent()).toContain('湖北某某科技有限公司');

    // … and makes the second person an agent for licensing and public services, for a year.
    await listed.getByRole('button', { name: '管理经办人' }).click();
    const agents = a.page.getByTestId('agents-card');
    await expect.poll(() => agents.textContent()).toContain('还没有授权经办人');
    const form = a.page.getByTestId('grant-agent-form');
    await form.getByLabel('经办人姓名').fill(agent.name);
    await form.getByLabel('经办人身份证号码').fill(agent.idNumber);
    await form.getByText('指定事项类型').click();
    await choose(a.page, '选择事项类型', '01 行政许可');
    await a.page.locator('.ant-select-item-option').filter({ hasText: '20 公共服务' }).first().click();
    await a.page.keyboard.press('Escape');
    const end = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('授权截止日期').fill(end);
    await button(a.page, '授权经办人').click();
    const grantRow = agents.getByTestId('agents').locator('li').filter({ hasText: agent.name });
    await expect.poll(() => grantRow.textContent()).toContain('有效');
    const row = (await grantRow.textContent()) ?? '';
    expect(row).toContain(`${agent.idNumber.slice(0, 4)}**********${agent.idNumber.slice(-4)}`);
    expect(row).not.toContain(agent.idNumber);
    expect(row).toContain('01 行政许可、20 公共服务');
    await toastsGone(a.page);
    await expectAccessible(a.page, 'my enterprises with an agent');

    // The agent switches to acting for the enterprise, without logging in again.
    await b.page.reload();
    const bListed = b.page.getByTestId(`enterprise-${creditCode}`);
    await expect.poll(() => bListed.textContent()).toContain('经办人');
    expect(await bListed.textContent()).toContain('01 行政许可、20 公共服务');
    await choose(b.page, '办事身份', '湖北某某科技有限公司');
    await expect.poll(() => b.page.getByTestId('acting-banner').textContent()).toContain(`您正在代表“湖北某某科技有限公司”（${creditCode}）办事`);
    expect(((await (await b.page.request.get('/api/persons/me')).json()) as { actingFor: { creditCode: string } | null }).actingFor?.creditCode).toBe(creditCode);
    await toastsGone(b.page);
    await expectAccessible(b.page, 'my enterprises while acting for one');
    // The banner stays on the other pages of my space.
    await b.page.getByRole('navigation').getByRole('link', { name: '我的账号' }).first().click();
    await b.page.waitForURL((url) => url.pathname === '/my');
    await expect.poll(() => b.page.getByTestId('acting-banner').count()).toBe(1);
    await expectAccessible(b.page, 'my account while acting for an enterprise');

    // The legal representative revokes the grant (confirmed); it ends at once.
    await grantRow.getByRole('button', { name: /撤\s*销\s*授\s*权/ }).click();
    await button(a.page, '确定').click();
    await expect.poll(() => grantRow.textContent()).toMatch(/已于 .* 撤销/);
    expect(await grantRow.getByRole('button').count()).toBe(0);
    await toastsGone(a.page);
    await expectAccessible(a.page, 'my enterprises after revoking an agent');

    await b.page.goto('/my/enterprises');
    await expect.poll(() => b.page.getByTestId('my-enterprises').textContent()).toContain('您还没有可以代表的企业');
    await expect.poll(() => b.page.getByTestId('acting-banner').count()).toBe(0);
    expect(((await (await b.page.request.get('/api/persons/me')).json()) as { actingFor: unknown }).actingFor).toBeNull();
    await expectAccessible(b.page, 'my enterprises after the grant was revoked');

    await a.context.close();
    await b.context.close();
  });
});
