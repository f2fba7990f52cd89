/**
 * The workbench in a real browser. Two applications for 个体工商户设立登记 of 武汉市 come in online
 * (through the API); the window clerk searches the queue, exports it as Excel, claims the first
 * from the list, reads its deadline explained day by day and accepts it, and sends the second a
 * one-time supplement notice naming two deficiencies, which prints; the reviewer opens the first,
 * ticks a checkpoint, views the scanned material, comments and passes it on; the department head,
 * on a phone in large type, decides it; the clerk issues the result PDF and delivers it at the window. The queue
 * counts move with each step, and every page is scanned with axe.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { PDF } from '../support/cases.ts';
import { describeBrowser, expectAccessible, logIn, openPage } from './browser.ts';
import { applyOnline, button, fitsPhone, h1, itemCode, newPerson, registerPerson, soon } from './staff-cases.ts';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const MATERIAL = '个体工商户登记（备案）申请书';

/** The count on a queue's tab. */
const count = async (page: Page, queue: string) => Number(await page.getByTestId(`queue-${queue}`).locator('.wb-count').textContent());
const state = (page: Page) => page.getByTestId('case-state').first().getAttribute('data-state');
const row = (page: Page, number: string) => page.getByTestId('queue').locator('tr', { hasText: number });

/** Opens a queue, searches for a case number and opens the case from its row. */
async function openFromQueue(page: Page, queue: string, number: string) {
  await page.goto(`/workbench?queue=${queue}&q=${number}`);
  await expect.poll(() => row(page, number).count(), soon).toBe(1);
  await row(page, number).getByTestId('case-link').click();
  await page.waitForURL(/\/workbench\/cases\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.getByTestId('case-number').textContent(), soon).toBe(number);
}

/** Runs an action from the case's actions panel: its button, its form, then the dialog's own button. */
async function act(page: Page, type: string, label: string, fill: (dialog: Locator) => Promise<void> = async () => undefined) {
  await page.getByTestId(`do-${type}`).click();
  const dialog = page.getByRole('dialog', { name: label });
  await expect.poll(() => dialog.count(), soon).toBe(1);
  await fill(dialog);
  await button(dialog, label).click();
  await expect.poll(() => dialog.count(), soon).toBe(0);
}

