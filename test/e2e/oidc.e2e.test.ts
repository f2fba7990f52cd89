/**
 * Single sign-on in a real browser: a platform admin registers a client on the admin page (the
 * secret shown once) and deletes one; then two relying parties on another site (localhost, while
 * the platform is 127.0.0.1) sign the same person in: the visitor chooses the kind of account on
 * the platform's sign-in page, the second site asks no credentials although the platform's session
 * cookie is SameSite=Strict; signing out at one site, or from the platform's own account menu,
 * ends both and tells both by back-channel logout. A resident signs in through the person login.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { personNumbers } from '../support/persons.ts';
import { DEMO_PASSWORD, describeBrowser, expectAccessible, logIn, openPage } from './browser.ts';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

type RelyingParty = Awaited<ReturnType<typeof relyingParty>>;

/**
 * A minimal relying party on http://localhost:<port>: /start, /cb (shows who signed in), /logout,
 * and /backchannel, which keeps the logout tokens posted to it.
 */
async function relyingParty(port: number, issuer: string, client: { clientId: string; clientSecret: string }) {
  const base = `http://localhost:${port}`;
  const logoutTokens: string[] = [];
  const config = await oidc.discovery(new URL(issuer), client.clientId, undefined, oidc.ClientSecretBasic(client.clientSecret), { execute: [oidc.allowInsecureRequests] });
  const pending = new Map<string, string>();
  let idToken: string | undefined;
  const html = (res: ServerResponse, body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><title>RP</title><main>${body}</main></html>`);
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    void (async () => {
      if (url.pathname === '/backchannel' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += String(chunk);
        logoutTokens.push(new URLSearchParams(body).get('logout_token') ?? '');
        res.writeHead(200).end();
      } else if (url.pathname === '/start') {
        const verifier = oidc.randomPKCECodeVerifier();
        const state = oidc.randomState();
        pending.set(state, verifier);
        const to = oidc.buildAuthorizationUrl(config, {
          redirect_uri: `${base}/cb`,
          scope: 'openid profile',
          state,
          code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        });
        res.writeHead(302, { location: to.href }).end();
      } else if (url.pathname === '/cb') {
        const state = url.searchParams.get('state') ?? '';
        const tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: pending.get(state), expectedState: state });
        idToken = tokens.id_token;
        const info = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
        html(res, `<h1>signed in</h1><p data-testid="who">${String(info.name)}</p><p data-testid="sub">${info.sub}</p>`);
      } else if (url.pathname === '/logout') {
        res.writeHead(302, { location: oidc.buildEndSessionUrl(config, { id_token_hint: idToken!, post_logout_redirect_uri: `${base}/signed-out` }).href }).end();
      } else if (url.pathname === '/signed-out') {
        html(res, '<h1>signed out</h1>');
      } else {
        // A link the user clicks: the navigation to the platform is then cross-site (typed
        // addresses are not, and would carry the platform's SameSite=Strict session cookie).
        html(res, '<h1>relying party</h1><a href="/start">sign in</a> <a href="/logout">sign out</a>');
      }
    })().catch((e: unknown) => res.writeHead(500).end(String(e)));
  });
  // All interfaces: the browser may reach localhost over IPv6 or IPv4.
  await new Promise<void>((resolve) => server.listen(port, resolve));
  return { base, logoutTokens, close: () => new Promise((resolve) => server.close(resolve)) };
}

describeBrowser('single sign-on', (env) => {
  it('lets a platform admin register a client, read its secret once, and delete it', async () => {
    const { context, page } = await openPage(env.browser, env.server.url);
    await logIn(page, '/admin/clients', 'platform_admin.hubei');
    await expect.poll(() => h1(page)).toBe('统一身份认证客户端');
    await expectAccessible(page, 'clients page');

    await page.getByTestId('register-client').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('系统名称').fill('不动产登记系统');
    await dialog.getByLabel('回调地址').fill('https://bdc.example.gov.cn/callback');
    await dialog.getByLabel('退出后返回地址').fill('https://bdc.example.gov.cn/signed-out');
    await dialog.getByLabel('后端通道退出地址').fill('https://bdc.example.gov.cn/backchannel-logout');
    await dialog.getByRole('checkbox', { name: /id_number/ }).check();
    await expectAccessible(page, 'register client dialog');
    await dialog.getByRole('button', { name: /^注\s*册$/ }).click();

    const secret = page.getByTestId('client-secret');
    await expect.poll(() => secret.getByText('客户端密钥只显示这一次', { exact: false }).count()).toBe(1);
    const clientId = (await page.getByTestId('new-client-id').textContent())!;
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    const clientSecret = (await page.getByTestId('new-client-secret').textContent())!;
    expect(clientSecret).toMatch(/^[\w-]{43}$/);
    await expectAccessible(page, 'client secret shown once');
    await page.getByRole('button', { name: '我已保存密钥' }).click();

    const table = page.getByTestId('clients-table');
    const row = table.locator('tr.ant-table-row', { hasText: '不动产登记系统' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('id_number');
    const listed = (await (await page.request.get('/api/oidc/clients?regionCode=420000')).json()) as { items: { clientId: string; postLogoutRedirectUris: string[]; backchannelLogoutUri: string | null }[] };
    expect(listed.items.find((c) => c.clientId === clientId)).toMatchObject({
      postLogoutRedirectUris: ['https://bdc.example.gov.cn/signed-out'],
      backchannelLogoutUri: 'https://bdc.example.gov.cn/backchannel-logout',
    });
    expect(await page.locator('body').innerText()).not.toContain(clientSecret);
    await row.getByRole('button', { name: '删除：不动产登记系统' }).click();
    await page.getByRole('button', { name: /^确\s*定$/ }).click();
    await expect.poll(() => page.getByText('已删除：不动产登记系统').count()).toBe(1);
    await expect.poll(() => row.count()).toBe(0);
    await context.close();
  });

  /** Two (or one) relying parties on localhost, registered through the API by the province admin with back-channel logout. */
  async function relyingParties(names: string[]): Promise<RelyingParty[]> {
    const admin = await fetch(`${env.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'platform_admin.hubei', password: DEMO_PASSWORD }),
    });
    const sid = admin.headers.getSetCookie().find((c) => c.startsWith('sid='))!.split(';')[0]!;
    const { user } = (await admin.json()) as { user: { csrfToken: string } };
    const rps: RelyingParty[] = [];
    for (const name of names) {
      // The port first: the client is registered with its addresses.
      const port = await freePort();
      const base = `http://localhost:${port}`;
      const res = await fetch(`${env.server.url}/api/oidc/clients`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: sid, 'x-csrf-token': user.csrfToken },
        body: JSON.stringify({
          name,
          grant: 'authorization_code',
          regionCode: '420000',
          redirectUris: [`${base}/cb`],
          postLogoutRedirectUris: [`${base}/signed-out`],
          backchannelLogoutUri: `${base}/backchannel`,
        }),
      });
      expect(res.status).toBe(201);
      rps.push(await relyingParty(port, `${env.server.url}/oidc`, (await res.json()) as { clientId: string; clientSecret: string }));
    }
    return rps;
  }

  /** A link the user clicks on a relying party's page (the navigation to the platform is cross-site). */
  const click = async (page: Page, rp: RelyingParty, link: string) => {
    await page.goto(`${rp.base}/`);
    await page.getByRole('link', { name: link }).click();
  };

  it('signs a staff member in at two sites with one login, and out of both at a site or from the platform’s menu', async () => {
    const [rp1, rp2] = (await relyingParties(['办件系统', '证照系统'])) as [RelyingParty, RelyingParty];
    try {
      // A browser set to Chinese: the provider's own pages follow Accept-Language.
      const { context, page } = await openPage(env.browser, env.server.url, { locale: 'zh-CN' });
      const visited: string[] = [];
      page.on('framenavigated', (f) => f === page.mainFrame() && visited.push(f.url()));
      const staffLogin = async () => {
        await page.getByRole('link', { name: /政府工作人员/ }).click();
        await page.waitForURL(/\/login\?next=%2Foidc%2Finteraction%2F/);
        await page.getByLabel(/用户名|User name/).fill('platform_admin.hubei');
        await page.getByLabel(/^(密码|Password)$/).fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: /^(登\s*录|Log in)$/ }).click();
      };

      // First site: the sign-in page asks which kind of account, then the staff login, then back to the site.
      await click(page, rp1, 'sign in');
      await page.waitForURL(/\/login\/choose\?next=%2Foidc%2Finteraction%2F/);
      await expect.poll(() => h1(page)).toBe('请选择登录方式');
      await expectAccessible(page, 'sign-in page (kind of account)');
      await staffLogin();
      await page.waitForURL(`${rp1.base}/cb?**`);
      expect(await page.getByTestId('who').textContent()).toBe('湖北省平台管理员（演示）');
      const sub1 = await page.getByTestId('sub').textContent();

      // Second site: no credential prompt. Coming from another site, the browser withholds the
      // SameSite=Strict session cookie, so the platform's sign-in page loads, finds the session
      // (its own requests carry the cookie) and goes straight back.
      let typed = false;
      page.on('request', (r) => r.url().endsWith('/api/auth/login') && (typed = true));
      visited.length = 0;
      await click(page, rp2, 'sign in');
      await page.waitForURL(`${rp2.base}/cb?**`);
      expect(typed).toBe(false);
      expect(visited.some((u) => new URL(u).pathname === '/login/choose')).toBe(true);
      expect(await page.getByTestId('who').textContent()).toBe('湖北省平台管理员（演示）');
      expect(await page.getByTestId('sub').textContent()).not.toBe(sub1);

      // Signing out at the second site, everywhere: both sites are told.
      await click(page, rp2, 'sign out');
      await expect.poll(() => h1(page)).toBe('退出登录');
      await expectAccessible(page, 'provider sign-out page');
      await page.getByRole('button', { name: '退出所有系统' }).click();
      await page.waitForURL(`${rp2.base}/signed-out`);
      expect([rp1.logoutTokens.length, rp2.logoutTokens.length]).toEqual([1, 1]);

      // The first site now needs credentials again, and so does the platform.
      await click(page, rp1, 'sign in');
      await page.waitForURL(/\/login\/choose\?next=/);
      await expect.poll(() => page.getByRole('link', { name: /政府工作人员/ }).count()).toBe(1);
      expect((await (await page.request.get(`${env.server.url}/api/auth/me`)).json()) as unknown).toEqual({ user: null });

      // Signed in there again, then logging out from the platform's own account menu ends that site's session too.
      await staffLogin();
      await page.waitForURL(`${rp1.base}/cb?**`);
      await page.goto(`${env.server.url}/admin`);
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL(/\/login$/);
      await expect.poll(() => rp1.logoutTokens.length).toBe(2);
      expect(rp2.logoutTokens).toHaveLength(1);
      await click(page, rp1, 'sign in');
      await page.waitForURL(/\/login\/choose\?next=/);
      await expect.poll(() => page.getByRole('link', { name: /个人、企业用户/ }).count()).toBe(1);
      await context.close();
    } finally {
      await Promise.all([rp1, rp2].map((rp) => rp.close()));
    }
  });

  it('signs a resident in at a site through the person login chosen on the sign-in page', async () => {
    const [rp] = (await relyingParties(['社保系统'])) as [RelyingParty];
    const { idNumber, mobile } = personNumbers(Date.now() % 5_000_000);
    const password = 'Donghu-Lake-2026';
    const api = (path: string, body: unknown) =>
      fetch(`${env.server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await api('/api/persons/codes', { mobile, purpose: 'register' })).status).toBe(202);
    const mailbox = (await (await fetch(`${env.server.url}/api/dev/mailbox?limit=20`)).json()) as { items: { recipient: string; text: string }[] };
    const code = mailbox.items.find((m) => m.recipient.endsWith(mobile.slice(-4)))!.text.match(/\d{6}/)![0];
    expect((await api('/api/persons/register', { name: '赵小明', idNumber, mobile, code, password })).status).toBe(201);
    try {
      const { context, page } = await openPage(env.browser, env.server.url, { locale: 'zh-CN' });
      await click(page, rp, 'sign in');
      await page.waitForURL(/\/login\/choose\?next=/);
      await page.getByRole('link', { name: /个人、企业用户/ }).click();
      await page.waitForURL(/\/my\/login\?next=%2Foidc%2Finteraction%2F/);
      await page.getByRole('tab', { name: '密码登录' }).click();
      await page.getByLabel('居民身份证号码').fill(idNumber);
      await page.getByLabel('登录密码').fill(password);
      await page.getByTestId('password-login-form').getByRole('button', { name: /^登\s*录$/ }).click();
      await page.waitForURL(`${rp.base}/cb?**`);
      expect(await page.getByTestId('who').textContent()).toBe('赵小明');
      await context.close();
    } finally {
      await rp.close();
    }
  });
});
