// Builds the web app with Vite. With --if-stale, only when web/dist is missing or older than a
// source file, so that a second `npm start` does not wait for a build.
import { readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve(import.meta.dirname, '../web');
const dist = path.join(root, 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = [path.join(root, 'src'), path.join(root, 'index.html'), path.join(root, 'vite.config.ts')];
const stale =
  !existsSync(dist) ||
  Math.max(...sources.filter(existsSync).map((s) => (statSync(s).isDirectory() ? newest(s) : statSync(s).mtimeMs))) >
    statSync(dist).mtimeMs;

if (process.argv.includes('--if-stale') && !stale) process.exit(0);
// A build started from a test runner inherits NODE_ENV=test: React's development build and the
// JSX transform's development runtime would then disagree. web/dist is always a production build.
process.env.NODE_ENV = 'production';
await build({ root, configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
console.log('web app built into web/dist');
