/**
 * The catalog's staff pages in a real browser: a catalog admin drafts a new version of 食品经营许可,
 * meets an edit conflict and a publication rule at its element, fixes it and submits; the
 * department head approves; the catalog admin publishes; the portal shows the new version. Then
 * an Excel import with a bad row, and the choice to import the valid rows only.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, expectAccessible, logIn, openPage } from './browser.ts';

const BASE_CODE = '420131001D00';
const NEW_NOTE = '自受理之日起 10 个工作日内作出决定（第 2 版）';
const OTHER_HOURS = '周一至周五 8:30—17:30（他人修改）';

/** Long enough for a page's code and data to arrive on a busy machine. */
const soon = { timeout: 15_000 };
const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const status = (page: Page) => page.locator('.editor-layout__side .tag-version').first().textContent();

/** Another catalog admin's save of the same draft, through the API, while the page has it open. */
async function saveElsewhere(page: Page, versionPath: string) {
  const { user } = (await (await page.request.get('/api/auth/me')).json()) as { user: { csrfToken: string } };
  const v = (await (await page.request.get(versionPath)).json()) as { guide: { hall: { address: string; hours: string } }; rev: number };
  const res = await page.request.put(versionPath, {
    data: { guide: { ...v.guide, hall: { ...v.guide.hall, hours: OTHER_HOURS } }, rev: v.rev },
    headers: { 'x-csrf-token': user.csrfToken },
  });
  expect(res.status()).toBe(200);
}