describeBrowser('the workbench (window clerk, reviewer, department head)', (env) => {
  it('accepts, asks a supplement once, reviews, decides, issues and delivers, with queues that move', { timeout: 400_000 }, async () => {
    const applicant = await registerPerson(env.server.url, newPerson('孙晓红', 11));
    const code = await itemCode(applicant.api, '个体工商户设立登记');
    const first = await applyOnline(applicant, code);
    const second = await applyOnline(applicant, code);

    // The window clerk: the queue to accept, searched by number, exported, the case claimed from its row.
    const clerk = await openPage(env.browser, env.server.url);
    await logIn(clerk.page, '/workbench', 'window_clerk.wuhan');
    const page = clerk.page;
    await expect.poll(() => h1(page), soon).toBe('办件队列');
    await expect.poll(() => page.getByTestId('queue-to_accept').locator('.wb-count').count(), soon).toBe(1);
    const toAccept = await count(page, 'to_accept');
    const paused = await count(page, 'paused');
    expect(toAccept).toBeGreaterThanOrEqual(2);
    await expect.poll(() => row(page, first.number).count(), soon).toBe(1);
    await expectAccessible(page, 'workbench queue to accept');

    await page.getByLabel('按办件编号、申请人或事项搜索').fill(first.number);
    await page.getByLabel('按办件编号、申请人或事项搜索').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === first.number);
    await expect.poll(() => page.getByTestId('queue').locator('tbody tr.ant-table-row').count(), soon).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await readFile((await download.path())!)).subarray(0, 2).toString()).toBe('PK');

    const { user } = (await (await page.request.get('/api/auth/me')).json()) as { user: { name: string } };
    await row(page, first.number).getByTestId('claim').click();
    await expect.poll(() => row(page, first.number).textContent(), soon).toContain(user.name);

    // Its page: the deadline explained day by day, then acceptance.
    await row(page, first.number).getByTestId('case-link').click();
    await expect.poll(() => page.getByTestId('case-number').textContent(), soon).toBe(first.number);
    expect(await state(page)).toBe('submitted');
    expect(await page.getByTestId('applicant').textContent()).toContain('**********');
    await expectAccessible(page, 'a case to accept');
    await page.getByTestId('explain-deadline').click();
    const explanation = page.getByTestId('deadline-explanation');
    await expect.poll(() => explanation.count(), soon).toBe(1);
    expect(await page.getByTestId('deadline-days').locator('tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(5);
    expect(await explanation.textContent()).toContain('第 5 个工作日');
    await expectAccessible(page, 'the deadline explained');
    await page.keyboard.press('Escape');
    await expect.poll(() => explanation.count(), soon).toBe(0);
    await act(page, 'accept', '受理');
    await expect.poll(() => state(page), soon).toBe('reviewing');
    // The clerk may take the acceptance back until the reviewer opens the case.
    expect(await page.getByTestId('do-take-back').count()).toBe(1);

    // The second: a one-time supplement notice naming two deficiencies, one tied to the material. The
    // case changes meanwhile (a claim from elsewhere): the first try gets the server's 409, the case
    // is reloaded, and the same form goes through; the notice prints.
    await openFromQueue(page, 'to_accept', second.number);
    const { user: me } = (await (await page.request.get('/api/auth/me')).json()) as { user: { id: string; csrfToken: string } };
    const { case: read } = (await (await page.request.get(`/api/cases/${second.id}`)).json()) as { case: { version: number } };
    expect((await page.request.post(`/api/cases/${second.id}/assignee`, { headers: { 'x-csrf-token': me.csrfToken }, data: { version: read.version, staffId: me.id } })).status()).toBe(200);
    await page.getByTestId('do-request-supplement').click();
    const dialog = page.getByRole('dialog', { name: '一次性告知补正' });
    await dialog.getByLabel('第 1 项涉及的材料（可选）').click();
    await page.locator('.ant-select-item-option').filter({ hasText: MATERIAL }).click();
    await dialog.getByLabel('第 1 项问题').fill('申请书缺少经营者签名');
    await dialog.getByTestId('add-deficiency').click();
    await dialog.getByLabel('第 2 项问题').fill('请写明网络经营场所的网址');
    await button(dialog, '一次性告知补正').click();
    await expect.poll(() => dialog.getByTestId('problem').textContent(), soon).toContain('数据已被他人修改');
    await expect.poll(() => page.getByTestId('assignee').textContent(), soon).toBe(user.name);
    await button(dialog, '一次性告知补正').click();
    await page.waitForURL(/\/notices\/\d+$/);
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.getAttribute('data-kind'), soon).toBe('request-supplement');
    expect(await page.getByTestId('notice-deficiencies').locator('li').allTextContents()).toEqual([`${MATERIAL}：申请书缺少经营者签名`, '请写明网络经营场所的网址']);
    expect(await notice.textContent()).toContain(second.number);
    await expectAccessible(page, 'the one-time supplement notice');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    expect(await notice.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // The queues moved: two fewer to accept, one more paused.
    await page.goto('/workbench?queue=to_accept');
    await expect.poll(() => count(page, 'to_accept'), soon).toBe(toAccept - 2);
    expect(await count(page, 'paused')).toBe(paused + 1);

    // The reviewer opens the case (the clerk can no longer take back), ticks a checkpoint, views the material, comments and passes it on.
    const reviewer = await openPage(env.browser, env.server.url);
    await logIn(reviewer.page, '/workbench', 'reviewer.wuhan');
    const rp = reviewer.page;
    await expect.poll(() => rp.getByTestId('queue-to_review').locator('.wb-count').count(), soon).toBe(1);
    const toReview = await count(rp, 'to_review');
    const toDecide = await count(rp, 'to_decide');
    await openFromQueue(rp, 'to_review', first.number);
    await expect.poll(() => rp.getByTestId('case-timeline').locator('li[data-action=open]').count(), soon).toBe(1);
    const checkpoint = rp.locator('[data-testid=checkpoint][data-key="m:application:0"]');
    await checkpoint.getByText('符合', { exact: true }).click();
    await expect.poll(() => checkpoint.getAttribute('data-ok'), soon).toBe('true');
    await rp.getByRole('button', { name: `查看“${MATERIAL}”` }).click();
    const viewer = rp.getByRole('dialog', { name: `材料预览：${MATERIAL}` });
    await expect.poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), soon).toBe(1);
    await expectAccessible(rp, 'a material in the viewer');
    await rp.keyboard.press('Escape');
    await expect.poll(() => viewer.count(), soon).toBe(0);
    await rp.getByLabel('新的内部意见').fill('经营者已电话确认网店地址');
    await rp.getByTestId('comment-submit').click();
    await expect.poll(() => rp.getByTestId('comments').textContent(), soon).toContain('经营者已电话确认网店地址');
    await expectAccessible(rp, 'a case under review');
    await act(rp, 'advance', '审查通过，转下一环节', (dialog) => dialog.getByLabel('审查意见').fill('材料齐全，符合法定形式'));
    await expect.poll(() => rp.getByTestId('case-step').textContent(), soon).toContain('核准登记');
    await rp.goto('/workbench?queue=to_review');
    await expect.poll(() => count(rp, 'to_review'), soon).toBe(toReview - 1);
    expect(await count(rp, 'to_decide')).toBe(toDecide + 1);

    // The clerk's page, reloaded, no longer offers taking the acceptance back.
    await page.goto(`/workbench/cases/${first.id}`);
    await expect.poll(() => page.getByTestId('actions').count(), soon).toBe(0);

    // The department head decides, on a phone in large type.
    const head = await openPage(env.browser, env.server.url, PHONE);
    await head.context.addInitScript(() => window.localStorage.setItem('hb.largeType', '1'));
    await logIn(head.page, '/workbench', 'department_head.wuhan');
    const hp = head.page;
    await openFromQueue(hp, 'to_decide', first.number);
    await expect.poll(() => hp.getByTestId('case-timeline').locator('li[data-action=open]').count(), soon).toBe(2);
    await fitsPhone(hp);
    await expectAccessible(hp, 'a case to decide, on a phone in large type');
    await act(hp, 'decide', '作出决定', async (dialog) => {
      await dialog.getByText('准予', { exact: true }).click();
      await dialog.getByLabel('决定理由').fill('符合《促进个体工商户发展条例》规定的登记条件');
    });
    await expect.poll(() => state(hp), soon).toBe('decided');

    // The clerk issues the result document and hands it over at the window.
    await openFromQueue(page, 'to_issue', first.number);
    await act(page, 'issue', '制证（上传结果文书）', async (dialog) => {
      await dialog.locator('input[type=file]').setInputFiles({ name: 'license.pdf', mimeType: 'application/pdf', buffer: PDF });
      await expect.poll(() => dialog.getByTestId('uploaded-document').textContent(), soon).toContain('license.pdf');
    });
    await expect.poll(() => state(page), soon).toBe('issued');
    await act(page, 'deliver', '送达', (dialog) => dialog.getByText('窗口领取', { exact: true }).click());
    await expect.poll(() => state(page), soon).toBe('completed');
    expect(await page.getByTestId('result-download').count()).toBe(1);
    expect(await page.getByTestId('case-timeline').locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-action')))).toEqual([
      'submit',
      'claim',
      'accept',
      'open',
      'checklist',
      'comment',
      'advance',
      'open',
      'decide',
      'issue',
      'deliver',
    ]);
    await expectAccessible(page, 'a completed case');

    await Promise.all([clerk.context.close(), reviewer.context.close(), head.context.close(), applicant.api.dispose()]);
  });

  it('countersigns, pauses for a hearing, extends, returns and takes back', { timeout: 300_000 }, async () => {
    const applicant = await registerPerson(env.server.url, newPerson('钱红梅', 12));
    const c = await applyOnline(applicant, await itemCode(applicant.api, '个体工商户设立登记'));
    const clerk = await openPage(env.browser, env.server.url);
    await logIn(clerk.page, `/workbench/cases/${c.id}`, 'window_clerk.wuhan');
    await expect.poll(() => state(clerk.page), soon).toBe('submitted');
    await act(clerk.page, 'accept', '受理');
    await expect.poll(() => state(clerk.page), soon).toBe('reviewing');

    // The reviewer asks another department to sign and records its agreement.
    const reviewer = await openPage(env.browser, env.server.url);
    const rp = reviewer.page;
    await logIn(rp, `/workbench/cases/${c.id}`, 'reviewer.wuhan');
    await expect.poll(() => rp.getByTestId('case-timeline').locator('li[data-action=open]').count(), soon).toBe(1);
    let department = '';
    await act(rp, 'countersign', '发起会签/或签', async (dialog) => {
      await dialog.getByLabel('会签部门').click();
      const option = rp.locator('.ant-select-item-option').first();
      department = (await option.textContent())!;
      await option.click();
      await rp.keyboard.press('Escape');
    });
    await expect.poll(() => rp.getByTestId('signs').textContent(), soon).toContain(`${department}：待签署`);
    expect(await rp.getByTestId('do-advance').count()).toBe(0);
    await act(rp, 'sign', '登记会签意见', async (dialog) => {
      await dialog.getByText('同意', { exact: true }).click();
      await dialog.getByLabel('审查意见').fill('同意');
    });
    await expect.poll(() => rp.getByTestId('signs').textContent(), soon).toContain(`${department}：同意`);

    // A hearing pauses the clock; ending it lets the case move on.
    await act(rp, 'pause', '启动特别程序', async (dialog) => {
      await dialog.getByText('听证', { exact: true }).click();
      await dialog.getByLabel('理由').fill('申请人要求听证');
    });
    await expect.poll(() => rp.getByTestId('do-resume').count(), soon).toBe(1);
    expect(await rp.getByTestId('do-advance').count()).toBe(0);
    await expectAccessible(rp, 'a case paused for a hearing');
    await act(rp, 'resume', '结束特别程序');
    await expect.poll(() => rp.getByTestId('do-advance').count(), soon).toBe(1);

    // An extension is asked for (once), and passed on.
    await act(rp, 'request-extension', '申请延期', async (dialog) => {
      await dialog.getByLabel('延长工作日数（1–10）').fill('5');
      await dialog.getByLabel('理由').fill('需要补充现场核查');
    });
    await expect.poll(() => rp.getByTestId('case-overview').textContent(), soon).toContain('申请延期 5 个工作日，待部门负责人批准');
    expect(await rp.getByTestId('do-request-extension').count()).toBe(0);
    await act(rp, 'advance', '审查通过，转下一环节', (dialog) => dialog.getByLabel('审查意见').fill('符合条件'));
    await expect.poll(() => rp.getByTestId('case-step').textContent(), soon).toContain('核准登记');

    // Nobody has opened the head's step yet: the reviewer takes the advance back, then passes it on again.
    await act(rp, 'take-back', '撤回上一步操作');
    await expect.poll(() => rp.getByTestId('case-step').textContent(), soon).toContain('形式审查');
    await act(rp, 'advance', '审查通过，转下一环节', (dialog) => dialog.getByLabel('审查意见').fill('符合条件'));
    await expect.poll(() => rp.getByTestId('case-step').textContent(), soon).toContain('核准登记');

    // The head approves the extension (the deadline explains it) and returns the case to the review step.
    const head = await openPage(env.browser, env.server.url);
    const hp = head.page;
    await logIn(hp, `/workbench/cases/${c.id}`, 'department_head.wuhan');
    await expect.poll(() => hp.getByTestId('case-timeline').locator('li[data-action=open]').count(), soon).toBe(2);
    expect(await hp.getByTestId('do-decide').count()).toBe(0);
    await act(hp, 'answer-extension', '审批延期', (dialog) => dialog.getByText('批准', { exact: true }).click());
    await expect.poll(() => hp.getByTestId('case-overview').textContent(), soon).toContain('已批准延期 5 个工作日');
    await hp.getByTestId('explain-deadline').click();
    await expect.poll(() => hp.getByTestId('deadline-explanation').textContent(), soon).toContain('经批准延长 5 个工作日');
    expect(await hp.getByTestId('deadline-pauses').textContent()).toContain('听证');
    await hp.keyboard.press('Escape');
    await act(hp, 'return', '退回', async (dialog) => {
      await dialog.getByLabel('退回到').click();
      await hp.locator('.ant-select-item-option').filter({ hasText: '形式审查' }).click();
      await dialog.getByLabel('理由').fill('请核实网店地址');
    });
    await expect.poll(() => hp.getByTestId('case-step').textContent(), soon).toContain('形式审查');
    expect(await hp.getByTestId('case-timeline').locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-action')))).toEqual([
      'submit',
      'accept',
      'open',
      'countersign',
      'sign',
      'pause',
      'resume',
      'request-extension',
      'advance',
      'take-back',
      'advance',
      'open',
      'answer-extension',
      'return',
    ]);

    await Promise.all([clerk.context.close(), reviewer.context.close(), head.context.close(), applicant.api.dispose()]);
  });
});
