import { createInstance } from './app.ts';
import { ConfigError, loadConfig } from './core/config.ts';
import { DataDirInUse, lockDataDir } from './core/datadir.ts';
import { openDatabase } from './core/platform.ts';

const started = performance.now();
let config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

let release = () => {};
if (!config.DATABASE_URL) {
  try {
    release = lockDataDir(config.DATA_DIR, 'server');
  } catch (e) {
    if (e instanceof DataDirInUse) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

const instance = await createInstance(config, await openDatabase(config));
const { app } = instance.http;
const address = await app.listen({ port: config.PORT, host: config.HOST });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`湖北政务服务平台 ready at ${address} in ${seconds} s (${instance.platform.database.mode} database${config.DATABASE_URL ? '' : ` in ${config.DATA_DIR}`})`);
if (instance.seeded.length) console.log(instance.seeded.join('\n'));

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    instance
      .close()
      .then(() => {
        release();
        process.exit(0);
      })
      .catch((e: unknown) => {
        console.error(e);
        release();
        process.exit(1);
      });
  });
}
