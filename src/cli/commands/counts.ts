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
  type CountScopeInput,
  type CountView,
} from '../../app/counts.ts';
import { COUNT_STATUSES, MAX_COUNT_LINES } from '../../domain/counts.ts';
import { indent, positionLine, table } from './format.ts';
import {
  bad,
  code,
  commandOpts,
  cursor,
  limit,
  MAX_REASON,
  oneOf,
  optional,
  skuQty,
  text,
  timestamp,
  units,
  withJson,
  withKey,
  withPaging,
  type JsonOption,
  type KeyOption,
  type PageOptions,
  type Runner,
} from './shared.ts';

// The API's limits on a count's requests (src/http/routes/counts.ts).
const MAX_LISTED_SKUS = 1000;
const MAX_ENTRY_LINES = 1000;
const MAX_SEED = 64;

type Opts = JsonOption & KeyOption;

// ---------------------------------------------------------------------------------------------
// Arguments.

function scopeOf(o: { skus?: string; sample?: string; seed?: string }): CountScopeInput {
  if (o.skus !== undefined && o.sample !== undefined)
    bad('--skus', o.skus, 'and --sample exclude each other');
  if (o.seed !== undefined && o.sample === undefined) bad('--seed', o.seed, 'needs --sample');
  if (o.skus !== undefined) {
    const skus = o.skus.split(',').map((s) => code('--skus', s.trim()));
    const twice = skus.find((s, i) => skus.indexOf(s) !== i);
    if (twice !== undefined) bad('--skus', o.skus, `names ${twice} twice`);
    if (skus.length > MAX_LISTED_SKUS) bad('--skus', o.skus, `lists at most ${MAX_LISTED_SKUS} SKUs`);
    return { kind: 'list', skus };
  }
  if (o.sample !== undefined) {
    const size = units('--sample', o.sample);
    if (size > MAX_COUNT_LINES) bad('--sample', o.sample, `is at most ${MAX_COUNT_LINES}`);
    return { kind: 'sample', size, seed: optional(o.seed, (v) => text('--seed', v, MAX_SEED)) };
  }
  return { kind: 'all' };
}

/** `<sku>=<reason>`, split at the first `=` (a code has none; a reason may). */
function skuReason(value: string): { sku: string; reason: string } {
  const at = value.indexOf('=');
  if (at <= 0) bad('--reason', value, `"${value}" is not <sku>=<reason>`);
  return {
    sku: code('--reason', value.slice(0, at)),
    reason: text('--reason', value.slice(at + 1), MAX_REASON),
  };
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
      .option('--skus <a,b,c>', `these SKUs (at most ${MAX_LISTED_SKUS}), also ones never held there`)
      .option('--sample <n>', "n SKUs drawn at random from the warehouse's positions")
      .option('--seed <seed>', 'with --sample: the same seed over the same positions draws the same SKUs')
      .option('--zone <zone>', "count one zone (or `default`): lines expect the zone's units"),
  ).action(
    r.action(
      async (w: string, o: Opts & { skus?: string; sample?: string; seed?: string; zone?: string }) => {
        const input = {
          warehouse: code('warehouse', w),
          ...(o.zone !== undefined && { zone: code('zone', o.zone) }),
          scope: scopeOf(o),
        };
        const opts = commandOpts(o);
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
      const countId = code('countId', id);
      if (entries.length > MAX_ENTRY_LINES) bad('line', null, `at most ${MAX_ENTRY_LINES} at once`);
      const countedAt = optional(o.countedAt, (v) => timestamp('--counted-at', v));
      const lines = entries.map((e) => {
        const { sku, qty } = skuQty('line', e, 0);
        return { sku, counted: qty, countedAt };
      });
      const opts = commandOpts(o);
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
      const countId = code('countId', id);
      const opts = commandOpts(o);
      const { body } = await r.using((ctx) =>
        closeCount(ctx, countId, { skipUncounted: o.skipUncounted }, opts),
      );
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
      const countId = code('countId', id);
      const reasons = o.reason?.map(skuReason);
      if (reasons && reasons.length > MAX_COUNT_LINES) bad('--reason', null, `at most ${MAX_COUNT_LINES}`);
      const input = {
        reasons,
        defaultReason: optional(o.defaultReason, (v) => text('--default-reason', v, MAX_REASON)),
      };
      const opts = commandOpts(o);
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
      const countId = code('countId', id);
      const opts = commandOpts(o);
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
      const countId = code('countId', id);
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
      const filter = {
        status: optional(o.status, (v) => oneOf('--status', v, COUNT_STATUSES)),
        warehouse: optional(o.warehouse, (v) => code('--warehouse', v)),
        cursor: cursor(o),
        limit: limit(o.limit),
      };
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
