/**
 * The stock commands of the CLI: receipts and adjustments, damage, repair, write-off and
 * inspection, locks, transfers, virtual stock, and the reads that go with them (stock with
 * its sellable sum, locks, transfers, units in transit, backorders, oversold records, the
 * damaged export). Each command is a thin caller of the use case that serves the HTTP route:
 * it checks its arguments as the API's schemas do, calls the use case as the admin actor
 * `cli`, and prints a short answer (`--json`: the use case's answer as the API returns it).
 *
 * An expected failure (a DomainError) prints `error <code>: <message>` and its details as
 * JSON on stderr and exits 2; the use case then changed nothing.
 */
import { Command } from 'commander';
import type { Actor, AppContext } from '../app/context.ts';
import { createContext } from '../app/context.ts';
import { requireKnown } from '../app/catalog.ts';
import { createLock, getLock, listLocks, unlockLock, type LockView } from '../app/locks.ts';
import { listOversold } from '../app/oversold.ts';
import { DEFAULT_LIMIT, MAX_LIMIT, type Page } from '../app/paging.ts';
import { adjustStock, getStock, listStock, receiveGoods, type PositionView } from '../app/stock.ts';
import {
  cancelTransfer,
  getTransfer,
  listInTransit,
  listTransfers,
  planTransfer,
  receiveTransfer,
  shipTransfer,
  TRANSFER_STATUSES,
  type ReceiveLineRequest,
  type TransferStatus,
  type TransferSummary,
} from '../app/transfers.ts';
import {
  DAMAGE_REASONS,
  damagedCsv,
  inspectStock,
  markDamaged,
  repairDamaged,
  writeOffDamaged,
  type DamageReason,
} from '../app/unsellable.ts';
import { listBackorders, setVirtualStock } from '../app/virtual.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { DomainError, fail } from '../domain/errors.ts';
import { addQuantities, sellable, ZERO, type Quantities } from '../domain/quantities.ts';
import { CODE, MAX_QTY, openForCli } from './import.ts';

/** Who the ledger says made a change from the command line. */
export const CLI_ACTOR: Actor = { id: 'cli', role: 'admin', warehouses: null };

/** The exit code of a refused command: bad input, or a change the stock does not allow. */
export const EXIT_REFUSED = 2;

// The API's limits (src/http/schemas.ts and the routes), checked here at the CLI's edge.
const MAX_REASON = 200;
const MAX_NOTE = 500;
const MAX_KEY = 255;
const MAX_LEAD_TIME_DAYS = 365;
const SUFFIX = /^[A-Za-z0-9\-_]{1,8}$/;
/** RFC 3339 with a zone, as the API's date-time format: a time without one is ambiguous. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

// ---------------------------------------------------------------------------------------------
// Arguments: each checker answers the value or refuses with invalid_request naming the argument.

function bad(argument: string, value: unknown, message: string): never {
  return fail('invalid_request', `${argument} ${message}`, { argument, value });
}

function code(argument: string, value: string): string {
  if (!CODE.test(value))
    bad(argument, value, `"${value}" is not a valid code (letters, digits and - _ . : /, at most 64)`);
  return value;
}

/** A whole number of units, at least `min` (1 unless said otherwise). */
function units(argument: string, value: string, min = 1): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > MAX_QTY) {
    bad(argument, value, `"${value}" is not a whole number from ${min} to ${MAX_QTY}`);
  }
  return n;
}

function text(argument: string, value: string, max: number): string {
  if (value.length === 0 || value.length > max) bad(argument, value, `must be 1 to ${max} characters`);
  return value;
}

function timestamp(argument: string, value: string): string {
  if (!TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    bad(argument, value, `"${value}" is not a date-time with a zone, e.g. 2030-01-31T09:00:00Z`);
  }
  return new Date(value).toISOString();
}

/** `<left>=<qty>`, split at the last `=`. */
function pair(argument: string, value: string, left: string): [string, number] {
  const at = value.lastIndexOf('=');
  if (at <= 0) bad(argument, value, `"${value}" is not ${left}=<qty>`);
  return [value.slice(0, at), units(argument, value.slice(at + 1))];
}

function skuQty(argument: string, value: string): { sku: string; qty: number } {
  const [sku, qty] = pair(argument, value, '<sku>');
  return { sku: code(argument, sku), qty };
}

function limit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = units('--limit', value);
  return n <= MAX_LIMIT ? n : bad('--limit', value, `is at most ${MAX_LIMIT}`);
}

const optional = <T>(value: string | undefined, check: (value: string) => T): T | undefined =>
  value === undefined ? undefined : check(value);

// ---------------------------------------------------------------------------------------------
// Output.

