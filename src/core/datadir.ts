import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The embedded database belongs to one process at a time; this lock file says which. */
export class DataDirInUse extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly owner: string,
  ) {
    super(
      `数据目录正被进程 ${pid}（${owner}）使用 / the data directory ${dir} is in use by process ${pid} (${owner}); stop it first, or set DATABASE_URL to use a PostgreSQL server`,
    );
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock of DATA_DIR (a stale lock of a dead process is taken over); returns its release. */
export function lockDataDir(dir: string, owner: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'platform.lock');
  const mine = JSON.stringify({ pid: process.pid, owner, since: new Date().toISOString() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8') === mine) rmSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let held: { pid?: number; owner?: string } = {};
      try {
        held = JSON.parse(readFileSync(file, 'utf8')) as typeof held;
      } catch {
        // unreadable: treated as stale
      }
      if (held.pid && held.pid !== process.pid && alive(held.pid)) throw new DataDirInUse(dir, held.pid, held.owner ?? '?');
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}
