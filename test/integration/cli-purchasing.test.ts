/**
 * The purchasing commands of the CLI (src/cli/commands/purchasing.ts), in-process on each back
 * end: create a purchase order, see it as incoming, receive part of it, close it short; list
 * replenishment suggestions (table, JSON, CSV) and order them; refusals exit 2 with their code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putSku, putWarehouse } from '../../src/app/catalog.ts';
import { createContext } from '../../src/app/create-context.ts';
import { putPolicy, putSupplier } from '../../src/app/purchasing.ts';
import type { Database } from '../../src/db/database.ts';
import { backends } from '../helpers/backends.ts';
import { inProcessStockroom, type CliRun } from '../helpers/cli.ts';

describe.each(backends())('CLI purchasing commands in-process on $name', (backend) => {
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

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    run = inProcessStockroom(db);
    const ctx = createContext(db);
    await putWarehouse(ctx, 'LON', { name: 'London', region: 'uk' });
    for (const sku of ['MUG', 'TEE']) await putSku(ctx, sku, { name: sku });
    await putSupplier(ctx, 'ACME', { name: 'Acme', leadTimeDays: 7 });
    await putPolicy(ctx, 'MUG', 'LON', { supplier: 'ACME' });
  });
  afterAll(() => drop());

  it('creates, receives and closes a purchase order', async () => {
    const created = await json('po', 'create', 'ACME', 'LON', 'MUG=10', 'TEE=4', '--reference', 'ACME-77');
    expect(created).toMatchObject({ status: 'open', reference: 'ACME-77' });
    const stock = await json('stock', 'MUG');
    expect(stock.positions[0]).toMatchObject({ onHand: 0, incoming: 10 });
    expect(await ok('stock', 'MUG')).toContain('incoming on open purchase orders (not sellable): LON 10');

    const receipt = await ok('po', 'receive', created.poId, 'MUG=6', 'TEE=4');
    expect(receipt).toMatch(/^receipt rcp_/);
    expect(receipt).toContain('partially_received');
    const closed = await ok('po', 'close', created.poId, '--reason', 'rest cancelled by supplier');
    expect(closed).toMatch(/closed, expected .* \(rest cancelled by supplier\)/);
    expect(closed).toMatch(/MUG\s+10\s+6\s+0\s+0\s+4/);
    const listed = await ok('po', 'list', '--status', 'closed');
    expect(listed).toContain(created.poId);
  });

  it('lists suggestions as a table, JSON and CSV, and orders them', async () => {
    const table = await ok('replenishment', 'list', '--warehouse', 'LON');
    expect(table.split('\n')[0]).toMatch(/^sku\s+warehouse\s+supplier\s+position/);
    const csv = await ok('replenishment', 'list', '--csv');
    expect(csv.split('\n')[0]).toMatch(/^sku,warehouse,supplier,needed,suggestedQty/);
    expect(csv.trim().split('\n')).toHaveLength(3);
    // Without demand, nothing is owed: there is nothing to order.
    const page = await json('replenishment', 'list', '--needed');
    expect(page.items).toEqual([]);
    const r = await run('replenishment', 'order', 'LON', 'ACME');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error nothing_to_order: /);
  });

  it('refuses bad arguments and unknown orders with exit code 2', async () => {
    const unknown = await run('po', 'receive', 'po_nope', 'MUG=1');
    expect([unknown.code, unknown.stderr.split(':')[0]]).toEqual([2, 'error unknown_purchase_order']);
    const zero = await run('po', 'create', 'ACME', 'LON', 'MUG=0');
    expect(zero.code).toBe(2);
    const status = await run('po', 'list', '--status', 'lost');
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/^error invalid_request: /);
  });
});
