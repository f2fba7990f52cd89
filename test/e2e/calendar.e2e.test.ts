/** The working-day calendar in a real browser: a province platform admin enters 2099; other staff only read. */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, expectAccessible, logIn, openPage } from './browser.ts';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const yearRow = (page: Page, year: number) => page.getByTestId('calendar-years').locator('tr.ant-table-row', { has: page.getByRole('button', { name: `查看 ${year} 年` }) });
const day = (page: Page, date: string) => page.getByTestId('calendar-grid').locator(`td[data-date="${date}"]`);

describeBrowser('working-day calendar', (env) => {
  it('shows the published 2026 with its adjusted Saturday, and lets a platform admin enter 2099', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, '/admin/calendar', 'platform_admin.hubei');
    await expect.poll(() => h1(page)).toBe('工作日历');
    await expect.poll(() => yearRow(page, 2026).textContent()).toContain('已发布（chinese-days）');

    await page.getByRole('button', { name: '查看 2026 年' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: '2026 年' }).count()).toBe(1);
    await expect.poll(() => day(page, '2026-10-10').textContent()).toBe('10班');
    expect(await day(page, '2026-10-01').textContent()).toBe('1休');
    expect(await day(page, '2026-10-11').textContent()).toBe('11');
    await expectAccessible(page, 'calendar of 2026 with the entry form');

    const form = page.getByTestId('calendar-entry');
    await form.getByLabel('年份', { exact: true }).fill('2099');
    await form.getByLabel('放假日（周一至周五）').fill('2099-01-01\n2099-01-02');
    await form.getByLabel('调休上班日（周六、周日）').fill('2099-01-05');
    await form.getByRole('button', { name: /^录\s*入$/ }).click();
    await expect.poll(() => form.locator('.ant-form-item-explain-error').allTextContents()).toEqual(['调休上班日须为周六或周日，2099-01-05 不是']);
    await expectAccessible(page, 'calendar entry with a field error');

    await form.getByLabel('调休上班日（周六、周日）').fill('2099-01-04');
    await form.getByRole('button', { name: /^录\s*入$/ }).click();
    await expect.poll(() => page.getByText('已录入 2099 年的节假日安排').count()).toBe(1);
    await expect.poll(() => yearRow(page, 2099).textContent()).toContain('管理员录入');
    await expect.poll(() => page.getByRole('heading', { level: 2, name: '2099 年' }).count()).toBe(1);
    await expect.poll(() => day(page, '2099-01-04').textContent()).toBe('4班');
    expect(await day(page, '2099-01-02').textContent()).toBe('2休');
    await expectAccessible(page, 'calendar of the entered 2099');
    await context.close();
  });

  it('lets other staff read the calendar without the entry form', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, '/admin/calendar', 'platform_admin.wuhan');
    await expect.poll(() => h1(page)).toBe('工作日历');
    await expect.poll(() => yearRow(page, 2026).count()).toBe(1);
    expect(await page.getByTestId('calendar-entry').count()).toBe(0);
    await context.close();
  });
});
