#!/usr/bin/env node
/**
 * `npm test`: the static checks, then every test suite (vitest; arguments after `--` go to it).
 *
 * The four checks are single-threaded, about 105 s of CPU together on the reference 2-core
 * machine, so they run as two lanes side by side (each about 50 s) instead of one after another;
 * vitest starts only when all of them passed, as before. Each check's output is printed whole
 * when it ends, so two lanes never interleave their lines.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
// Through each package's package.json: their `exports` do not list their command-line entries.
const bin = (pkg, path) => join(dirname(require.resolve(`${pkg}/package.json`)), path);

const lanes = [
  [
    { name: 'tsc --noEmit', tool: bin('typescript', 'bin/tsc'), args: ['--noEmit'] },
    { name: 'eslint .', tool: bin('eslint', 'bin/eslint.js'), args: ['.'] },
  ],
  [
    { name: 'tsc --noEmit -p web', tool: bin('typescript', 'bin/tsc'), args: ['--noEmit', '-p', 'web'] },
    { name: 'prettier --check .', tool: bin('prettier', 'bin/prettier.cjs'), args: ['--check', '.'] },
  ],
];

/** Runs one check with its output collected; resolves with whether it passed. */
function check({ name, tool, args }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [tool, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(output).toString().trimEnd();
      process.stdout.write(`\n> ${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}, ${seconds} s\n`);
      if (text && code !== 0) process.stdout.write(`${text}\n`);
      resolve(code === 0);
    });
  });
}

/** A lane stops at its first failure: later checks would only repeat the noise. */
async function runLane(checks) {
  for (const c of checks) if (!(await check(c))) return false;
  return true;
}

const passed = (await Promise.all(lanes.map(runLane))).every(Boolean);
if (!passed) {
  process.stdout.write('\nThe static checks failed; the test suites were not run.\n');
  process.exit(1);
}

const vitest = spawn(process.execPath, [bin('vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
// Ctrl-C and CI cancellations reach vitest, which stops its workers and test servers.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => vitest.kill(signal));
vitest.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
