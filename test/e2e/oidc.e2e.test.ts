/**
 * Single sign-on in a real browser: a platform admin registers a client on the admin page (the
 * secret shown once) and deletes one; then two relying parties on another site (localhost, while
 * the platform is 127.0.0.1) sign the same person in, the second without a credential prompt,
 * although the platform's session cookie is SameSite=Strict; signing out at one ends both.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
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

/** A minimal relying party on http://localhost:<port>: /start, /cb (shows who signed in), /logout. */
async function relyingParty(port: number, issuer: string, client: { clientId: string; clientSecret: string }) {
  const base = `http://localhost:${port}`;
  const config = await oidc.discovery(new URL(issuer), client.clientId, undefined, oidc.ClientSecretBasic(client.clientSecret), { execute: [oidc.allowInsecureRequests] });
  const pending = new Map<string, string>();
  let idToken: string | undefined;
  const html = (res: ServerResponse, body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><title>RP</title><main>${body}</main></html>`);
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    void (async () => {
      if (url.pathname === '/start') {
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
  return { base, close: () => new Promise((resolve) => server.close(resolve)) };
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
    expect(await page.locator('body').innerText()).not.toContain(clientSecret);
    await row.getByRole('button', { name: '删除：不动产登记系统' }).click();
    await page.getByRole('button', { name: /^确\s*定$/ }).click();
    await expect.poll(() => page.getByText('已删除：不动产登记系统').count()).toBe(1);
    await expect.poll(() => row.count()).toBe(0);
    await context.close();
  });

  it('signs a person in at two sites with one login, and out of both at once', async () => {
    // Two relying parties, registered through the API by the province admin.
    const admin = await fetch(`${env.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'platform_admin.hubei', password: DEMO_PASSWORD }),
    });
    const sid = admin.headers.getSetCookie().find((c) => c.startsWith('sid='))!.split(';')[0]!;
    const { user } = (await admin.json()) as { user: { csrfToken: string } };
    const rps: RelyingParty[] = [];
    for (const name of ['办件系统', '证照系统']) {
      // The port first: the client is registered with its addresses.
      const port = await freePort();
      const base = `http://localhost:${port}`;
      const res = await fetch(`${env.server.url}/api/oidc/clients`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: sid, 'x-csrf-token': user.csrfToken },
        body: JSON.stringify({ name, grant: 'authorization_code', regionCode: '420000', redirectUris: [`${base}/cb`], postLogoutRedirectUris: [`${base}/signed-out`] }),
      });
      expect(res.status).toBe(201);
      const client = (await res.json()) as { clientId: string; clientSecret: string };
      rps.push(await relyingParty(port, `${env.server.url}/oidc`, client));
    }
    const [rp1, rp2] = rps as [RelyingParty, RelyingParty];

    try {
      // A browser set to Chinese: the provider's own pages follow Accept-Language.
      const { context, page } = await openPage(env.browser, env.server.url, { locale: 'zh-CN' });
      const visited: string[] = [];
      page.on('framenavigated', (f) => f === page.mainFrame() && visited.push(f.url()));

      const click = async (rp: RelyingParty, link: string) => {
        await page.goto(`${rp.base}/`);
        await page.getByRole('link', { name: link }).click();
      };

      // First site: the platform's login page, then back to the site.
      await click(rp1, 'sign in');
      await page.waitForURL(/\/login\?next=/);
      await page.getByLabel(/用户名|User name/).fill('platform_admin.hubei');
      await page.getByLabel(/^(密码|Password)$/).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /^(登\s*录|Log in)$/ }).click();
      await page.waitForURL(`${rp1.base}/cb?**`);
      expect(await page.getByTestId('who').textContent()).toBe('湖北省平台管理员（演示）');
      const sub1 = await page.getByTestId('sub').textContent();

      // Second site: no credential prompt. Coming from another site, the browser withholds the
      // SameSite=Strict session cookie, so the platform's login page loads, finds the session
      // (its own requests carry the cookie) and goes straight back.
      let typed = false;
      page.on('request', (r) => r.url().endsWith('/api/auth/login') && (typed = true));
      visited.length = 0;
      await click(rp2, 'sign in');
      await page.waitForURL(`${rp2.base}/cb?**`);
      expect(typed).toBe(false);
      expect(visited.some((u) => new URL(u).pathname === '/login')).toBe(true);
      expect(await page.getByTestId('who').textContent()).toBe('湖北省平台管理员（演示）');
      expect(await page.getByTestId('sub').textContent()).not.toBe(sub1);

      // Signing out at the second site, everywhere.
      await click(rp2, 'sign out');
      await expect.poll(() => h1(page)).toBe('退出登录');
      await expectAccessible(page, 'provider sign-out page');
      await page.getByRole('button', { name: '退出所有系统' }).click();
      await page.waitForURL(`${rp2.base}/signed-out`);

      // The first site now needs credentials again, and so does the platform.
      await click(rp1, 'sign in');
      await page.waitForURL(/\/login\?next=/);
      await expect.poll(() => page.getByRole('button', { name: /^(登\s*录|Log in)$/ }).count()).toBe(1);
      expect((await (await page.request.get(`${env.server.url}/api/auth/me`)).json()) as unknown).toEqual({ user: null });
      await context.close();
    } finally {
      await Promise.all(rps.map((rp) => rp.close()));
    }
  });
});
