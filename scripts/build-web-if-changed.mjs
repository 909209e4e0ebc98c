#!/usr/bin/env node
/**
 * `npm start` runs this first: it builds the dashboard (`npm run build:web`) only when its
 * sources changed since the last build, instead of on every start, which made each restart
 * wait for Vite (8-20 s on a busy machine). The sources are everything under web/ but the build
 * itself, and package-lock.json (a changed dependency changes the bundle); their content, not
 * their times, decides, so a fresh checkout builds once and a restart never does.
 * `--force` builds regardless.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB = join(ROOT, 'web');
const DIST = join(WEB, 'dist');
const STAMP = join(DIST, '.sources-sha256');

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (path === DIST || entry.name === 'node_modules') continue;
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

function sourcesHash() {
  const hash = createHash('sha256');
  const inputs = [...files(WEB), join(ROOT, 'package-lock.json')].filter(existsSync).sort();
  for (const path of inputs) {
    hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

const wanted = sourcesHash();
const built = existsSync(STAMP) && existsSync(join(DIST, 'index.html')) ? readFileSync(STAMP, 'utf8') : null;
if (built === wanted && !process.argv.includes('--force')) process.exit(0);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['run', '--silent', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(STAMP, wanted);
