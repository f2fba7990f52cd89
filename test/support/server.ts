import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInstance } from '../../src/app.ts';
import { testConfig } from '../../src/core/config.ts';
import { openEmbedded } from '../../src/core/db.ts';

/**
 * The real server for browser tests: the web app built if stale, a fresh embedded database with
 * demo data, listening on a free port of 127.0.0.1 (also its PUBLIC_URL).
 */
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const build = spawnSync(process.execPath, [path.resolve('scripts/build-web.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-e2e-'));
  // The port is chosen first: the server's public URL (the single sign-on issuer) names it.
  const port = await freePort();
  const config = testConfig({ DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
  const instance = await createInstance(config, await openEmbedded(undefined), { seed: true });
  await instance.http.app.listen({ port, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await instance.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
