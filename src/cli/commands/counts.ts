/**
 * Cycle counts from the command line (docs/counts.md): open a count, enter what was counted
 * (blind: nothing printed while the count is open shows what the books expect), close it to
 * see the variances and accuracy, post the variances with reasons, or cancel; list and show.
 */
import type { Command } from 'commander';
import {
  cancelCount,
  closeCount,
  getCount,
  listCounts,
  openCount,
  postCount,
  recordEntries,
  type CountDetail,
  type CountLineView,
  type CountView,
} from '../../app/counts.ts';
import { COUNT_STATUSES } from '../../domain/counts.ts';
import {
  CloseBody,
  CountParams,
  CountQuery,
  EntriesBody,
  OpenBody,
  PostBody,
} from '../../http/routes/counts.ts';
import { indent, positionLine, table } from './format.ts';
import {
  bad,
  commandOpts,
  numeral,
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

type Opts = JsonOption & KeyOption;

// ---------------------------------------------------------------------------------------------
// Arguments.

/** The scope of a count as the API takes it; the route's schema checks it. */
function scopeOf(o: { skus?: string; sample?: string; seed?: string }) {
  if (o.skus !== undefined && o.sample !== undefined)
    bad('--skus', o.skus, 'and --sample exclude each other');
  if (o.seed !== undefined && o.sample === undefined) bad('--seed', o.seed, 'needs --sample');
  if (o.skus !== undefined) return { kind: 'list', skus: o.skus.split(',').map((s) => s.trim()) };
  if (o.sample !== undefined) return { kind: 'sample', size: numeral(o.sample), seed: o.seed };
  return { kind: 'all' };
}

/** `<sku>=<reason>`, split at the first `=` (a code has none; a reason may). */
function skuReason(value: string): { sku: string; reason: string } {
  const at = value.indexOf('=');
  if (at <= 0) bad('--reason', value, `"${value}" is not <sku>=<reason>`);
  return { sku: value.slice(0, at), reason: value.slice(at + 1) };
}

// ---------------------------------------------------------------------------------------------
// Output.

const dash = <T>(value: T | null | undefined): T | string => value ?? '-';
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const percent = (accuracy: number) => `${(accuracy * 100).toFixed(2)}%`;

function scopeText(c: CountView): string {
  if (c.scope.kind === 'sample') return `a sample of ${c.scope.size} SKUs, seed ${c.scope.seed}`;
  return c.scope.kind === 'all' ? 'every SKU held there' : 'listed SKUs';
}

/** The count's heading and figures; the variance figures once it is closed. */
function countHeading(c: CountView): string[] {
  const lines = [
    `count ${c.countId} at ${c.warehouse}${c.zone === null ? '' : `, zone ${c.zone}`}: ${c.status} (${scopeText(c)})`,
    `  ${c.linesCounted} of ${c.linesTotal} lines counted`,
  ];
  if (c.accuracy !== null) {
    lines[1] +=
      `: ${c.linesMatched} matched, ${c.linesWithVariance} with variance, net ${signed(c.netVariance ?? 0)} units;` +
      ` accuracy ${percent(c.accuracy)}`;
  }
  return lines;
}

/** The lines: blind (no expected quantity, no variance) while the count is open. */
function lineTable(lines: readonly CountLineView[]): string {
  const blind = lines.every((l) => l.expected === undefined);
  if (blind) {
    return table(
      ['sku', 'counted', 'countedAt', 'countedBy'],
      lines.map((l) => [l.sku, dash(l.counted), dash(l.countedAt), dash(l.countedBy)]),
    );
  }
  return table(
    ['sku', 'expected', 'counted', 'variance', 'reason'],
    lines.map((l) => [l.sku, dash(l.expected), dash(l.counted), dash(l.variance), dash(l.reason)]),
  );
}

function formatCount(c: CountDetail): string {
  return [...countHeading(c), indent(lineTable(c.lines))].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The commands.

export function registerCounts(program: Command, r: Runner): void {
  const count = program
    .command('count')
    .description('cycle counts: open, enter what was counted (blind), close, post the variances, or cancel');
  const writing = (c: Command) => withJson(withKey(c));

  writing(
    count
      .command('open')
      .description('open a count at a warehouse: every SKU held there, a list, or a seeded random sample')
      .argument('<warehouse>', 'warehouse code')
      .option('--skus <a,b,c>', 'these SKUs, also ones never held there')
      .option('--sample <n>', "n SKUs drawn at random from the warehouse's positions")
      .option('--seed <seed>', 'with --sample: the same seed over the same positions draws the same SKUs')
      .option('--zone <zone>', "count one zone (or `default`): lines expect the zone's units"),
  ).action(
    r.action(
      async (w: string, o: Opts & { skus?: string; sample?: string; seed?: string; zone?: string }) => {
        const input = await request('body', OpenBody, { warehouse: w, zone: o.zone, scope: scopeOf(o) });
        const opts = await commandOpts(o);
        const { body } = await r.using((ctx) => openCount(ctx, input, opts));
        if (o.json) return r.printJson(body);
        r.print(formatCount(body));
      },
    ),
  );

  writing(
    count
      .command('enter')
      .description(
        'record (or overwrite) counted quantities while the count is open; prints no expected quantity',
      )
      .argument('<countId>', 'the count')
      .argument('<sku=qty...>', 'units counted per SKU (0 for none found), all bins together')
      .option('--counted-at <time>', 'when they were counted, if not now (ISO date-time with a zone)'),
  ).action(
    r.action(async (id: string, entries: string[], o: Opts & { countedAt?: string }) => {
      const { id: countId } = await request('params', CountParams, { id });
      const { lines } = await request('body', EntriesBody, {
        lines: entries.map((e) => {
          const { sku, qty } = skuQty('line', e);
          return { sku, counted: qty, countedAt: o.countedAt };
        }),
      });
      const opts = await commandOpts(o);
      const { body } = await r.using((ctx) => recordEntries(ctx, countId, { lines }, opts));
      if (o.json) return r.printJson(body);
      const entered = new Set(lines.map((l) => l.sku));
      r.print(
        `recorded ${lines.length} line${lines.length === 1 ? '' : 's'} of count ${body.countId} at ${body.warehouse}: ` +
          `${body.linesCounted} of ${body.linesTotal} counted`,
      );
      r.print(indent(lineTable(body.lines.filter((l) => entered.has(l.sku)))));
    }),
  );

  writing(
    count
      .command('close')
      .description(
        'close a count for review: prints each line with expected, counted and variance, and the accuracy',
      )
      .argument('<countId>', 'the count')
      .option('--skip-uncounted', 'close although lines are uncounted: they are left out and never posted'),
  ).action(
    r.action(async (id: string, o: Opts & { skipUncounted?: boolean }) => {
      const { id: countId } = await request('params', CountParams, { id });
      const input = await request('body', CloseBody, { skipUncounted: o.skipUncounted });
      const opts = await commandOpts(o);
      const { body } = await r.using((ctx) => closeCount(ctx, countId, input, opts));
      if (o.json) return r.printJson(body);
      r.print(formatCount(body));
    }),
  );

  writing(
    count
      .command('post')
      .description(
        'post a closed count: each variance becomes a count movement (onHand += variance) with its reason',
      )
      .argument('<countId>', 'the count')
      .option('--reason <sku=reason...>', "a SKU's reason, e.g. TEE=theft")
      .option('--default-reason <text>', 'the reason of every variance without its own'),
  ).action(
    r.action(async (id: string, o: Opts & { reason?: string[]; defaultReason?: string }) => {
      const { id: countId } = await request('params', CountParams, { id });
      const input = await request('body', PostBody, {
        reasons: o.reason?.map(skuReason),
        defaultReason: o.defaultReason,
      });
      const opts = await commandOpts(o);
      const { body } = await r.using((ctx) => postCount(ctx, countId, input, opts));
      if (o.json) return r.printJson(body);
      r.print(formatCount(body));
      for (const p of body.positions) r.print(positionLine(p.sku, p));
    }),
  );

  writing(
    count
      .command('cancel')
      .description('cancel an open or closed count: nothing is posted, its SKUs may be counted again')
      .argument('<countId>', 'the count'),
  ).action(
    r.action(async (id: string, o: Opts) => {
      const { id: countId } = await request('params', CountParams, { id });
      const opts = await commandOpts(o);
      const { body } = await r.using((ctx) => cancelCount(ctx, countId, opts));
      if (o.json) return r.printJson(body);
      r.print(countHeading(body).join('\n'));
    }),
  );

  withJson(
    count
      .command('show')
      .description('a count and its lines; expected quantities and variances only once closed')
      .argument('<countId>', 'the count'),
  ).action(
    r.action(async (id: string, o: JsonOption) => {
      const { id: countId } = await request('params', CountParams, { id });
      const body = await r.using((ctx) => getCount(ctx, countId));
      if (o.json) return r.printJson(body);
      r.print(formatCount(body));
    }),
  );

  withPaging(
    program
      .command('counts')
      .description('cycle counts, oldest first, with their figures')
      .option('--status <status>', COUNT_STATUSES.join(', '))
      .option('--warehouse <code>', 'only this warehouse'),
  ).action(
    r.action(async (o: PageOptions & { status?: string; warehouse?: string }) => {
      const filter = await pageQuery(CountQuery, {
        status: o.status,
        warehouse: o.warehouse,
        cursor: o.cursor,
        limit: o.limit,
      });
      const page = await r.using((ctx) => listCounts(ctx, filter));
      if (o.json) return r.printJson(page);
      if (page.items.length === 0) return r.print('no counts');
      r.print(
        table(
          [
            'count',
            'warehouse',
            'status',
            'scope',
            'lines',
            'counted',
            'matched',
            'netVariance',
            'accuracy',
            'created',
          ],
          page.items.map((c) => [
            c.countId,
            c.warehouse,
            c.status,
            c.scope.kind,
            c.linesTotal,
            c.linesCounted,
            dash(c.linesMatched),
            dash(c.netVariance),
            c.accuracy === null ? '-' : percent(c.accuracy),
            c.createdAt,
          ]),
        ),
      );
      r.more(page);
    }),
  );
}
