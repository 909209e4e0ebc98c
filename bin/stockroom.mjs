#!/usr/bin/env node
// Runs the built CLI (dist/, made by `npm run build` or the first `npm start`). When there is no
// build, or the TypeScript in src/ changed after it (a checkout being worked on, the tests, CI),
// it runs the sources through tsx, a dev dependency, so that what runs is what the checkout says.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { URL } from 'node:url';

const root = new URL('../', import.meta.url);
const built = new URL('dist/cli/main.js', root);
const stamp = new URL('dist/.sources-sha256', root);
const sources = new URL('src/', root);

/** Modification time of the newest file under `dir`, in ms; stops at the first newer than `than`. */
function changedSince(dir, than) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = new URL(entry.name + (entry.isDirectory() ? '/' : ''), dir);
    if (entry.isDirectory() ? changedSince(path, than) : statSync(path).mtimeMs > than) return true;
  }
  return false;
}

const buildIsCurrent =
  existsSync(built) &&
  existsSync(stamp) &&
  (!existsSync(sources) || !changedSince(sources, statSync(stamp).mtimeMs));

let tsx = null;
if (!buildIsCurrent) tsx = await import('tsx/esm/api').catch(() => null);
if (tsx) {
  tsx.register();
  await import('../src/cli/main.ts');
} else if (existsSync(built)) {
  await import(built.href);
} else {
  console.error('stockroom is not built and tsx is not installed: run `npm ci` then `npm run build`.');
  process.exit(1);
}
