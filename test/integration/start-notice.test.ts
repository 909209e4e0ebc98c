/**
 * The start banner and the first admin key stay out of the JSON log: on a terminal they are
 * written to it; without one the key goes to a file only its owner may read, and the log says
 * where, never the key.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { announceStart } from '../../src/cli/start-notice.ts';
import { tempDir } from '../helpers/server-process.ts';

const dir = tempDir('stockroom-notice-');
afterAll(() => dir.remove());

function capture() {
  let text = '';
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        done();
      },
    }),
  );
  return { log, text: () => text };
}

const key = 'sr_live_0123456789abcdef0123456789abcdef';

describe('start notice', () => {
  it('shows the banner and a new key on the terminal, and logs only where it listens', () => {
    const { log, text } = capture();
    let terminal = '';
    const file = join(dir.path, 'tty', 'admin-key');
    announceStart(
      {
        address: 'http://127.0.0.1:3000',
        database: 'embedded PGlite at ./data',
        newAdminKey: key,
        adminKeyFromEnvironment: false,
        adminKeyFile: file,
      },
      log,
      { isTTY: true, write: (t: string) => (terminal += t) },
    );
    expect(terminal).toContain('Stockroom is listening on http://127.0.0.1:3000');
    expect(terminal).toContain(`admin API key (shown once, store it now): ${key}`);
    expect(text()).toContain('listening on http://127.0.0.1:3000');
    expect(text()).not.toContain(key);
    expect(() => statSync(file)).toThrow();
  });

  it('without a terminal writes a new key to a 0600 file and logs the path, not the key', () => {
    const { log, text } = capture();
    let terminal = '';
    const file = join(dir.path, 'data', 'admin-key');
    announceStart(
      {
        address: 'http://0.0.0.0:3000',
        database: 'PostgreSQL db:5432/stockroom',
        newAdminKey: key,
        adminKeyFromEnvironment: false,
        adminKeyFile: file,
      },
      log,
      { isTTY: false, write: (t: string) => (terminal += t) },
    );
    expect(terminal).toBe('');
    expect(readFileSync(file, 'utf8').trim()).toBe(key);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; file?: string });
    expect(lines).toContainEqual(
      expect.objectContaining({ file, msg: expect.stringContaining('mode 0600') }),
    );
    expect(text()).not.toContain(key);
  });
});
