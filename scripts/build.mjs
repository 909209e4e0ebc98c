#!/usr/bin/env node
/**
 * Builds what production runs, once: the server (TypeScript in src/ to JavaScript in dist/, with
 * the SQL migrations and functions beside it) and the dashboard (web/ to web/dist/ through Vite).
 *
 *   node scripts/build.mjs               build both (`npm run build`)
 *   node scripts/build.mjs --if-changed  build only what changed since its last build (`npm start`
 *                                        runs this first, so a restart never waits for a build)
 *
 * A target's inputs are hashed (content, not times, so a fresh checkout builds once); the hash
 * is stored next to its output. Without the inputs (an image that ships only the output) a
 * built target is left as it is.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LOCK = join(ROOT, 'package-lock.json');

const targets = [
  {
    name: 'server',
    sources: [join(ROOT, 'src'), join(ROOT, 'tsconfig.json'), join(ROOT, 'tsconfig.build.json'), LOCK],
    output: join(ROOT, 'dist'),
    built: join(ROOT, 'dist', 'cli', 'main.js'),
    tool: 'typescript/bin/tsc',
    build(tool) {
      run(tool, ['-p', 'tsconfig.build.json']);
      // tsc copies no SQL; src/db/migrate.ts reads the migrations and functions next to itself.
      for (const dir of ['migrations', 'functions']) {
        const from = join(ROOT, 'src', 'db', dir);
        const to = join(ROOT, 'dist', 'db', dir);
        mkdirSync(to, { recursive: true });
        for (const file of readdirSync(from))
          if (file.endsWith('.sql')) copyFileSync(join(from, file), join(to, file));
      }
    },
  },
  {
    name: 'dashboard',
    sources: [join(ROOT, 'web'), LOCK],
    output: join(ROOT, 'web', 'dist'),
    built: join(ROOT, 'web', 'dist', 'index.html'),
    tool: 'vite/bin/vite.js',
    build(tool) {
      run(tool, ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
    },
  },
];

function run(tool, args) {
  const result = spawnSync(process.execPath, [tool, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function* files(path, skip) {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (child === skip || entry.name === 'node_modules') continue;
    if (entry.isDirectory()) yield* files(child, skip);
    else if (entry.isFile()) yield child;
  }
}

function sourcesHash(target) {
  const inputs = target.sources.flatMap((s) => [...files(s, target.output)]).sort();
  if (!inputs.some((p) => p !== LOCK)) return null;
  const hash = createHash('sha256');
  for (const path of inputs)
    hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
  return hash.digest('hex');
}

const onlyIfChanged = process.argv.includes('--if-changed');
for (const target of targets) {
  const stamp = join(target.output, '.sources-sha256');
  const wanted = sourcesHash(target);
  const isBuilt = existsSync(target.built);
  if (wanted === null) {
    if (isBuilt) continue;
    console.error(`stockroom: no ${target.name} sources and no build in ${relative(ROOT, target.output)}/`);
    process.exit(1);
  }
  if (onlyIfChanged && isBuilt && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
    // Up to date by content, but a checkout, stash or rebase may have left sources newer than the
    // stamp: bin/stockroom.mjs compares times and would then run every process through tsx.
    const now = new Date();
    utimesSync(stamp, now, now);
    continue;
  }
  // A path, not require.resolve: Vite's package exports do not include its bin script.
  const tool = join(ROOT, 'node_modules', target.tool);
  if (!existsSync(tool)) {
    console.error(
      `stockroom: cannot build the ${target.name}: ${target.tool.split('/')[0]} is not installed ` +
        '(a production install omits build tools): run `npm ci` then `npm run build`, or deploy a built copy',
    );
    process.exit(1);
  }
  console.error(`stockroom: building the ${target.name} (${relative(ROOT, target.output)}/)...`);
  target.build(tool);
  writeFileSync(stamp, wanted);
}
