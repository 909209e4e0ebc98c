/**
 * The stock commands of the CLI (src/cli/commands/), in-process on each back end: the same
 * commander commands on an open database with the output captured, milliseconds a command
 * where a child process costs seconds (Node and the database start every time).
 *
 * First a realistic session, in order, as an operator would type it: import a small catalogue,
 * receive goods for inspection, inspect, lock (and a refused unlock that changes nothing), plan,
 * ship and receive a transfer, set virtual stock, then read the stock with its sellable sum and
 * export the damaged units; the real CLI, in a child process, then reads the same stock table
 * (its wiring: configuration, database, output, exit code). Then the remaining commands and the
 * refusals. That a refusal exits 2 through the real CLI is checked in cli-counts.test.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { putSku, putWarehouse } from '../../src/app/catalog.ts';
import { createContext } from '../../src/app/create-context.ts';
import { putSupplier } from '../../src/app/purchasing.ts';
import { runImport } from '../../src/cli/import.ts';
import type { Database } from '../../src/db/database.ts';
import { backends } from '../helpers/backends.ts';
import {
  cliDatabase,
  inProcessStockroom,
  runStockroom,
  type CliDatabase,
  type CliRun,
} from '../helpers/cli.ts';
import { tempDir } from '../helpers/server-process.ts';

const SLOW = 120_000;

const CATALOGUE = `sku,name,warehouse,qty
CS-MUG,Mug,LON,20
CS-TEE,T-shirt,AMS,5
`;

describe.each(backends())('CLI stock commands: a session on $name', (backend) => {
  let dir: { path: string; remove: () => void };
  let where: CliDatabase;
  let db: Database | undefined;
  let table: string;
  const run = (...args: string[]): Promise<CliRun> => inProcessStockroom(db!)(...args);
  /** Runs a command that must succeed; answers its stdout. */
  const ok = async (...args: string[]): Promise<string> => {
    const r = await run(...args);
    expect(r.stderr, `${args.join(' ')}: ${r.stderr}`).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    dir = tempDir('stockroom-cli-stock-');
    where = await cliDatabase(backend, dir.path);
    db = await where.open();
    const catalogue = join(dir.path, 'catalogue.csv');
    writeFileSync(catalogue, CATALOGUE);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await runImport(where.config, catalogue, { createWarehouses: true }, { db });
      expect(log.mock.calls.join('\n')).toContain('25 units received');
    } finally {
      log.mockRestore();
    }
  });
  afterAll(async () => {
    await db?.close();
    await where.drop();
    dir.remove();
  });

  it('receives, inspects, locks, transfers, sets virtual stock, and reads S = I - O - U - L - T + V', async () => {
    expect(await ok('receive', 'LON', 'CS-MUG', '5', '--inspect', '--reference', 'PO-1')).toMatch(
      /^received 5 CS-MUG at LON into qcPending \(receipt rcp_\S+\)\n {2}CS-MUG at LON: onHand 25, reserved 0, damaged 0, qcPending 5, locked 0, transferReserved 0, virtual 0; sellable 20\n$/,
    );
    expect(await ok('inspect', 'LON', 'CS-MUG', '--passed', '3', '--failed', '2')).toContain(
      '3 passed, 2 failed',
    );

    const lock = JSON.parse(
      await ok(
        'lock',
        'LON',
        'CS-MUG',
        '4',
        '--reason',
        'launch',
        '--wave',
        '2098-01-01T00:00:00Z=2',
        '--until',
        '2099-01-01T00:00:00+01:00',
        '--json',
      ),
    );
    expect(lock).toMatchObject({
      sku: 'CS-MUG',
      warehouse: 'LON',
      qty: 4,
      locked: 4,
      until: '2098-12-31T23:00:00.000Z',
      waves: [{ wave: 1, at: '2098-01-01T00:00:00.000Z', qty: 2, released: 0 }],
      position: { damaged: 2, locked: 4, sellable: 19 },
    });

    // Unlocking more than is locked is refused with its code, and changes nothing.
    const refused = await run('unlock', lock.lockId, '99');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    const [message, details, ...rest] = refused.stderr.split('\n');
    expect(message).toBe(`error exceeds_locked: lock ${lock.lockId} holds 4 units; cannot unlock 99`);
    expect(JSON.parse(details!)).toEqual({ lockId: lock.lockId, requested: 99, locked: 4 });
    expect(rest).toEqual(['']);
    expect(refused.stderr).not.toContain('    at '); // no stack trace

    expect(await ok('transfer', 'plan', 'LON', 'AMS', 'CS-MUG=5', '--id', 'TR-CLI-1')).toContain(
      'transfer TR-CLI-1 LON -> AMS: planned',
    );
    expect(await ok('transfer', 'ship', 'TR-CLI-1', 'CS-MUG=3')).toMatch(
      /partially_shipped\n.*\n {2}CS-MUG +5 +3 +0 +0 +0 +0 +2 +3\n$/,
    );
    const received = await ok(
      'transfer',
      'receive',
      'TR-CLI-1',
      '--received',
      'CS-MUG=2',
      '--damaged',
      'CS-MUG=1',
    );
    expect(received).toMatch(/ {2}CS-MUG +5 +3 +0 +2 +1 +0 +2 +0\n$/);

    expect(await ok('supplier', 'ACME', '--name', 'Acme', '--lead-time-days', '3')).toContain(
      'created supplier ACME (Acme): lead time 3 days',
    );
    expect(
      await ok('virtual', 'LON', 'CS-MUG', '10', '--supplier', 'ACME', '--lead-time-days', '3'),
    ).toContain('set virtual stock of CS-MUG at LON to 10 from ACME, 3 days lead time');

    // LON: 20 + 5 received, 2 failed inspection, 4 locked (the refused unlock took none), 2 still
    // planned, 3 shipped, 10 virtual. AMS: 2 received and 1 damaged off the transfer.
    table = [
      'CS-MUG: sellable 26',
      '  warehouse  onHand  reserved  damaged  qcPending  locked  transferReserved  virtual  sellable',
      '  AMS             3         0        1          0       0                 0        0         2',
      '  LON            22         0        2          0       4                 2       10        24',
      '  total          25         0        3          0       4                 2       10        26',
      'S = I - O - (damaged + qcPending) - L - T + V:',
      '  AMS    3 - 0 - (1 + 0) - 0 - 0 + 0 = 2',
      '  LON    22 - 0 - (2 + 0) - 4 - 2 + 10 = 24',
      '  total  25 - 0 - (3 + 0) - 4 - 2 + 10 = 26',
      '',
    ].join('\n');
    expect(await ok('stock', 'CS-MUG')).toBe(table);

    expect(await ok('export', 'damaged', '--suffix', 'U')).toBe(
      'sku,base_sku,warehouse,damaged\nCS-MUGU,CS-MUG,AMS,1\nCS-MUGU,CS-MUG,LON,2\n',
    );
  });

  it(
    'the real CLI reads the same stock',
    async () => {
      // A PGlite folder is used by one process at a time.
      await db!.close();
      db = undefined;
      const child = await runStockroom(['stock', 'CS-MUG'], where.env, SLOW);
      expect(child).toEqual({ code: 0, stdout: table, stderr: '' });
    },
    SLOW,
  );
});

