/** The public side in a real browser: portal home, region switcher, disclosure, phones, large type. */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, expectAccessible, openPage } from './browser.ts';

/** Picks a region in the header's cascader, one level at a time, and closes it. */
async function chooseRegion(page: Page, names: string[]) {
  await page.getByTestId('region-switcher').click();
  for (const name of names) {
    await page.locator('.ant-cascader-menu-item', { hasText: new RegExp(`^${name}$`) }).click();
  }
  await page.keyboard.press('Escape');
  await page.locator('.ant-cascader-dropdown').waitFor({ state: 'hidden' });
}

describeBrowser('portal', (env) => {
  it('shows the province by default and follows the region switcher to 武汉市', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('湖北省政务服务');
    await expect.poll(() => page.getByTestId('departments').getByText('湖北省教育厅').count()).toBe(1);
    await expect.poll(() => page.getByTestId('halls').getByText('湖北省政务服务中心').count()).toBe(1);
    await expectAccessible(page, 'portal home');

    await chooseRegion(page, ['湖北省', '武汉市']);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('武汉市政务服务');
    await expect.poll(() => page.getByTestId('departments').getByText('武汉市市场监督管理局').count()).toBe(1);
    await expect.poll(() => page.getByTestId('halls').getByText('武汉市民之家').count()).toBe(1);
    expect(await page.getByTestId('region-switcher').textContent()).toContain('湖北省 / 武汉市');

    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('武汉市政务服务');

    await page.getByRole('navigation', { name: '门户导航' }).getByRole('link', { name: '政务公开' }).click();
    await page.waitForURL('**/public');
    const table = page.getByTestId('public-departments');
    await expect.poll(() => table.getByText('武汉市公安局').count()).toBe(1);
    await expectAccessible(page, 'public disclosure');

    await chooseRegion(page, ['湖北省']);
    await expect.poll(() => table.getByText('11420000MB1686999B').count()).toBe(1);

    expect(scripts.filter((url) => url.includes('/AdminArea-')), 'the portal loads no admin code').toEqual([]);

    await page.goto('/market/agencies');
    expect(await page.getByTestId('coming-soon').textContent()).toContain('中介机构');
    await expectAccessible(page, 'market (coming soon)');
    await context.close();
  });

  it('fits a 375 px phone, with the navigation in a drawer', async () => {
    const { context, page } = await openPage(env.browser, env.server.url, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await page.goto('/');
    await expect.poll(() => page.getByTestId('halls').getByText('湖北省政务服务中心').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await page.getByRole('navigation', { name: '门户导航' }).count()).toBe(0);
    await expectAccessible(page, 'portal home on a phone');

    await page.getByTestId('menu-button').click();
    const drawerNav = page.getByRole('dialog').getByRole('navigation', { name: '门户导航' });
    await drawerNav.getByRole('link', { name: '政务公开' }).click();
    await page.waitForURL('**/public');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('部门信息公开');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'public disclosure on a phone');
    await context.close();
  });

  it('switches to large type and high contrast, remembers it, and switches back', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await page.goto('/');
    const toggle = page.getByTestId('large-type-toggle');
    const fontSize = () => page.evaluate(() => getComputedStyle(document.body).fontSize);
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await fontSize()).toBe('14px');

    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await fontSize()).toBe('20px');
    expect(await page.evaluate(() => document.documentElement.classList.contains('large-type'))).toBe(true);
    await expect.poll(() => page.getByTestId('halls').getByText('湖北省政务服务中心').count()).toBe(1);
    await expectAccessible(page, 'portal home in large type');

    await page.reload();
    await expect.poll(() => page.getByTestId('large-type-toggle').getAttribute('aria-pressed')).toBe('true');
    expect(await fontSize()).toBe('20px');

    await page.getByTestId('large-type-toggle').click();
    await expect.poll(fontSize).toBe('14px');
    await context.close();
  });

  it('offers a skip link as the first stop of the keyboard', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await page.goto('/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });
});