/** Columns of strings left-aligned, of numbers right-aligned (the header follows its column). */
export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const numeric = head.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const cells = [head, ...rows].map((r) => r.map((c) => String(c)));
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells
    .map((r) =>
      r
        .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const BUCKET_HEAD = ['onHand', 'reserved', 'damaged', 'qcPending', 'locked', 'transferReserved', 'virtual'];
const buckets = (q: Quantities) => [
  q.onHand,
  q.reserved,
  q.damaged,
  q.qcPending,
  q.locked,
  q.transferReserved,
  q.virtual,
];

/** S = I - O - U - L - T + V in numbers, e.g. `20 - 0 - (1 + 0) - 3 - 2 + 10 = 24`. */
export function sellableSum(q: Quantities): string {
  const { onHand, reserved, damaged, qcPending, locked, transferReserved, virtual } = q;
  return `${onHand} - ${reserved} - (${damaged} + ${qcPending}) - ${locked} - ${transferReserved} + ${virtual} = ${sellable(q)}`;
}

/** One position after a change, every quantity named. */
export function positionLine(sku: string, p: PositionView): string {
  const parts = BUCKET_HEAD.map((name, i) => `${name} ${buckets(p)[i]}`);
  return `  ${sku} at ${p.warehouse}: ${parts.join(', ')}; sellable ${p.sellable}`;
}

const when = (iso: string | null) => iso ?? '-';

function formatTransfer(t: TransferSummary): string {
  const rows = t.lines.map((l) => [
    l.sku,
    l.planned,
    l.shipped,
    l.cancelled,
    l.received,
    l.damaged,
    l.lost,
    l.open,
    l.inTransit,
  ]);
  const lost = t.lines
    .filter((l) => l.lost > 0 && l.lossReason)
    .map((l) => `  lost ${l.sku}: ${l.lossReason}`);
  return [
    `transfer ${t.transferId} ${t.from} -> ${t.to}: ${t.status}${t.note ? ` (${t.note})` : ''}`,
    table(
      ['sku', 'planned', 'shipped', 'cancelled', 'received', 'damaged', 'lost', 'open', 'inTransit'],
      rows,
    ).replace(/^/gm, '  '),
    ...lost,
  ].join('\n');
}

/** An event's lines, e.g. `MUG 3` or `MUG received 2, damaged 1, lost 1 (fell off the truck)`. */
function eventLines(lines: readonly Record<string, unknown>[]): string {
  return lines
    .map((l) => {
      const counts = (['received', 'damaged', 'lost'] as const)
        .filter((name) => typeof l[name] === 'number' && l[name] !== 0)
        .map((name) => `${name} ${String(l[name])}`);
      const amount = l.qty !== undefined ? String(l.qty) : counts.join(', ');
      return `${String(l.sku)} ${amount}${l.lossReason ? ` (${String(l.lossReason)})` : ''}`;
    })
    .join('; ');
}

function formatLock(l: LockView): string {
  const lines = [
    `lock ${l.lockId}: ${l.locked} of ${l.qty} ${l.sku} at ${l.warehouse} locked (${l.reason})` +
      (l.active ? '' : `, released ${l.releasedAt}`),
  ];
  if (l.until) lines.push(`  until ${l.until}: whatever is still locked is released`);
  for (const w of l.waves) {
    lines.push(
      `  wave ${w.wave} at ${w.at}: ${w.qty}` +
        (w.releasedAt ? `, done ${w.releasedAt} (released ${w.released})` : ', pending'),
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Running a command.

/** Where a command's database, output and exit code go: the process, or a test. */
export interface CliIo {
  /** Opens the database, migrated; each command closes it again before it ends. */
  open(): Promise<Database>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The exit code of a refused command (the process ends by itself once the command is done). */
  setExitCode(code: number): void;
}

export const processIo: CliIo = {
  open: () => openForCli(loadConfig()),
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

interface Runner {
  write(text: string): void;
  print(line: string): void;
  printJson(value: unknown): void;
  /** A `(more: ...)` line when the listing has another page. */
  more(page: Page<unknown>): void;
  /** Opens the database for one use case and closes it again, whatever happens. */
  using<T>(work: (ctx: AppContext) => Promise<T>): Promise<T>;
  /**
   * The action of a command: its checks and its use case. A DomainError, from either, is
   * printed plainly and exits 2; anything else goes on to main's handler.
   */
  action<A extends unknown[]>(work: (...args: A) => Promise<void>): (...args: A) => Promise<void>;
}

function runner(io: CliIo): Runner {
  const print = (line: string) => io.stdout(`${line}\n`);
  return {
    write: (text) => io.stdout(text),
    print,
    printJson: (value) => print(JSON.stringify(value, null, 2)),
    more: (page) => {
      if (page.nextCursor) print(`(more: repeat with --cursor ${page.nextCursor})`);
    },
    async using(work) {
      const db = await io.open();
      try {
        return await work(createContext(db));
      } finally {
        await db.close();
      }
    },
    action:
      (work) =>
      async (...args) => {
        try {
          await work(...args);
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          io.stderr(`error ${err.code}: ${err.message}\n`);
          if (err.details) io.stderr(`${JSON.stringify(err.details)}\n`);
          io.setExitCode(EXIT_REFUSED);
        }
      },
  };
}

interface JsonOption {
  json?: boolean;
}
interface KeyOption {
  idempotencyKey?: string;
}
interface PageOptions extends JsonOption {
  limit?: string;
  cursor?: string;
}

const withJson = (c: Command) => c.option('--json', "print the use case's answer as JSON");
const withKey = (c: Command) =>
  c.option(
    '--idempotency-key <key>',
    'run at most once: a repeat with the same key returns the first answer',
  );
const withPaging = (c: Command) =>
  withJson(c)
    .option('--limit <n>', `at most this many (1 to ${MAX_LIMIT}, default ${DEFAULT_LIMIT})`)
    .option('--cursor <cursor>', 'continue where the previous listing stopped');

const commandOpts = (o: KeyOption) => ({
  actor: CLI_ACTOR,
  idempotencyKey: optional(o.idempotencyKey, (v) => text('--idempotency-key', v, MAX_KEY)),
});
const cursor = (o: PageOptions) => optional(o.cursor, (v) => text('--cursor', v, 512));

// ---------------------------------------------------------------------------------------------
// The commands.

/** Registers the stock commands on `program`; `io` is the process unless a test says otherwise. */
export function registerStockCommands(program: Command, io: CliIo = processIo): void {
  const r = runner(io);
  registerReads(program, r);
  registerGoods(program, r);
  registerUnsellable(program, r);
  registerLocks(program, r);
  registerTransfers(program, r);
  registerVirtual(program, r);
}

function registerReads(program: Command, r: Runner): void {
  withPaging(
    program
      .command('stock')
      .description(
        'stock positions of a SKU with the sellable sum S = I - O - U - L - T + V; without a SKU, all positions',
      )
      .argument('[sku]', 'the SKU')
      .option('--warehouse <code>', 'only this warehouse')
      .option('--as-of <time>', 'as the ledger stood then (with a SKU; ISO date-time with a zone)'),
  ).action(
    r.action(async (rawSku: string | undefined, o: PageOptions & { warehouse?: string; asOf?: string }) => {
      const warehouse = optional(o.warehouse, (v) => code('--warehouse', v));
      if (rawSku === undefined) {
        if (o.asOf !== undefined) bad('--as-of', o.asOf, 'needs a SKU');
        const filter = { warehouse, cursor: cursor(o), limit: limit(o.limit) };
        const page = await r.using((ctx) => listStock(ctx, filter));
        if (o.json) return r.printJson(page);
        r.print(
          table(
            ['sku', 'warehouse', ...BUCKET_HEAD, 'sellable'],
            page.items.map((p) => [p.sku, p.warehouse, ...buckets(p), p.sellable]),
          ),
        );
        return r.more(page);
      }
      const sku = code('sku', rawSku);
      const asOf = optional(o.asOf, (v) => new Date(timestamp('--as-of', v)));
      const view = await r.using(async (ctx) => {
        if (warehouse) await requireKnown(ctx.db, [], [warehouse]);
        return getStock(ctx, sku, asOf);
      });
      if (warehouse) {
        // One warehouse: its position (zeros if the SKU has never been there), and totals of it alone.
        const position = view.positions.find((p) => p.warehouse === warehouse) ?? {
          warehouse,
          ...ZERO,
          sellable: 0,
        };
        view.positions = [position];
        const totals = addQuantities({ ...ZERO }, position);
        view.totals = { ...totals, sellable: sellable(totals) };
      }
      if (o.json) return r.printJson(view);
      printStock(r, view);
    }),
  );

  withPaging(
    program
      .command('oversold')
      .description('oversold records, newest first: a physical fact left sellable below zero')
      .option('--sku <sku>', 'only this SKU')
      .option('--warehouse <code>', 'only this warehouse'),
  ).action(
    r.action(async (o: PageOptions & { sku?: string; warehouse?: string }) => {
      const filter = {
        sku: optional(o.sku, (v) => code('--sku', v)),
        warehouse: optional(o.warehouse, (v) => code('--warehouse', v)),
        cursor: cursor(o),
        limit: limit(o.limit),
      };
      const page = await r.using((ctx) => listOversold(ctx, filter));
      if (o.json) return r.printJson(page);
      if (page.items.length === 0) return r.print('no oversold records');
      r.print(
        table(
          ['id', 'at', 'sku', 'warehouse', 'movement', 'reason', 'sellableAfter', 'ordersAtRisk', 'resolved'],
          page.items.map((r) => [
            r.id,
            r.at,
            r.sku,
            r.warehouse,
            r.movementType,
            r.reason ?? '-',
            r.sellableAfter,
            r.ordersAtRisk.join(' ') || '-',
            when(r.resolvedAt),
          ]),
        ),
      );
      r.more(page);
    }),
  );

  const exportCommand = program.command('export').description('export stock data as CSV to stdout');
  exportCommand
    .command('damaged')
    .description(
      'damaged units as CSV (sku,base_sku,warehouse,damaged) under a suffixed SKU code, e.g. 351038U',
    )
    .option('--suffix <suffix>', 'appended to each SKU code (1 to 8 letters, digits, - or _)', 'U')
    .option('--warehouse <code>', 'only this warehouse')
    .action(
      r.action(async (o: { suffix: string; warehouse?: string }) => {
        if (!SUFFIX.test(o.suffix))
          bad('--suffix', o.suffix, `"${o.suffix}" is not 1 to 8 letters, digits, - or _`);
        const filter = { suffix: o.suffix, warehouse: optional(o.warehouse, (v) => code('--warehouse', v)) };
        r.write(await r.using((ctx) => damagedCsv(ctx, filter)));
      }),
    );
}

function printStock(r: Runner, view: Awaited<ReturnType<typeof getStock>>): void {
  const head = `${view.sku}${view.asOf ? ` as of ${view.asOf}` : ''}: sellable ${view.totals.sellable}`;
  const rows = view.positions.map((p) => [p.warehouse, ...buckets(p), p.sellable]);
  if (view.positions.length > 1) rows.push(['total', ...buckets(view.totals), view.totals.sellable]);
  const sums = view.positions.map((p) => [p.warehouse, sellableSum(p)]);
  if (view.positions.length > 1) sums.push(['total', sellableSum(view.totals)]);
  r.print(head);
  if (view.positions.length === 0) return r.print('  no stock at any warehouse');
  r.print(table(['warehouse', ...BUCKET_HEAD, 'sellable'], rows).replace(/^/gm, '  '));
  r.print('S = I - O - (damaged + qcPending) - L - T + V:');
  const width = Math.max(...sums.map(([name]) => name!.length));
  for (const [name, sum] of sums) r.print(`  ${name!.padEnd(width)}  ${sum}`);
}

function registerGoods(program: Command, r: Runner): void {
  withJson(
    withKey(
      program
        .command('receive')
        .description('receive goods: onHand += qty (into qcPending with --inspect)')
        .argument('<warehouse>', 'warehouse code')
        .argument('<sku>', 'SKU')
        .argument('<qty>', 'units received')
        .option('--reference <text>', 'e.g. the delivery note')
        .option('--inspect', 'the goods wait for inspection (qcPending) before they can be sold')
        .option(
          '--against-virtual',
          'goods sold as virtual stock: virtual -= qty as onHand += qty, sellable unchanged',
        ),
    ),
  ).action(
    r.action(
      async (
        w: string,
        s: string,
        q: string,
        o: JsonOption & KeyOption & { reference?: string; inspect?: boolean; againstVirtual?: boolean },
      ) => {
        const input = {
          warehouse: code('warehouse', w),
          reference: optional(o.reference, (v) => text('--reference', v, MAX_REASON)),
          lines: [
            {
              sku: code('sku', s),
              qty: units('qty', q),
              inspect: o.inspect,
              againstVirtual: o.againstVirtual,
            },
          ],
        };
        const opts = commandOpts(o);
        const { body } = await r.using((ctx) => receiveGoods(ctx, input, opts));
        if (o.json) return r.printJson(body);
        const into = o.inspect ? ' into qcPending' : o.againstVirtual ? ' against virtual stock' : '';
        r.print(
          `received ${body.lines[0]!.qty} ${body.lines[0]!.sku} at ${body.warehouse}${into} (receipt ${body.receiptId})`,
        );
        for (const p of body.positions) r.print(positionLine(p.sku, p));
      },
    ),
  );

  withJson(
    withKey(
      program
        .command('adjust')
        .description('correct onHand by a signed delta, with a reason')
        .argument('<warehouse>', 'warehouse code')
        .argument('<sku>', 'SKU')
        .argument('<delta>', 'units to add (e.g. 3) or take away (e.g. -3)')
        .requiredOption('--reason <text>', 'why, e.g. "found in aisle 4"'),
    ),
  ).action(
    r.action(async (w: string, s: string, d: string, o: JsonOption & KeyOption & { reason: string }) => {
      const delta = /^[+-]?\d+$/.test(d) ? Number(d) : NaN;
      if (!Number.isSafeInteger(delta) || delta === 0 || Math.abs(delta) > MAX_QTY) {
        bad('delta', d, `"${d}" is not a whole number other than 0, at most ${MAX_QTY} either way`);
      }
      const input = {
        warehouse: code('warehouse', w),
        sku: code('sku', s),
        delta,
        reason: text('--reason', o.reason, MAX_REASON),
      };
      const opts = commandOpts(o);
      const { body } = await r.using((ctx) => adjustStock(ctx, input, opts));
      if (o.json) return r.printJson(body);
      r.print(
        `adjusted ${body.sku} at ${body.warehouse} by ${body.delta > 0 ? '+' : ''}${body.delta}: ${body.reason} (adjustment ${body.adjustmentId})`,
      );
      r.print(positionLine(body.sku, body.position));
    }),
  );
}

function registerUnsellable(program: Command, r: Runner): void {
  const position = (c: Command) =>
    withJson(withKey(c.argument('<warehouse>', 'warehouse code').argument('<sku>', 'SKU')));
  type Opts = JsonOption & KeyOption;

  position(
    program
      .command('damage')
      .description('mark units damaged: damaged += qty (booked even if sellable goes below 0)'),
  )
    .argument('<qty>', 'units found damaged')
    .requiredOption('--reason <reason>', DAMAGE_REASONS.join(', '))
    .option('--note <text>', 'what happened')
    .action(
      r.action(async (w: string, s: string, q: string, o: Opts & { reason: string; note?: string }) => {
        if (!(DAMAGE_REASONS as readonly string[]).includes(o.reason)) {
          bad('--reason', o.reason, `"${o.reason}" is not one of ${DAMAGE_REASONS.join(', ')}`);
        }
        const input = {
          warehouse: code('warehouse', w),
          sku: code('sku', s),
          qty: units('qty', q),
          reason: o.reason as DamageReason,
          note: optional(o.note, (v) => text('--note', v, MAX_NOTE)),
        };
        const opts = commandOpts(o);
        const { body } = await r.using((ctx) => markDamaged(ctx, input, opts));
        if (o.json) return r.printJson(body);
        r.print(
          `marked ${body.qty} ${body.sku} damaged at ${body.warehouse}: ${body.reason} (damage ${body.damageId})`,
        );
        r.print(positionLine(body.sku, body.position));
      }),
    );

  position(program.command('repair').description('repair damaged units: damaged -= qty, sellable again'))
    .argument('<qty>', 'units repaired')
    .option('--note <text>', 'what was done')
    .action(
      r.action(async (w: string, s: string, q: string, o: Opts & { note?: string }) => {
        const input = {
          warehouse: code('warehouse', w),
          sku: code('sku', s),
          qty: units('qty', q),
          note: optional(o.note, (v) => text('--note', v, MAX_NOTE)),
        };
        const opts = commandOpts(o);
        const { body } = await r.using((ctx) => repairDamaged(ctx, input, opts));
        if (o.json) return r.printJson(body);
        r.print(`repaired ${body.qty} ${body.sku} at ${body.warehouse} (repair ${body.repairId})`);
        r.print(positionLine(body.sku, body.position));
      }),
    );

  position(
    program.command('write-off').description('write off damaged units: damaged -= qty and onHand -= qty'),
  )
    .argument('<qty>', 'units disposed of')
    .requiredOption('--reason <text>', 'why, e.g. "sent to recycling"')
    .action(
      r.action(async (w: string, s: string, q: string, o: Opts & { reason: string }) => {
        const input = {
          warehouse: code('warehouse', w),
          sku: code('sku', s),
          qty: units('qty', q),
          reason: text('--reason', o.reason, MAX_REASON),
        };
        const opts = commandOpts(o);
        const { body } = await r.using((ctx) => writeOffDamaged(ctx, input, opts));
        if (o.json) return r.printJson(body);
        r.print(
          `wrote off ${body.qty} ${body.sku} at ${body.warehouse}: ${body.reason} (write-off ${body.writeOffId})`,
        );
        r.print(positionLine(body.sku, body.position));
      }),
    );

  position(
    program
      .command('inspect')
      .description('inspect units in qcPending: passed become sellable, failed damaged'),
  )
    .option('--passed <n>', 'units that passed', '0')
    .option('--failed <n>', 'units that failed (they become damaged)', '0')
    .action(
      r.action(async (w: string, s: string, o: Opts & { passed: string; failed: string }) => {
        const input = {
          warehouse: code('warehouse', w),
          lines: [
            {
              sku: code('sku', s),
              passed: units('--passed', o.passed, 0),
              failed: units('--failed', o.failed, 0),
            },
          ],
        };
        const opts = commandOpts(o);
        const { body } = await r.using((ctx) => inspectStock(ctx, input, opts));
        if (o.json) return r.printJson(body);
        const [line] = body.lines;
        r.print(
          `inspected ${line!.passed + line!.failed} ${line!.sku} at ${body.warehouse}: ${line!.passed} passed, ${line!.failed} failed (inspection ${body.inspectionId})`,
        );
        for (const p of body.positions) r.print(positionLine(p.sku, p));
      }),
    );
}

function registerLocks(program: Command, r: Runner): void {
  withJson(
    withKey(
      program
        .command('lock')
        .description(
          'lock units at a position (locked += qty, needs sellable stock), released by hand, in waves or at --until',
        )
        .argument('<warehouse>', 'warehouse code')
        .argument('<sku>', 'SKU')
        .argument('<qty>', 'units to lock')
        .requiredOption('--reason <text>', 'why, e.g. "Black Friday"')
        .option('--until <time>', 'release whatever is still locked then (ISO date-time with a zone)')
        .option('--wave <time=qty...>', 'release qty units at time; waves in time order, before --until'),
    ),
  ).action(
    r.action(
      async (
        w: string,
        s: string,
        q: string,
        o: JsonOption & KeyOption & { reason: string; until?: string; wave?: string[] },
      ) => {
        const waves = o.wave?.map((v) => {
          const [at, qty] = pair('--wave', v, '<time>');
          return { at: timestamp('--wave', at), qty };
        });
        const input = {
          warehouse: code('warehouse', w),
          sku: code('sku', s),
          qty: units('qty', q),
          reason: text('--reason', o.reason, MAX_REASON),
          until: optional(o.until, (v) => timestamp('--until', v)),
          waves,
        };
        const opts = commandOpts(o);
        const { body } = await r.using((ctx) => createLock(ctx, input, opts));
        if (o.json) return r.printJson(body);
        r.print(formatLock(body));
        r.print(positionLine(body.sku, body.position));
      },
    ),
  );

  withJson(
    withKey(
      program
        .command('unlock')
        .description('unlock qty units of a lock, or all it still holds')
        .argument('<lockId>', 'the lock')
        .argument('[qty]', 'units to unlock (default: all still locked)'),
    ),
  ).action(
    r.action(async (id: string, q: string | undefined, o: JsonOption & KeyOption) => {
      const lockId = code('lockId', id);
      const qty = optional(q, (v) => units('qty', v));
      const opts = commandOpts(o);
      const { body } = await r.using((ctx) => unlockLock(ctx, lockId, qty, opts));
      if (o.json) return r.printJson(body);
      r.print(
        `unlocked ${body.unlocked} ${body.sku} at ${body.warehouse} from lock ${body.lockId}; ${body.locked} still locked`,
      );
      r.print(positionLine(body.sku, body.position));
    }),
  );

  withPaging(
    program
      .command('locks')
      .description(
        'locks still holding units, oldest first (--all: released ones too); with a lock id, that lock and its releases',
      )
      .argument('[lockId]', 'show this lock')
      .option('--warehouse <code>', 'only this warehouse')
      .option('--sku <sku>', 'only this SKU')
      .option('--all', 'released locks too'),
  ).action(
    r.action(
      async (
        id: string | undefined,
        o: PageOptions & { warehouse?: string; sku?: string; all?: boolean },
      ) => {
        if (id !== undefined) {
          const lockId = code('lockId', id);
          const lock = await r.using((ctx) => getLock(ctx, lockId));
          if (o.json) return r.printJson(lock);
          r.print(formatLock(lock));
          for (const rel of lock.releases)
            r.print(`  released ${rel.qty} at ${rel.at}: ${rel.reason ?? '-'} (by ${rel.actor ?? '-'})`);
          return;
        }
        const filter = {
          warehouse: optional(o.warehouse, (v) => code('--warehouse', v)),
          sku: optional(o.sku, (v) => code('--sku', v)),
          active: o.all ? undefined : true,
          cursor: cursor(o),
          limit: limit(o.limit),
        };
        const page = await r.using((ctx) => listLocks(ctx, filter));
        if (o.json) return r.printJson(page);
        if (page.items.length === 0) return r.print(o.all ? 'no locks' : 'no active locks');
        r.print(
          table(
            ['lock', 'sku', 'warehouse', 'locked', 'qty', 'reason', 'until', 'next wave'],
            page.items.map((l) => {
              const next = l.waves.find((wv) => wv.releasedAt === null);
              return [
                l.lockId,
                l.sku,
                l.warehouse,
                l.locked,
                l.qty,
                l.reason,
                when(l.until),
                next ? `${next.qty} at ${next.at}` : '-',
              ];
            }),
          ),
        );
        r.more(page);
      },
    ),
  );
}

function registerTransfers(program: Command, r: Runner): void {
  const transfer = program
    .command('transfer')
    .description('plan, ship, receive or cancel a transfer between warehouses');
  type Opts = JsonOption & KeyOption;

  withJson(
    withKey(
      transfer
        .command('plan')
        .description('plan a transfer: the source holds the units (transferReserved), all lines or none')
        .argument('<from>', 'source warehouse')
        .argument('<to>', 'destination warehouse')
        .argument('<sku=qty...>', 'the lines')
        .option('--id <transferId>', 'your id for it: planning the same id again returns the first answer')
        .option('--note <text>', 'a note on the transfer'),
    ),
  ).action(
    r.action(async (from: string, to: string, lines: string[], o: Opts & { id?: string; note?: string }) => {
      const input = {
        transferId: optional(o.id, (v) => code('--id', v)),
        from: code('from', from),
        to: code('to', to),
        lines: lines.map((l) => skuQty('line', l)),
        note: optional(o.note, (v) => text('--note', v, MAX_NOTE)),
      };
      const opts = commandOpts(o);
      const { body } = await r.using((ctx) => planTransfer(ctx, input, opts));
      if (o.json) return r.printJson(body);
      r.print(formatTransfer(body));
    }),
  );

  withJson(
    withKey(
      transfer
        .command('ship')
        .description('ship all that is planned, or the lines given: the units leave the source')
        .argument('<transferId>', 'the transfer')
        .argument('[sku=qty...]', 'a part to ship (default: everything planned and not shipped)'),
    ),
  ).action(
    r.action(async (id: string, lines: string[] | undefined, o: Opts) => {
      const transferId = code('transferId', id);
      const requested = lines && lines.length > 0 ? lines.map((l) => skuQty('line', l)) : undefined;
      const opts = commandOpts(o);
      const { body } = await r.using((ctx) => shipTransfer(ctx, transferId, requested, opts));
      if (o.json) return r.printJson(body);
      r.print(formatTransfer(body));
    }),
  );

  withJson(
    withKey(
      transfer
        .command('receive')
        .description('book in units at the destination: received, damaged, and a shortfall as lost')
        .argument('<transferId>', 'the transfer')
        .option('--received <sku=qty...>', 'units booked in as sellable')
        .option('--damaged <sku=qty...>', 'units booked in as damaged')
        .option('--lost <sku=qty...>', 'units that will not arrive (needs --loss-reason)')
        .option('--loss-reason <text>', 'why the lost units are lost')
        .option('--all', 'book in everything in transit as received'),
    ),
  ).action(
    r.action(
      async (
        id: string,
        o: Opts & {
          received?: string[];
          damaged?: string[];
          lost?: string[];
          lossReason?: string;
          all?: boolean;
        },
      ) => {
        const transferId = code('transferId', id);
        const given = [...(o.received ?? []), ...(o.damaged ?? []), ...(o.lost ?? [])].length > 0;
        if (Boolean(o.all) === given) {
          bad('--received', null, 'or --damaged or --lost is needed, or --all alone');
        }
        const lossReason = optional(o.lossReason, (v) => text('--loss-reason', v, MAX_REASON));
        if (lossReason !== undefined && !o.lost) bad('--loss-reason', lossReason, 'is given without --lost');
        const lines = new Map<string, ReceiveLineRequest>();
        const add = (
          argument: string,
          values: string[] | undefined,
          field: 'received' | 'damaged' | 'lost',
        ) => {
          for (const value of values ?? []) {
            const { sku, qty } = skuQty(argument, value);
            const line = lines.get(sku) ?? { sku, received: 0 };
            line[field] = (line[field] ?? 0) + qty;
            if (field === 'lost') line.lossReason = lossReason;
            lines.set(sku, line);
          }
        };
        add('--received', o.received, 'received');
        add('--damaged', o.damaged, 'damaged');
        add('--lost', o.lost, 'lost');
        const opts = commandOpts(o);
        const { body } = await r.using(async (ctx) => {
          if (o.all) {
            // Everything on the road; the use case still refuses more than is in transit.
            const current = await getTransfer(ctx, transferId);
            for (const l of current.lines)
              if (l.inTransit > 0) lines.set(l.sku, { sku: l.sku, received: l.inTransit });
            if (lines.size === 0) {
              fail('invalid_state', `transfer ${transferId} has nothing in transit to receive`, {
                transferId,
                status: current.status,
              });
            }
          }
          return receiveTransfer(ctx, transferId, [...lines.values()], opts);
        });
        if (o.json) return r.printJson(body);
        r.print(formatTransfer(body));
      },
    ),
  );

  withJson(
    withKey(
      transfer
        .command('cancel')
        .description('cancel what has not shipped: the source releases its transferReserved')
        .argument('<transferId>', 'the transfer'),
    ),
  ).action(
    r.action(async (id: string, o: Opts) => {
      const transferId = code('transferId', id);
      const opts = commandOpts(o);
      const { body } = await r.using((ctx) => cancelTransfer(ctx, transferId, opts));
      if (o.json) return r.printJson(body);
      r.print(formatTransfer(body));
    }),
  );

  withPaging(
    program
      .command('transfers')
      .description('transfers, oldest first; with a transfer id, that transfer and its events')
      .argument('[transferId]', 'show this transfer')
      .option('--status <status>', TRANSFER_STATUSES.join(', '))
      .option('--from <code>', 'only from this warehouse')
      .option('--to <code>', 'only to this warehouse'),
  ).action(
    r.action(
      async (id: string | undefined, o: PageOptions & { status?: string; from?: string; to?: string }) => {
        if (id !== undefined) {
          const transferId = code('transferId', id);
          const t = await r.using((ctx) => getTransfer(ctx, transferId));
          if (o.json) return r.printJson(t);
          r.print(formatTransfer(t));
          for (const e of t.events) r.print(`  ${e.at} ${e.type} by ${e.actor}: ${eventLines(e.lines)}`);
          return;
        }
        if (o.status !== undefined && !(TRANSFER_STATUSES as readonly string[]).includes(o.status)) {
          bad('--status', o.status, `"${o.status}" is not one of ${TRANSFER_STATUSES.join(', ')}`);
        }
        const filter = {
          status: o.status as TransferStatus | undefined,
          from: optional(o.from, (v) => code('--from', v)),
          to: optional(o.to, (v) => code('--to', v)),
          cursor: cursor(o),
          limit: limit(o.limit),
        };
        const page = await r.using((ctx) => listTransfers(ctx, filter));
        if (o.json) return r.printJson(page);
        if (page.items.length === 0) return r.print('no transfers');
        const sum = (t: TransferSummary, f: 'planned' | 'shipped' | 'received' | 'inTransit') =>
          t.lines.reduce((n, l) => n + l[f], 0);
        r.print(
          table(
            ['transfer', 'from', 'to', 'status', 'planned', 'shipped', 'received', 'inTransit', 'created'],
            page.items.map((t) => [
              t.transferId,
              t.from,
              t.to,
              t.status,
              sum(t, 'planned'),
              sum(t, 'shipped'),
              sum(t, 'received'),
              sum(t, 'inTransit'),
              t.createdAt,
            ]),
          ),
        );
        r.more(page);
      },
    ),
  );

  withPaging(
    program
      .command('in-transit')
      .description('units on the road, per SKU and transfer')
      .option('--sku <sku>', 'only this SKU'),
  ).action(
    r.action(async (o: PageOptions & { sku?: string }) => {
      const filter = {
        sku: optional(o.sku, (v) => code('--sku', v)),
        cursor: cursor(o),
        limit: limit(o.limit),
      };
      const page = await r.using((ctx) => listInTransit(ctx, filter));
      if (o.json) return r.printJson(page);
      if (page.items.length === 0) return r.print('nothing in transit');
      r.print(
        table(
          ['sku', 'transfer', 'from', 'to', 'status', 'inTransit'],
          page.items.map((i) => [i.sku, i.transferId, i.from, i.to, i.status, i.inTransit]),
        ),
      );
      r.more(page);
    }),
  );
}

function registerVirtual(program: Command, r: Runner): void {
  withJson(
    withKey(
      program
        .command('virtual')
        .description("set a position's virtual stock, a supplier's quick-supply capacity: virtual := qty")
        .argument('<warehouse>', 'warehouse code')
        .argument('<sku>', 'SKU')
        .argument('<qty>', 'units the supplier can deliver quickly (0 to stop)')
        .option('--supplier <name>', 'who supplies them')
        .option('--lead-time-days <n>', `days the supplier needs (0 to ${MAX_LEAD_TIME_DAYS})`),
    ),
  ).action(
    r.action(
      async (
        w: string,
        s: string,
        q: string,
        o: JsonOption & KeyOption & { supplier?: string; leadTimeDays?: string },
      ) => {
        const leadTimeDays = optional(o.leadTimeDays, (v) => units('--lead-time-days', v, 0));
        if (leadTimeDays !== undefined && leadTimeDays > MAX_LEAD_TIME_DAYS) {
          bad('--lead-time-days', o.leadTimeDays, `is at most ${MAX_LEAD_TIME_DAYS}`);
        }
        const input = {
          warehouse: code('warehouse', w),
          sku: code('sku', s),
          virtual: units('qty', q, 0),
          supplier: optional(o.supplier, (v) => text('--supplier', v, MAX_REASON)),
          leadTimeDays,
        };
        const opts = commandOpts(o);
        const { body } = await r.using((ctx) => setVirtualStock(ctx, input, opts));
        if (o.json) return r.printJson(body);
        const supplier = body.supplier ? ` from ${body.supplier}, ${body.leadTimeDays} days lead time` : '';
        r.print(`set virtual stock of ${body.sku} at ${body.warehouse} to ${body.virtual}${supplier}`);
        r.print(positionLine(body.sku, body.position));
      },
    ),
  );

  withJson(
    program
      .command('backorders')
      .description('what purchasing must bring in: units reserved beyond physically free stock, by supplier')
      .option('--warehouse <code>', 'only this warehouse')
      .option('--supplier <name>', 'only this supplier'),
  ).action(
    r.action(async (o: JsonOption & { warehouse?: string; supplier?: string }) => {
      const filter = {
        warehouse: optional(o.warehouse, (v) => code('--warehouse', v)),
        supplier: optional(o.supplier, (v) => text('--supplier', v, MAX_REASON)),
      };
      const page = await r.using((ctx) => listBackorders(ctx, filter));
      if (o.json) return r.printJson(page);
      if (page.items.length === 0) return r.print('no backorders');
      r.print(
        table(
          ['supplier', 'warehouse', 'sku', 'backordered', 'onHand', 'reserved', 'virtual', 'leadTimeDays'],
          page.items.map((b) => [
            b.supplier ?? '-',
            b.warehouse,
            b.sku,
            b.backordered,
            b.onHand,
            b.reserved,
            b.virtual,
            b.leadTimeDays ?? '-',
          ]),
        ),
      );
    }),
  );
}