describe.each(backends())('CLI stock commands in-process on $name', (backend) => {
  let db: Database;
  let drop = async () => {};

  /** Runs `stockroom <args>` on the stock commands in this process, on `db` (opened in beforeAll). */
  const run = (...args: string[]): Promise<CliRun> => inProcessStockroom(db)(...args);
  const ok = async (...args: string[]): Promise<string> => {
    const r = await run(...args);
    expect(r.stderr, `${args.join(' ')}: ${r.stderr}`).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };
  const json = async (...args: string[]) => JSON.parse(await ok(...args, '--json'));
  const lon = async () => (await json('stock', 'MUG', '--warehouse', 'LON')).positions[0];

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    const ctx = createContext(db);
    for (const code of ['LON', 'AMS']) await putWarehouse(ctx, code, { name: code, region: 'default' });
    await putSku(ctx, 'MUG', { name: 'Mug' });
    await putSupplier(ctx, 'ACME', { name: 'Acme', leadTimeDays: 0 });
  });
  afterAll(() => drop());

  it('goods in, damage, repair, write-off, adjustments and virtual stock', async () => {
    const receipt = await json('receive', 'LON', 'MUG', '10', '--reference', 'PO-7');
    expect(receipt).toMatchObject({
      warehouse: 'LON',
      reference: 'PO-7',
      lines: [{ sku: 'MUG', qty: 10 }],
    });

    // With an idempotency key a repeat is the first answer, and adds nothing.
    const first = await json('receive', 'LON', 'MUG', '3', '--idempotency-key', 'cli-test-1');
    const again = await json('receive', 'LON', 'MUG', '3', '--idempotency-key', 'cli-test-1');
    expect(again.receiptId).toBe(first.receiptId);
    expect(await lon()).toMatchObject({ onHand: 13, sellable: 13 });

    expect(await ok('damage', 'LON', 'MUG', '3', '--reason', 'broken', '--note', 'dropped')).toMatch(
      /^marked 3 MUG damaged at LON: broken \(damage dmg_\S+\)\n {2}MUG at LON: onHand 13, reserved 0, damaged 3, .*; sellable 10\n$/,
    );
    expect(await ok('repair', 'LON', 'MUG', '1')).toContain('damaged 2,');
    expect(await ok('write-off', 'LON', 'MUG', '2', '--reason', 'recycled')).toContain(
      'MUG at LON: onHand 11, reserved 0, damaged 0,',
    );
    expect(await ok('adjust', 'LON', 'MUG', '-1', '--reason', 'count')).toMatch(
      /^adjusted MUG at LON by -1: count \(adjustment adj_\S+\)\n.*onHand 10,/,
    );
    expect(await json('adjust', 'LON', 'MUG', '+2', '--reason', 'found')).toMatchObject({ delta: 2 });

    expect(await json('virtual', 'LON', 'MUG', '5', '--supplier', 'ACME')).toMatchObject({
      virtual: 5,
      supplier: 'ACME',
      leadTimeDays: 0,
      position: { onHand: 12, virtual: 5, sellable: 17 },
    });
    // Goods sold as virtual stock arrive: I += 2, V -= 2, S unchanged.
    expect(await ok('receive', 'LON', 'MUG', '2', '--against-virtual')).toContain(
      'onHand 14, reserved 0, damaged 0, qcPending 0, locked 0, transferReserved 0, virtual 3; sellable 17',
    );
    expect(await ok('virtual', 'LON', 'MUG', '0')).toContain('to 0 from ACME');
    expect(await ok('backorders')).toBe('no backorders\n');
    expect(await json('backorders', '--supplier', 'ACME')).toEqual({ items: [], nextCursor: null });
    expect(await ok('oversold')).toBe('no oversold records\n');
  });

  it('locks: waves, listing, detail, unlocking all', async () => {
    expect(await ok('locks')).toBe('no active locks\n');
    const lock = await json(
      'lock',
      'LON',
      'MUG',
      '3',
      '--reason',
      'promo',
      '--wave',
      '2098-01-01T00:00:00Z=1',
      '2098-02-01T00:00:00Z=1',
    );
    expect(lock.waves.map((w: { qty: number }) => w.qty)).toEqual([1, 1]);
    const listing = await ok('locks', '--warehouse', 'LON');
    expect(listing).toMatch(
      new RegExp(`\\n${lock.lockId} +MUG +LON +3 +3 +promo +- +1 at 2098-01-01T00:00:00.000Z\\n$`),
    );

    expect(await ok('unlock', lock.lockId)).toContain('unlocked 3 MUG at LON');
    expect(await ok('locks')).toBe('no active locks\n');
    expect((await json('locks', '--all')).items).toHaveLength(1);
    const detail = await ok('locks', lock.lockId);
    expect(detail).toContain(`lock ${lock.lockId}: 0 of 3 MUG at LON locked (promo), released `);
    expect(detail).toMatch(/ {2}released 3 at \S+: unlocked \(by cli\)\n$/);
  });

  it('transfers: cancel, ship all, in transit, receive all, lists', async () => {
    const before = await lon();
    const cancelled = await json('transfer', 'plan', 'LON', 'AMS', 'MUG=2', 'MUG=1', '--note', 'oops');
    expect(cancelled.lines).toMatchObject([{ sku: 'MUG', planned: 3 }]);
    expect(await ok('transfer', 'cancel', cancelled.transferId)).toContain(': cancelled (oops)');
    expect(await lon()).toEqual(before);

    const plan = await json('transfer', 'plan', 'LON', 'AMS', 'MUG=4');
    expect(await ok('transfer', 'ship', plan.transferId)).toContain(': in_transit');
    expect(await ok('in-transit', '--sku', 'MUG')).toMatch(
      new RegExp(`\\nMUG +${plan.transferId} +LON +AMS +in_transit +4\\n$`),
    );
    expect(
      await ok(
        'transfer',
        'receive',
        plan.transferId,
        '--received',
        'MUG=2',
        '--lost',
        'MUG=1',
        '--loss-reason',
        'fell off',
      ),
    ).toContain('lost MUG: fell off');
    expect(await ok('transfer', 'receive', plan.transferId, '--all')).toContain(': received');
    expect(await ok('in-transit')).toBe('nothing in transit\n');
    expect(await json('stock', 'MUG', '--warehouse', 'AMS')).toMatchObject({
      positions: [{ warehouse: 'AMS', onHand: 3, sellable: 3 }],
      totals: { onHand: 3, sellable: 3 },
    });

    const detail = await ok('transfers', plan.transferId);
    expect(detail).toContain('ship by cli: MUG 4');
    expect(detail).toContain('receive by cli: MUG received 2, lost 1 (fell off)');
    expect(detail).toContain('receive by cli: MUG received 1');
    const listing = await json('transfers', '--status', 'cancelled');
    expect(listing.items.map((t: { transferId: string }) => t.transferId)).toEqual([cancelled.transferId]);
    expect(await ok('transfers', '--from', 'LON', '--limit', '1')).toContain('(more: repeat with --cursor ');
    expect(await ok('stock', '--warehouse', 'AMS')).toMatch(/^sku +warehouse +onHand.*\nMUG +AMS +3 /);
  });

  it.each([
    [['receive', 'LON', 'MUG', '0'], 'invalid_request', 'body/lines/0/qty must be >= 1'],
    [['receive', 'LON', 'MUG', '1.5'], 'invalid_request', 'body/lines/0/qty must be integer'],
    [['receive', 'LON', 'NOPE', '1'], 'unknown_sku', 'unknown SKU NOPE'],
    [['receive', 'PAR', 'MUG', '1'], 'unknown_warehouse', 'unknown warehouse PAR'],
    [['receive', 'LON', 'bad sku', '1'], 'invalid_request', 'body/lines/0/sku must match pattern'],
    [['adjust', 'LON', 'MUG', '0', '--reason', 'x'], 'invalid_request', 'body/delta must NOT be valid'],
    [['adjust', 'LON', 'MUG', '-1000', '--reason', 'x'], 'insufficient_on_hand', 'below zero'],
    [
      ['damage', 'LON', 'MUG', '1', '--reason', 'sad'],
      'invalid_request',
      'body/reason must match a schema in anyOf',
    ],
    [['repair', 'LON', 'MUG', '50'], 'insufficient_damaged', 'fewer units are damaged'],
    [['inspect', 'LON', 'MUG', '--passed', '1'], 'insufficient_qc_pending', 'waiting for inspection'],
    [['inspect', 'LON', 'MUG'], 'invalid_request', 'passed or failed above zero'],
    [
      ['lock', 'LON', 'MUG', '1', '--reason', 'x', '--until', '2098-01-01T00:00'],
      'invalid_request',
      'body/until must match format "date-time"',
    ],
    [
      ['lock', 'LON', 'MUG', '1', '--reason', 'x', '--until', '2001-01-01T00:00:00Z'],
      'invalid_schedule',
      'not in the future',
    ],
    [
      ['lock', 'LON', 'MUG', '1', '--reason', 'x', '--wave', '2098-01-01T00:00:00Z'],
      'invalid_request',
      'is not <time>=<qty>',
    ],
    [['lock', 'LON', 'MUG', '1000', '--reason', 'x'], 'insufficient_stock', 'not enough sellable stock'],
    [['unlock', 'lck_nope'], 'unknown_lock', 'no lock lck_nope'],
    [['transfer', 'plan', 'LON', 'LON', 'MUG=1'], 'same_warehouse', 'two different warehouses'],
    [['transfer', 'plan', 'LON', 'AMS', 'MUG'], 'invalid_request', 'line "MUG" is not <sku>=<qty>'],
    [['transfer', 'ship', 'trf_nope'], 'unknown_transfer', 'no transfer trf_nope'],
    [['transfer', 'receive', 'trf_nope'], 'invalid_request', 'or --all alone'],
    [['transfer', 'receive', 'trf_nope', '--all'], 'unknown_transfer', 'no transfer trf_nope'],
    [['transfer', 'receive', 'trf_nope', '--lost', 'MUG=1'], 'invalid_request', 'a loss needs a lossReason'],
    [
      ['virtual', 'LON', 'MUG', '1', '--lead-time-days', '400'],
      'invalid_request',
      'body/leadTimeDays must be <= 365',
    ],
    [
      ['export', 'damaged', '--suffix', 'too-long-suffix'],
      'invalid_request',
      'querystring/suffix must match pattern',
    ],
    [['transfers', '--status', 'lost'], 'invalid_request', 'querystring/status must match a schema in anyOf'],
    [['stock', '--limit', '5000'], 'invalid_request', 'querystring/limit must be <= 1000'],
    [['stock', 'NOPE'], 'unknown_sku', 'unknown SKU NOPE'],
  ])('refuses %j with %s and changes nothing', async (args, code, message) => {
    const before = await json('stock', 'MUG');
    const refused = await run(...args);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(new RegExp(`^error ${code}: .*\\n\\{.*\\}\\n$`));
    expect(refused.stderr).toContain(message);
    expect(await json('stock', 'MUG')).toEqual(before);
  });

  it('leaves usage errors to commander (exit 1 with its message)', async () => {
    const missing = await run('damage', 'LON', 'MUG', '1');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--reason <reason>' not specified");
  });
});
