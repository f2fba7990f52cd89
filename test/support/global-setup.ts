import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { createInstance } from '../../src/app.ts';
import { testConfig } from '../../src/core/config.ts';
import { openEmbedded, openServer } from '../../src/core/db.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Embedded mode: a gzipped PGlite data directory, migrated and seeded with demo data. */
    templateFile: string | null;
    /** Server mode (TEST_DATABASE_URL set): a migrated and seeded template database's name. */
    templateDatabase: string | null;
  }
}

/** One template per run: runs from two checkouts at once on one server must not rebuild each other's template. */
const TEMPLATE_DB = `platform_test_template_${process.pid}`;

/** Migrate and seed once per run; every test file then starts from a copy of this. */
export default async function setup(project: TestProject) {
  const tmp = path.resolve('.tmp');
  mkdirSync(tmp, { recursive: true });
  const config = testConfig({ DATA_DIR: path.join(tmp, 'template-blobs') });
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${TEMPLATE_DB}`;
    const instance = await createInstance(config, await openServer(url.toString(), 2), { seed: true });
    await instance.close();
    project.provide('templateFile', null);
    project.provide('templateDatabase', TEMPLATE_DB);
    return async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${TEMPLATE_DB} with (force)`);
      await cleanup.end();
    };
  }
  const database = await openEmbedded(undefined);
  const instance = await createInstance(config, database, { seed: true });
  const dump = await database.pglite!.dumpDataDir('gzip');
  await instance.close();
  const file = path.join(tmp, `template-${process.pid}.tgz`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('templateFile', file);
  project.provide('templateDatabase', null);
  return () => rmSync(file, { force: true });
}
