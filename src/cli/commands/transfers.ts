/** Transfers between warehouses: plan, ship, receive, cancel, and the lists and units in transit. */
import type { Command } from 'commander';
import {
  cancelTransfer,
  getTransfer,
  listInTransit,
  listTransfers,
  planTransfer,
  receiveTransfer,
  shipTransfer,
  type TransferSummary,
} from '../../app/transfers.ts';
import { fail } from '../../domain/errors.ts';
import { TRANSFER_STATUSES, type ReceiveLineRequest } from '../../domain/transfers.ts';
import {
  InTransitQuery,
  PlanBody,
  ReceiveBody,
  ShipBody,
  TransferParams,
  TransferQuery,
} from '../../http/routes/transfers.ts';
import { indent, table } from './format.ts';
import {
  bad,
  commandOpts,
  pageQuery,
  request,
  skuQty,
  withJson,
  withKey,
  withPaging,
  type JsonOption,
  type KeyOption,
  type PageOptions,
  type Runner,
} from './shared.ts';

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
    indent(
      table(
        ['sku', 'planned', 'shipped', 'cancelled', 'received', 'damaged', 'lost', 'open', 'inTransit'],
        rows,
      ),
    ),
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

export function registerTransfers(program: Command, r: Runner): void {
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
      const input = await request('body', PlanBody, {
        transferId: o.id,
        from,
        to,
        lines: lines.map((l) => skuQty('line', l)),
        note: o.note,
      });
      const opts = await commandOpts(o);
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
      const { transferId } = await request('params', TransferParams, { transferId: id });
      const { lines: requested } = await request('body', ShipBody, {
        lines: lines && lines.length > 0 ? lines.map((l) => skuQty('line', l)) : undefined,
      });
      const opts = await commandOpts(o);
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
        const { transferId } = await request('params', TransferParams, { transferId: id });
        const given = [...(o.received ?? []), ...(o.damaged ?? []), ...(o.lost ?? [])].length > 0;
        if (Boolean(o.all) === given) {
          bad('--received', null, 'or --damaged or --lost is needed, or --all alone');
        }
        const { lossReason } = o;
        if (lossReason !== undefined && !o.lost) bad('--loss-reason', lossReason, 'is given without --lost');
        // One line per SKU, as the API takes them; a quantity that is not a number stays as given,
        // for the route's schema to refuse.
        type Amount = number | string;
        const asked = new Map<string, { sku: string; received: Amount; damaged?: Amount; lost?: Amount }>();
        const add = (
          argument: string,
          values: string[] | undefined,
          field: 'received' | 'damaged' | 'lost',
        ) => {
          for (const value of values ?? []) {
            const { sku, qty } = skuQty(argument, value);
            const line = asked.get(sku) ?? { sku, received: 0 };
            const before = line[field] ?? 0;
            line[field] =
              typeof before === 'number' && typeof qty === 'number'
                ? before + qty
                : typeof before === 'string'
                  ? before
                  : qty;
            asked.set(sku, line);
          }
        };
        add('--received', o.received, 'received');
        add('--damaged', o.damaged, 'damaged');
        add('--lost', o.lost, 'lost');
        const lines = new Map<string, ReceiveLineRequest>();
        if (!o.all) {
          const checked = await request('body', ReceiveBody, {
            lines: [...asked.values()].map((l) => (l.lost === undefined ? l : { ...l, lossReason })),
          });
          for (const line of checked.lines) lines.set(line.sku, line);
        }
        const opts = await commandOpts(o);
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
      const { transferId } = await request('params', TransferParams, { transferId: id });
      const opts = await commandOpts(o);
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
          const { transferId } = await request('params', TransferParams, { transferId: id });
          const t = await r.using((ctx) => getTransfer(ctx, transferId));
          if (o.json) return r.printJson(t);
          r.print(formatTransfer(t));
          for (const e of t.events) r.print(`  ${e.at} ${e.type} by ${e.actor}: ${eventLines(e.lines)}`);
          return;
        }
        const filter = await pageQuery(TransferQuery, {
          status: o.status,
          from: o.from,
          to: o.to,
          cursor: o.cursor,
          limit: o.limit,
        });
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
      const filter = await pageQuery(InTransitQuery, { sku: o.sku, cursor: o.cursor, limit: o.limit });
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
