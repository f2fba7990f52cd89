/**
 * The window in a real browser. A registered person (L1) comes to the 武汉 hall: the clerk finds
 * them by ID number, checks them in person (L3), picks 个体工商户设立登记, answers the situation
 * questions with them (only the application form is to be scanned: the ID card is held by the
 * platform), scans it as a PNG and accepts at once; the acknowledgement names the case number, the
 * query code and the promised deadline, carries a QR code to the progress page, and prints without
 * the app around it. Another person's online pre-review is answered from the hall's list. Every
 * page is scanned with axe.
 */
import { expect, it } from 'vitest';
import { PNG } from '../support/cases.ts';
import { describeBrowser, expectAccessible, logIn, openPage } from './browser.ts';
import { askPrereview, button, fitsPhone, h1, itemCode, newPerson, registerPerson, soon } from './staff-cases.ts';

describeBrowser('the window (intake, acknowledgement, pre-reviews)', (env) => {
  it('takes in an application for a person checked in person, and prints the acknowledgement', { timeout: 300_000 }, async () => {
    const walkIn = await registerPerson(env.server.url, newPerson('周海燕', 21));
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, '/window', 'window_clerk.wuhan');
    await expect.poll(() => h1(page), soon).toBe('综合受理');
    await expectAccessible(page, 'window intake');

    // The applicant, found by ID number, is at L1: checked in person, they reach L3.
    await page.getByLabel('居民身份证号码').fill(walkIn.idNumber);
    await page.getByTestId('lookup').click();
    await expect.poll(() => page.getByTestId('person-name').textContent(), soon).toBe('周海燕');
    expect(await page.getByTestId('person-level').getAttribute('data-level')).toBe('1');
    await expectAccessible(page, 'a person found at L1');
    await page.getByTestId('verify').click();
    await expect.poll(() => page.getByTestId('person-level').getAttribute('data-level'), soon).toBe('3');

    // The item, from the hall's region; the situation decides the materials.
    await page.getByLabel('输入事项名称、拼音或编码').fill('个体工商户设立登记');
    await page.getByLabel('输入事项名称、拼音或编码').press('Enter');
    await page.getByRole('button', { name: '选择“个体工商户设立登记”' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: '事项：个体工商户设立登记' }).count(), soon).toBe(1);
    await page.getByRole('radiogroup', { name: '经营形式' }).getByText('个人经营', { exact: true }).click();
    await page.getByRole('radiogroup', { name: '经营场所来源' }).getByText('仅网络经营', { exact: true }).click();
    await page.getByRole('radiogroup', { name: '是否委托代理人办理' }).getByText('否', { exact: true }).click();
    await page.getByLabel('手机号码').fill('13912345678');
    const materials = page.getByTestId('win-material');
    await expect.poll(() => materials.count(), soon).toBe(2);
    expect(await materials.filter({ hasText: '经营者居民身份证' }).textContent()).toContain('免提交');

    // Taking it in without the scan names the missing material; with it, the case is accepted at once.
    await page.getByTestId('intake-submit').click();
    const form = page.locator('[data-testid=win-material][data-material-id=application]');
    await expect.poll(() => form.textContent(), soon).toContain('请提交“个体工商户登记（备案）申请书”');
    await form.locator('input[type=file]').setInputFiles({ name: 'application.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => form.getByTestId('scans').textContent(), soon).toContain('application.png');
    await expectAccessible(page, 'an intake ready to take in');
    await page.getByTestId('intake-submit').click();
    await page.waitForURL(/\/window\/receipt\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;

    // The acknowledgement: number, query code, accepted, the deadline, the materials, a QR code to the progress page.
    const receipt = page.getByTestId('receipt');
    await expect.poll(() => page.getByTestId('receipt-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), soon).toBe(true);
    const number = (await page.getByTestId('receipt-number').textContent())!;
    const code = (await page.getByTestId('receipt-code').textContent())!;
    expect(number).toMatch(/^420100\d{14}$/);
    expect(code).toMatch(/^[2-9A-Z]{8}$/);
    expect(await page.getByTestId('receipt-state').textContent()).toMatch(/^已于.+受理$/);
    expect(await page.getByTestId('receipt-due').textContent()).toMatch(/^承诺办结：/);
    expect(await page.getByTestId('receipt-materials').textContent()).toContain('扫描件 1 份');
    expect(await receipt.textContent()).toContain(`/progress?number=${number}&code=${code}`);
    expect(await receipt.textContent()).toContain('武汉市民之家');
    await expectAccessible(page, 'the acknowledgement');
    const stored = (await (await page.request.get(`/api/cases/${caseId}`)).json()) as { case: { channel: string; state: string; number: string } };
    expect(stored.case).toMatchObject({ channel: 'window', state: 'reviewing', number });

    // On paper: the receipt and its QR code, without the app's header, navigation or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('.app-footer').isVisible()).toBe(false);
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    expect(await receipt.isVisible()).toBe(true);
    expect(await page.getByTestId('receipt-qr').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // The progress page the QR code opens knows the case.
    const visitor = await openPage(env.browser, env.server.url);
    await visitor.page.goto(`/progress?number=${number}&code=${code}`);
    await expect.poll(() => visitor.page.getByTestId('progress-result').getByTestId('case-state').getAttribute('data-state'), soon).toBe('reviewing');
    await visitor.context.close();

    // On a phone the acknowledgement still fits; in English it says the same.
    await page.setViewportSize({ width: 390, height: 844 });
    await fitsPhone(page);
    await page.getByTestId('language-switch').click();
    await expect.poll(() => h1(page), soon).toBe('Acknowledgement of receipt');
    expect(await page.getByTestId('receipt-number').textContent()).toBe(number);
    await fitsPhone(page);
    await expectAccessible(page, 'the acknowledgement in English on a phone');

    await Promise.all([context.close(), walkIn.api.dispose()]);
  });

  it('answers an online pre-review from the hall’s list', { timeout: 120_000 }, async () => {
    const asker = await registerPerson(env.server.url, newPerson('吴小兰', 22));
    await askPrereview(asker, await itemCode(asker.api, '个体工商户设立登记'));
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, '/window/prereviews', 'window_clerk.wuhan');
    await expect.poll(() => h1(page), soon).toBe('网上预审');
    const waiting = page.getByTestId('prereview').filter({ hasText: '个体工商户设立登记' }).first();
    await expect.poll(() => waiting.count(), soon).toBe(1);
    expect(await waiting.getByTestId('prereview-file').first().getAttribute('href')).toMatch(/^\/api\/window\/prereviews\/[0-9a-f-]{36}\/materials\/[0-9a-f]{64}$/);
    await expectAccessible(page, 'pre-reviews waiting');
    await waiting.getByText('需补充或更正', { exact: true }).click();
    await waiting.getByLabel('缺少或需更正的内容').fill('申请书未签名，请签名后再来');
    await button(waiting, '答复').click();
    await expect.poll(async () => ((await (await asker.api.get('/api/my/prereviews')).json()) as { items: { state: string; answer: string }[] }).items[0], soon).toMatchObject({
      state: 'incomplete',
      answer: '申请书未签名，请签名后再来',
    });
    await page.getByRole('tab', { name: '需补充' }).click();
    await expect.poll(() => page.getByTestId('prereview').filter({ hasText: '申请书未签名' }).count(), soon).toBe(1);
    await expectAccessible(page, 'pre-reviews answered');
    await Promise.all([context.close(), asker.api.dispose()]);
  });
});
