/**
 * The container files: the build context leaves out what must not go into an image, the image
 * starts the server with the command README.md documents, and, where a Docker daemon and the
 * base image are at hand, the image builds. (On the machines this project is developed on no
 * daemon runs and no base image can be pulled: that part is skipped, and says so.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server-process.ts';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The patterns of .dockerignore, without comments and blank lines. */
function ignored(): string[] {
  return read('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

describe('container', () => {
  it('keeps dependencies, builds, data, secrets, VCS history and test output out of the build context', () => {
    const patterns = ignored();
    for (const path of [
      'node_modules',
      '.git',
      'dist',
      'web/dist',
      'data',
      'coverage',
      '.stockroom-test',
      '.env',
    ])
      expect(patterns, path).toContain(path);
    // No pattern re-includes what was left out.
    expect(patterns.filter((p) => p.startsWith('!'))).toEqual([]);
    // What the build needs stays in.
    for (const path of ['src', 'web', 'package.json', 'package-lock.json', 'bin', 'scripts', 'demo'])
      expect(patterns, path).not.toContain(path);
  });

  it('starts the image with the command README.md documents, as a non-root user, with a health check', () => {
    const dockerfile = read('Dockerfile');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    expect(cmd, 'a CMD in exec form').not.toBeNull();
    const command = (JSON.parse(cmd![1]!) as string[]).join(' ');
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('## Running in production'));
    expect(section.length, 'README has a "Running in production" section').toBeLessThan(readme.length);
    expect(section).toContain(command);
    const stages = dockerfile.split(/^FROM /m).slice(1);
    const last = stages.at(-1)!;
    expect(last).toMatch(/^USER node$/m);
    expect(last).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    // The image runs no build tools: production dependencies only, the build copied in.
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(last).toMatch(/COPY --from=build \/app\/dist dist/);
  });

  it('names PostgreSQL and NATS JetStream in compose.yaml, with the shutdown grace above the timeout', () => {
    const compose = read('compose.yaml');
    expect(compose).toMatch(/image: postgres:/);
    expect(compose).toMatch(/image: nats:/);
    expect(compose).toMatch(/command: \[['"]-js['"]/);
    expect(compose).toMatch(/DATABASE_URL: postgres:\/\/.*@postgres:5432\//);
    expect(compose).toMatch(/NATS_URL: nats:\/\/nats:4222/);
    const timeoutS = Number(/STOCKROOM_SHUTDOWN_TIMEOUT: (\d+)s/.exec(compose)![1]);
    const graceS = Number(/stop_grace_period: (\d+)s/.exec(compose)![1]);
    expect(graceS).toBeGreaterThan(timeoutS);
  });

  const base = /^ARG NODE_IMAGE=(\S+)$/m.exec(read('Dockerfile'))?.[1] ?? '';
  const daemon = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  const baseImage =
    daemon &&
    spawnSync('docker', ['image', 'inspect', base], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  const why = !daemon
    ? 'no Docker daemon answers `docker info` on this machine'
    : `the base image ${base} is not present locally (pull it first; nothing is pulled here)`;

  it.skipIf(!baseImage)(`builds the image (skipped when ${why})`, () => {
    execFileSync('docker', ['build', '--pull=false', '-t', 'stockroom:test', ROOT], {
      stdio: 'inherit',
      timeout: 600_000,
    });
    const user = execFileSync('docker', [
      'image',
      'inspect',
      '-f',
      '{{.Config.User}}',
      'stockroom:test',
    ]).toString();
    expect(user.trim()).toBe('node');
  });
  if (!baseImage) console.warn(`container.test.ts: not building the image: ${why}.`);
});
