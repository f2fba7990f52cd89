import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInstance } from '../../src/app.ts';
import { testConfig } from '../../src/core/config.ts';
import { openEmbedded } from '../../src/core/db.ts';

/**
 * The real server for browser tests: the web app built if stale, a fresh embedded database with
 * demo data, listening on a free port of 127.0.0.1.
 */
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const build = spawnSync(process.execPath, [path.resolve('scripts/build-web.mjs'), '--if-stale'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-e2e-'));
  const instance = await createInstance(testConfig({ DATA_DIR: dataDir }), await openEmbedded(undefined), { seed: true });
  await instance.http.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = instance.http.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await instance.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
