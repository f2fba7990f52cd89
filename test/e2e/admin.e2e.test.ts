/** The admin area in a real browser: a platform admin at work, then an auditor reading the trail. */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, expectAccessible, logIn, openPage } from './browser.ts';

const NEW_STAFF = { username: 'wang.fang', password: 'Jiangan-2026!' };

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** Opens an admin page through the side navigation and waits for its heading. */
async function openAdminPage(page: Page, link: string, heading: string) {
  await page.getByRole('navigation', { name: /管理导航|Administration navigation/ }).getByRole('link', { name: link, exact: true }).click();
  await expect.poll(() => h1(page)).toBe(heading);
}

/** Another user's change, saved through the API while the page has the record open. */
async function changeElsewhere(page: Page, name: string, change: Record<string, string>) {
  const { user } = (await (await page.request.get('/api/auth/me')).json()) as { user: { csrfToken: string } };
  const list = (await (await page.request.get(`/api/departments?regionCode=420102&q=${encodeURIComponent(name)}`)).json()) as {
    items: { id: string; version: number }[];
  };
  const department = list.items[0];
  if (!department) throw new Error(`no department ${name}`);
  const res = await page.request.patch(`/api/departments/${department.id}`, {
    data: { version: department.version, ...change },
    headers: { 'x-csrf-token': user.csrfToken },
  });
  expect(res.status()).toBe(200);
}