describeBrowser('catalog admin', (env) => {
  let itemPath = '';
  let itemId = '';

  it('lets a catalog admin draft a new version, resolve an edit conflict, fix a rule problem shown at its element and submit', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, '/admin/catalog', 'catalog_admin.hubei');
    await expect.poll(() => h1(page), soon).toBe('事项管理');
    await page.getByLabel('按名称或编码搜索').fill(BASE_CODE);
    await page.keyboard.press('Enter');
    const rows = page.getByTestId('catalog-items').locator('tr.ant-table-row');
    await expect.poll(() => rows.count(), soon).toBe(1);
    expect(await rows.textContent()).toContain('基本目录');
    await expectAccessible(page, 'catalog items');

    await rows.getByRole('link', { name: '食品经营许可' }).click();
    await expect.poll(() => h1(page), soon).toBe('食品经营许可');
    itemPath = new URL(page.url()).pathname;
    itemId = itemPath.split('/').at(-1) ?? '';
    await expectAccessible(page, 'catalog item');

    await page.getByTestId('new-version').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('变更说明').fill('明确承诺时限的计算方式');
    await dialog.getByRole('button', { name: /^新\s*建$/ }).click();
    await page.waitForURL(`**${itemPath}/versions/2`);
    await expect.poll(() => page.getByTestId('guide-editor').count(), soon).toBe(1);
    await expect.poll(() => status(page), soon).toBe('草稿');
    await expectAccessible(page, 'guide editor');

    // Someone else saves first: the save is refused and the page offers the current draft.
    await page.getByLabel('时限说明').fill(NEW_NOTE);
    await saveElsewhere(page, `/api/catalog/items/${itemId}/versions/2`);
    await page.getByTestId('save-draft').click();
    const conflict = page.getByTestId('version-conflict');
    await expect.poll(() => conflict.textContent(), soon).toContain('他人已先保存了此版本');
    await conflict.getByRole('button', { name: '重新加载' }).click();
    await expect.poll(() => page.getByLabel('办理时间').inputValue(), soon).toBe(OTHER_HOURS);
    expect(await conflict.count()).toBe(0);

    // A publication rule, shown at its element: the complaint phone may not be the consultation phone.
    await page.getByLabel('时限说明').fill(NEW_NOTE);
    await page.getByLabel('监督投诉电话').fill(await page.getByLabel('咨询电话').inputValue());
    await page.getByTestId('submit-version').click();
    await expect.poll(() => page.getByTestId('problem').textContent(), soon).toContain('不符合发布规则');
    const complaintField = page.locator('.ant-form-item').filter({ has: page.getByLabel('监督投诉电话') });
    await expect.poll(() => complaintField.locator('.ant-form-item-explain').textContent(), soon).toBe('咨询电话与监督投诉电话不能相同');
    const panel = page.getByTestId('problems-panel');
    await panel.getByRole('button', { name: /咨询电话与监督投诉电话不能相同/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), soon).toBe('complaintPhone');
    expect(await status(page)).toBe('草稿');
    await expectAccessible(page, 'guide editor showing a rule problem at its element');

    await page.getByLabel('监督投诉电话').fill('12345');
    await page.getByTestId('save-draft').click();
    await expect.poll(() => panel.textContent(), soon).toContain('符合全部发布规则');
    await expect.poll(() => complaintField.locator('.ant-form-item-explain').count(), soon).toBe(0);
    await page.getByTestId('submit-version').click();
    await expect.poll(() => status(page), soon).toBe('待审核');
    expect(await page.getByText(NEW_NOTE).count()).toBe(1);
    await context.close();
  }, 240_000);

  it('lets the department head approve the submitted version, which only the catalog admin may publish', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, `${itemPath}/versions/2`, 'department_head.hubei');
    await expect.poll(() => status(page), soon).toBe('待审核');
    expect(await page.getByTestId('submit-version').count()).toBe(0);
    await expectAccessible(page, 'submitted version seen by the department head');
    await page.getByTestId('approve-version').click();
    await expect.poll(() => status(page), soon).toBe('待发布');
    expect(await page.getByTestId('publish-version').count()).toBe(0);
    await context.close();
  });

  it('publishes the approved version: history, diff, review rules and the portal follow', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, `${itemPath}/versions/2`, 'catalog_admin.hubei');
    await expect.poll(() => status(page), soon).toBe('待发布');
    await page.getByTestId('publish-version').click();
    await expect.poll(() => status(page), soon).toBe('已发布');
    await expectAccessible(page, 'published version');

    await page.goto(itemPath);
    const diff = page.getByTestId('diff-table');
    await expect.poll(() => diff.getByRole('cell', { name: '时限说明', exact: true }).count(), soon).toBe(1);
    expect(await diff.textContent()).toContain(NEW_NOTE);
    await expect.poll(() => page.getByTestId('operations-table').getByText('明确承诺时限的计算方式').count(), soon).toBe(1);
    await expectAccessible(page, 'item with its version comparison');

    await page.goto(`${itemPath}/versions/2/review-rules`);
    await expect.poll(() => h1(page), soon).toBe('审查细则：食品经营许可');
    const checklist = page.getByTestId('review-rules').locator('.checklist li');
    expect(await checklist.count()).toBeGreaterThan(5);
    await expectAccessible(page, 'review rules');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-side').isVisible()).toBe(false);
    expect(await page.locator('header.app-header').isVisible()).toBe(false);
    expect(await checklist.first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`/services/${BASE_CODE}`);
    await expect.poll(() => h1(page), soon).toBe('食品经营许可');
    const guide = page.getByTestId('guide');
    expect(await guide.getByText(NEW_NOTE).count()).toBe(1);
    expect(await guide.getByText(OTHER_HOURS).count()).toBe(1);
    expect(await guide.getByText(/第 2 版，.*发布/).count()).toBe(1);
    await context.close();
  });

  it('imports base items from the Excel template: the report names row and column, and the valid rows can be imported alone', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, '/admin/catalog/import', 'catalog_admin.hubei');
    await expect.poll(() => h1(page), soon).toBe('事项导入');
    await expectAccessible(page, 'import');

    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await (await page.request.get('/api/catalog/templates/base')).body()) as never);
    const sheet = template.worksheets[0]!;
    const example = sheet.getRow(3).values as ExcelJS.CellValue[];
    const row = (n: number, code: string, name: string) => {
      for (const [i, v] of example.entries()) if (i > 0) sheet.getRow(n).getCell(i).value = v;
      sheet.getRow(n).getCell(1).value = code;
      sheet.getRow(n).getCell(2).value = name;
    };
    row(4, '420131088D00', '导入测试事项甲');
    row(5, 'BAD', '导入测试事项乙');

    await page.getByTestId('import-form').getByText('基本目录事项', { exact: true }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-file').click();
    await (await chooser).setFiles({ name: 'items.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(await template.xlsx.writeBuffer()) });
    await expect.poll(() => page.getByTestId('import-file-name').textContent(), soon).toBe('items.xlsx');
    await page.getByTestId('import-start').click();
    const job = page.getByTestId('import-job');
    await expect.poll(() => job.getByRole('status').textContent(), soon).toBe('检查未通过，未导入任何数据');
    const report = page.getByTestId('import-report').locator('tr.ant-table-row');
    expect(await report.count()).toBe(1);
    expect(await report.textContent()).toMatch(/^5A.*BAD/);
    await expectAccessible(page, 'import rejected with its check report');

    await page.getByTestId('import-valid-rows').click();
    await expect.poll(() => job.getByRole('status').textContent(), soon).toBe('导入完成');
    expect(await job.textContent()).toContain('已导入 1 条');

    await page.goto('/admin/catalog');
    await page.getByLabel('按名称或编码搜索').fill('420131088D00');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('catalog-items').getByRole('link', { name: '导入测试事项甲', exact: true }).count(), soon).toBe(1);
    await context.close();
  });
});
