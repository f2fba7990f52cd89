/** The portal's services in a real browser: search by pinyin initials on a phone, the guide, its situation guide, printing, browsing. */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, expectAccessible, openPage } from './browser.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Long enough for a page's code and data to arrive on a busy machine. */
const soon = { timeout: 15_000 };
const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const fitsWidth = (page: Page, width: number) => page.evaluate((w) => document.documentElement.scrollWidth <= w, width);

describeBrowser('portal services', (env) => {
  it('finds 出生医学证明办理 by its pinyin initials on a phone, answers its situation questions and prints the guide', async () => {
    const { context, page } = await openPage(env.browser, env.server.url, PHONE);
    await page.goto('/');
    const search = page.getByLabel('搜索办事服务');
    await search.click();
    await page.keyboard.type('csyxzm');
    const suggestion = page.locator('.ant-select-item-option').filter({ hasText: /^出生医学证明办理湖北省$/ });
    await expect.poll(() => suggestion.count(), soon).toBe(1);
    expect(await suggestion.locator('mark').textContent()).toBe('出生医学证明');
    await expectAccessible(page, 'portal home with search suggestions on a phone');

    await page.keyboard.press('Enter');
    await page.waitForURL('**/services?q=csyxzm');
    await expect.poll(() => h1(page), soon).toBe('办事服务');
    const results = page.getByTestId('service-results');
    const hit = results.getByRole('link', { name: '出生医学证明办理', exact: true });
    await expect.poll(() => hit.count(), soon).toBe(1);
    expect(await hit.locator('mark').textContent()).toBe('出生医学证明');
    expect(await fitsWidth(page, 390)).toBe(true);
    await expectAccessible(page, 'search results on a phone');

    await hit.click();
    await page.waitForURL('**/services/422023073W00');
    await expect.poll(() => h1(page), soon).toBe('出生医学证明办理');
    const guide = page.getByTestId('guide');
    for (const section of ['基本信息', '情形引导', '受理条件', '申请材料', '办理流程', '办理时限', '收费', '办理结果', '送达方式', '办理地点和时间', '咨询和投诉', '常见问题', '中介服务', '禁止性要求', '法律依据']) {
      expect(await guide.getByRole('heading', { level: 2, name: section, exact: true }).count(), section).toBe(1);
    }
    expect(await fitsWidth(page, 390)).toBe(true);

    const applicable = page.getByTestId('applicable-materials').locator('li');
    await expect.poll(() => applicable.count(), soon).toBeGreaterThan(0);
    const before = await applicable.allTextContents();
    expect(before.some((m) => m.includes('亲子鉴定证明'))).toBe(false);
    await page.getByRole('radiogroup', { name: '办理类型' }).getByText('首次签发').click();
    await page.getByRole('radiogroup', { name: '出生地点' }).getByText('在医疗机构外出生').click();
    await expect.poll(async () => (await applicable.allTextContents()).some((m) => m.includes('亲子鉴定证明')), soon).toBe(true);
    expect(await applicable.count()).toBeGreaterThan(before.length);
    expect((await applicable.allTextContents()).some((m) => m.includes('住院分娩信息'))).toBe(false);
    await page.getByRole('radiogroup', { name: '出生地点' }).getByText('在具有助产资质的医疗机构内出生').click();
    await expect.poll(async () => (await applicable.allTextContents()).some((m) => m.includes('住院分娩信息')), soon).toBe(true);
    expect((await applicable.allTextContents()).some((m) => m.includes('亲子鉴定证明'))).toBe(false);
    await expectAccessible(page, 'guide with answered situation questions on a phone');

    expect(await page.getByTestId('print').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.app-header').isVisible()).toBe(false);
    expect(await page.locator('footer.app-footer').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: '本页目录' }).isVisible()).toBe(false);
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    expect(await guide.getByRole('heading', { level: 2, name: '申请材料', exact: true }).isVisible()).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('materials')!).breakBefore)).toBe('page');
    await expectAccessible(page, 'guide as printed');
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });

  it('browses by region, audience and theme, and offers online application where the item allows it', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto('/');
    await page.getByRole('navigation', { name: '门户导航' }).getByRole('link', { name: '办事服务' }).click();
    await page.waitForURL('**/services');
    const count = page.getByTestId('results-count');
    await expect.poll(() => count.textContent(), soon).toMatch(/共找到 \d+ 个事项/);

    await page.getByTestId('region-switcher').click();
    for (const name of ['湖北省', '武汉市']) await page.locator('.ant-cascader-menu-item', { hasText: new RegExp(`^${name}$`) }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('region-switcher').textContent(), soon).toContain('湖北省 / 武汉市');

    const filters = page.getByTestId('service-filters');
    await filters.getByText('自然人', { exact: true }).click();
    await filters.getByRole('button', { name: '生育收养' }).click();
    await page.waitForURL(/audience=person/);
    await expect.poll(() => filters.getByRole('button', { name: '生育收养' }).getAttribute('aria-pressed'), soon).toBe('true');
    const results = page.getByTestId('service-results');
    await expect.poll(() => results.getByRole('link', { name: '出生医学证明办理', exact: true }).count(), soon).toBe(1);
    expect(await results.locator('.service-result__meta').first().textContent()).toContain('武汉市');
    await expectAccessible(page, 'services of 武汉市 for persons, theme 生育收养');

    await results.getByRole('link', { name: '出生医学证明办理', exact: true }).click();
    await page.waitForURL(/\/services\/\w{33}$/);
    await expect.poll(() => page.getByTestId('apply-online').count(), soon).toBe(1);
    expect(await page.getByText('武汉市卫生健康委员会').count()).toBeGreaterThan(0);
    await page.getByTestId('apply-online').click();
    await page.waitForURL(/\/my\//);
    expect(scripts.filter((url) => url.includes('/AdminArea-') || url.includes('/CatalogPages-')), 'the portal loads no admin code').toEqual([]);
    await context.close();
  });
});