describeBrowser('admin area', (env) => {
  it('lets a platform admin log in, open every page, create a department, resolve an edit conflict, create staff and switch to English', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, '/admin/departments', 'platform_admin.hubei');
    await expect.poll(() => h1(page)).toBe('部门管理');
    await expectAccessible(page, 'login redirect target: departments');

    await openAdminPage(page, '行政区划', '行政区划');
    const tree = page.getByTestId('region-tree');
    await tree.getByText(/^武汉市（/).click();
    const detail = page.getByTestId('region-detail');
    await expect.poll(() => detail.getByRole('heading', { level: 2 }).textContent()).toBe('武汉市');
    await expect.poll(() => detail.getByText('武汉市公安局').count()).toBe(1);
    await expectAccessible(page, 'regions');

    await openAdminPage(page, '部门', '部门管理');
    await page.getByTestId('create-department').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('department-region').click();
    for (const name of ['湖北省', '武汉市', '江岸区']) {
      await page.locator('.ant-cascader-menu-item', { hasText: new RegExp(`^${name}$`) }).click();
    }
    await dialog.getByTestId('department-kind').click();
    await page.keyboard.type('教育');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByTestId('department-name').inputValue()).toBe('江岸区教育局');
    await expectAccessible(page, 'create department dialog');
    await dialog.getByRole('button', { name: /^新\s*建$/ }).click();
    await expect.poll(() => page.getByText('已新建部门：江岸区教育局').count()).toBe(1);
    await page.getByLabel('按名称或信用代码搜索').fill('江岸区教育局');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('departments-table').locator('tr.ant-table-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId('departments-table').getByText('江岸区', { exact: true }).count()).toBe(1);

    await page.getByRole('button', { name: '编辑：江岸区教育局' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('地址').fill('江岸区沿江大道 1 号');
    await changeElsewhere(page, '江岸区教育局', { phone: '027-82800000' });
    await edit.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect.poll(() => edit.getByRole('alert').textContent()).toContain('数据已被他人修改');
    await expectAccessible(page, 'edit department dialog after a conflict');
    await edit.getByRole('button', { name: '加载最新内容' }).click();
    await expect.poll(() => edit.getByLabel('联系电话').inputValue()).toBe('027-82800000');
    await edit.getByLabel('地址').fill('江岸区沿江大道 1 号');
    await edit.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect.poll(() => page.getByTestId('departments-table').getByText('027-82800000').count()).toBe(1);

    await openAdminPage(page, '大厅与窗口', '大厅与窗口');
    const hall = page.getByTestId('halls-list').locator('.ant-card', { hasText: '湖北省政务服务中心' });
    await expect.poll(() => hall.getByText('12 号').count()).toBe(1);
    await expectAccessible(page, 'halls');
    await hall.getByRole('button', { name: '新增窗口' }).click();
    await page.getByRole('dialog').getByLabel('窗口名称').fill('企业开办专窗');
    await page.getByRole('dialog').getByRole('button', { name: /^新\s*建$/ }).click();
    await expect.poll(() => hall.getByRole('row', { name: /13 号 企业开办专窗/ }).count()).toBe(1);

    await openAdminPage(page, '工作人员', '工作人员');
    await expect.poll(() => page.getByTestId('staff-table').getByText('auditor.hubei').count()).toBe(1);
    await expectAccessible(page, 'staff');
    await page.getByTestId('create-staff').click();
    const staffDialog = page.getByRole('dialog');
    await staffDialog.getByLabel('用户名').fill('Wang Fang');
    await staffDialog.getByLabel('姓名').fill('王芳');
    await staffDialog.getByLabel('初始密码').fill(NEW_STAFF.password);
    await staffDialog.getByLabel('所属区划').click();
    for (const name of ['湖北省', '武汉市', '江岸区']) {
      await page.locator('.ant-cascader-menu-item', { hasText: new RegExp(`^${name}$`) }).click();
    }
    await staffDialog.getByRole('button', { name: /^新\s*建$/ }).click();
    await expect.poll(() => staffDialog.locator('.ant-form-item-explain-error').allTextContents()).toEqual(['格式不正确']);
    await expectAccessible(page, 'create staff dialog with a field error');
    await staffDialog.getByLabel('用户名').fill(NEW_STAFF.username);
    await staffDialog.getByRole('button', { name: /^新\s*建$/ }).click();
    await expect.poll(() => page.getByText('已新建账号：王芳').count()).toBe(1);

    await page.goto('/admin/audit');
    await expect.poll(() => page.getByText('没有访问权限').count()).toBe(1);

    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByText('No access').count()).toBe(1);
    await openAdminPage(page, 'Departments', 'Departments');
    await expect.poll(() => page.getByRole('columnheader', { name: 'Unified social credit code' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await expectAccessible(page, 'departments in English');
    await context.close();
  });

  it('shows the auditor the department creation in the audit log, and a verified chain', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, '/admin/audit', 'auditor.hubei');
    await expect.poll(() => h1(page)).toBe('审计日志');
    await expectAccessible(page, 'audit log');

    await page.getByLabel('操作', { exact: true }).fill('department.create');
    await page.getByTestId('audit-filters').getByRole('button', { name: /^查\s*询$/ }).click();
    const row = page.getByTestId('audit-table').locator('tr.ant-table-row').filter({ hasText: 'department.create' }).filter({ hasText: '平台管理员' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('江岸区');

    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('audit-verification').textContent()).toMatch(/审计链完整：共 \d+ 条记录/);
    await expectAccessible(page, 'audit log, filtered and verified');
    await context.close();
  });

  it('makes a new staff member change the initial password before anything else', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await page.goto('/admin/regions');
    await page.waitForURL(/\/login$/);
    await page.getByLabel('用户名').fill(NEW_STAFF.username);
    await page.getByLabel('密码', { exact: true }).fill(NEW_STAFF.password);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await page.waitForURL(/\/password$/);
    await expect.poll(() => page.getByText('首次登录或密码被重置后须先修改密码', { exact: false }).count()).toBe(1);
    await expectAccessible(page, 'forced password change');

    await page.getByLabel('当前密码').fill(NEW_STAFF.password);
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('确认新密码').fill('short');
    await page.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain('密码至少 10 个字符');

    await page.getByLabel('新密码', { exact: true }).fill('Jiangan-River-77');
    await page.getByLabel('确认新密码').fill('Jiangan-River-77');
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.waitForURL('**/admin/regions');
    await expect.poll(() => page.getByText('没有访问权限').count()).toBe(1);
    await context.close();
  });
});
