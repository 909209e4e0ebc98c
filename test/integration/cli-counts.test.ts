/**
 * The cycle-count commands of the CLI (src/cli/commands/counts.ts), in-process on each back
 * end: open, enter (blind), close with a variance, post with reasons; the refusals, which exit
 * 2 with their code and change nothing. One child process checks that the real CLI has them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putSku, putWarehouse } from '../../src/app/catalog.ts';
import { createContext } from '../../src/app/create-context.ts';
import type { Database } from '../../src/db/database.ts';
import { backends, seededDataDir } from '../helpers/backends.ts';
import { inProcessStockroom, runStockroom, type CliRun } from '../helpers/cli.ts';
import { tempDir } from '../helpers/server-process.ts';

const SLOW = 120_000;

describe.each(backends())('CLI count commands in-process on $name', (backend) => {
  let db: Database;
  let drop = async () => {};
  let run: (...args: string[]) => Promise<CliRun>;

  const ok = async (...args: string[]): Promise<string> => {
    const r = await run(...args);
    expect(r.stderr, `${args.join(' ')}: ${r.stderr}`).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };
  const json = async (...args: string[]) => JSON.parse(await ok(...args, '--json'));
  /** What a refusal must leave as it was: the stock at LON and every count. */
  const state = async () => ({
    stock: await json('stock', '--warehouse', 'LON'),
    counts: await Promise.all(
      (await json('counts')).items.map((c: { countId: string }) => json('count', 'show', c.countId)),
    ),
  });
  /** Runs a command that must be refused with `code`, changing nothing; answers its details. */
  const refused = async (args: string[], code: string, message: string) => {
    const before = await state();
    const r = await run(...args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    const [first, details, ...rest] = r.stderr.split('\n');
    expect(first).toMatch(new RegExp(`^error ${code}: `));
    expect(first).toContain(message);
    expect(rest).toEqual(['']);
    expect(await state()).toEqual(before);
    return JSON.parse(details!);
  };

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    run = inProcessStockroom(db);
    const ctx = createContext(db);
    for (const code of ['LON', 'AMS']) await putWarehouse(ctx, code, { name: code, region: 'default' });
    for (const sku of ['MUG', 'TEE', 'CAP', 'BAG']) await putSku(ctx, sku, { name: sku });
    await ok('receive', 'LON', 'MUG', '100');
    await ok('receive', 'LON', 'TEE', '20');
    await ok('receive', 'LON', 'CAP', '5');
    await ok('receive', 'LON', 'BAG', '7');
  });
  afterAll(() => drop());

  it('opens, enters blind, closes with variances and accuracy, posts with reasons', async () => {
    const opened = await ok(
      'count',
      'open',
      'LON',
      '--skus',
      'MUG,TEE,CAP',
      '--idempotency-key',
      'cnt-cli-1',
    );
    const countId = /^count (cnt_\S+) at LON: open \(listed SKUs\)\n/.exec(opened)?.[1];
    expect(countId).toBeDefined();
    expect(opened).toBe(
      [
        `count ${countId} at LON: open (listed SKUs)`,
        '  0 of 3 lines counted',
        '  sku  counted  countedAt  countedBy',
        '  CAP  -        -          -',
        '  MUG  -        -          -',
        '  TEE  -        -          -',
        '',
      ].join('\n'),
    );
    // The same key answers the first opening again.
    expect(
      (await json('count', 'open', 'LON', '--skus', 'MUG,TEE,CAP', '--idempotency-key', 'cnt-cli-1')).countId,
    ).toBe(countId);

    // Blind while open: what was entered, never what the books expect (100 MUG, 20 TEE).
    const entered = await ok('count', 'enter', countId!, 'MUG=97', 'TEE=15');
    expect(entered).toMatch(
      new RegExp(
        `^recorded 2 lines of count ${countId} at LON: 2 of 3 counted\\n` +
          ' {2}sku +counted +countedAt +countedBy\\n {2}MUG +97 +\\S+ +cli\\n {2}TEE +15 +\\S+ +cli\\n$',
      ),
    );
    expect(entered).not.toMatch(/expected|variance/);
    const shown = await ok('count', 'show', countId!);
    expect(shown).not.toMatch(/expected|variance/);
    const detail = await json('count', 'show', countId!);
    for (const line of detail.lines)
      expect(Object.keys(line).sort()).toEqual(['counted', 'countedAt', 'countedBy', 'sku']);
    expect(detail).toMatchObject({ status: 'open', linesCounted: 2, accuracy: null });

    // Closing with CAP uncounted is refused; a SKU outside the count cannot be entered.
    expect(await refused(['count', 'close', countId!], 'count_incomplete', '1 lines')).toMatchObject({
      countId,
      uncounted: 1,
      skus: ['CAP'],
    });
    expect(
      await refused(['count', 'enter', countId!, 'BAG=7'], 'sku_not_in_count', 'has no line for BAG'),
    ).toEqual({
      countId,
      skus: ['BAG'],
    });

    await ok('count', 'enter', countId!, 'CAP=5', '--counted-at', new Date().toISOString());
    expect(await ok('count', 'close', countId!)).toBe(
      [
        `count ${countId} at LON: closed (listed SKUs)`,
        '  3 of 3 lines counted: 1 matched, 2 with variance, net -8 units; accuracy 33.33%',
        '  sku  expected  counted  variance  reason',
        '  CAP         5        5         0  -',
        '  MUG       100       97        -3  -',
        '  TEE        20       15        -5  -',
        '',
      ].join('\n'),
    );

    // Every variance needs a reason.
    expect(
      await refused(['count', 'post', countId!, '--reason', 'TEE=theft'], 'reason_required', 'with a reason'),
    ).toMatchObject({
      skus: ['MUG'],
    });
    const posted = await ok(
      'count',
      'post',
      countId!,
      '--reason',
      'TEE=theft',
      '--default-reason',
      'unrecorded breakage',
      '--idempotency-key',
      'cnt-cli-post',
    );
    expect(posted).toContain(`count ${countId} at LON: posted (listed SKUs)`);
    expect(posted).toMatch(/\n {2}MUG +100 +97 +-3 +unrecorded breakage\n/);
    expect(posted).toMatch(/\n {2}TEE +20 +15 +-5 +theft\n/);
    expect(posted).toContain('\n  MUG at LON: onHand 97, reserved 0,');
    expect(posted).toContain('\n  TEE at LON: onHand 15, reserved 0,');
    expect(posted).not.toContain('CAP at LON');

    // A repeat with the key is the first answer; without it, posting twice is refused.
    expect(
      await ok(
        'count',
        'post',
        countId!,
        '--reason',
        'TEE=theft',
        '--default-reason',
        'unrecorded breakage',
        '--idempotency-key',
        'cnt-cli-post',
      ),
    ).toBe(posted);
    await refused(['count', 'post', countId!, '--default-reason', 'again'], 'invalid_state', countId!);
    expect((await json('stock', 'MUG', '--warehouse', 'LON')).positions[0]).toMatchObject({
      onHand: 97,
      sellable: 97,
    });

    const listing = await ok('counts', '--status', 'posted', '--warehouse', 'LON');
    expect(listing).toMatch(new RegExp(`\\n${countId} +LON +posted +list +3 +3 +1 +-8 +33.33% +\\S+\\n$`));
    expect((await json('counts', '--status', 'open')).items).toEqual([]);
  });

  it('draws a seeded sample again after a cancel, and refuses an overlapping count', async () => {
    const first = await json('count', 'open', 'LON', '--sample', '2', '--seed', 'audit-7');
    expect(first.scope).toEqual({ kind: 'sample', size: 2, seed: 'audit-7' });
    const skus = first.lines.map((l: { sku: string }) => l.sku);
    expect(skus).toHaveLength(2);

    const overlap = await refused(['count', 'open', 'LON'], 'count_overlap', 'already being counted at LON');
    expect(overlap).toMatchObject({ warehouse: 'LON', skus, counts: [first.countId] });

    expect(await ok('count', 'cancel', first.countId)).toBe(
      `count ${first.countId} at LON: cancelled (a sample of 2 SKUs, seed audit-7)\n  0 of 2 lines counted\n`,
    );
    const again = await json('count', 'open', 'LON', '--sample', '2', '--seed', 'audit-7');
    expect(again.lines.map((l: { sku: string }) => l.sku)).toEqual(skus);
    await ok('count', 'cancel', again.countId);

    const all = await json('count', 'open', 'LON');
    expect(all.lines.map((l: { sku: string }) => l.sku)).toEqual(['BAG', 'CAP', 'MUG', 'TEE']);
    await ok('count', 'cancel', all.countId);
  });

  it.each([
    [
      ['count', 'open', 'LON', '--skus', 'MUG,MUG'],
      'invalid_request',
      'body/scope/skus must NOT have duplicate items',
    ],
    [['count', 'open', 'LON', '--skus', 'MUG', '--sample', '1'], 'invalid_request', 'exclude each other'],
    [['count', 'open', 'LON', '--seed', 's'], 'invalid_request', '--seed needs --sample'],
    [['count', 'open', 'LON', '--sample', '0'], 'invalid_request', 'body/scope/size must be >= 1'],
    [['count', 'open', 'PAR'], 'unknown_warehouse', 'unknown warehouse PAR'],
    [['count', 'open', 'AMS'], 'invalid_scope', 'nothing to count at AMS'],
    [['count', 'open', 'LON', '--skus', 'NOPE'], 'unknown_sku', 'unknown SKU NOPE'],
    [['count', 'enter', 'cnt_nope', 'MUG=-1'], 'invalid_request', 'body/lines/0/counted must be >= 0'],
    [
      ['count', 'enter', 'cnt_nope', 'MUG=1', '--counted-at', 'yesterday'],
      'invalid_request',
      'body/lines/0/countedAt must match format',
    ],
    [['count', 'enter', 'cnt_nope', 'MUG=1'], 'unknown_count', 'no count cnt_nope'],
    [['count', 'post', 'cnt_nope', '--reason', 'MUG'], 'invalid_request', 'is not <sku>=<reason>'],
    [['count', 'close', 'cnt_nope'], 'unknown_count', 'no count cnt_nope'],
    [['count', 'show', 'cnt_nope'], 'unknown_count', 'no count cnt_nope'],
    [['counts', '--status', 'done'], 'invalid_request', 'querystring/status must match a schema in anyOf'],
  ])('refuses %j with %s and changes nothing', async (args, code, message) => {
    await refused(args, code, message);
  });
});

// The real CLI has the count commands, and refuses as the in-process ones do.
describe('CLI count commands through the real CLI', () => {
  it(
    'refuses an unknown count with exit 2 and its code',
    async () => {
      const dir = tempDir('stockroom-cli-counts-');
      try {
        const env = { DATABASE_URL: '', STOCKROOM_DATA: seededDataDir(`${dir.path}/data`) };
        const r = await runStockroom(['count', 'show', 'cnt_nope'], env, SLOW);
        expect(r).toEqual({
          code: 2,
          stdout: '',
          stderr: 'error unknown_count: no count cnt_nope\n{"countId":"cnt_nope"}\n',
        });
      } finally {
        dir.remove();
      }
    },
    SLOW,
  );
});
