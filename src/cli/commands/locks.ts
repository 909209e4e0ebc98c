/** Promotion locks: lock units with release waves or an end, unlock, and list them. */
import type { Command } from 'commander';
import { createLock, getLock, listLocks, unlockLock, type LockView } from '../../app/locks.ts';
import { LockBody, LockParams, LockQuery, UnlockBody } from '../../http/routes/locks.ts';
import { positionLine, table, when } from './format.ts';
import {
  commandOpts,
  numeral,
  optional,
  pageQuery,
  pair,
  request,
  withJson,
  withKey,
  withPaging,
  type JsonOption,
  type KeyOption,
  type PageOptions,
  type Runner,
} from './shared.ts';

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

export function registerLocks(program: Command, r: Runner): void {
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
          return { at, qty };
        });
        const input = await request('body', LockBody, {
          warehouse: w,
          sku: s,
          qty: numeral(q),
          reason: o.reason,
          until: o.until,
          waves,
        });
        const opts = await commandOpts(o);
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
      const { id: lockId } = await request('params', LockParams, { id });
      const { qty } = await request('body', UnlockBody, { qty: optional(q, numeral) });
      const opts = await commandOpts(o);
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
          const { id: lockId } = await request('params', LockParams, { id });
          const lock = await r.using((ctx) => getLock(ctx, lockId));
          if (o.json) return r.printJson(lock);
          r.print(formatLock(lock));
          for (const rel of lock.releases)
            r.print(`  released ${rel.qty} at ${rel.at}: ${rel.reason ?? '-'} (by ${rel.actor ?? '-'})`);
          return;
        }
        const filter = await pageQuery(LockQuery, {
          warehouse: o.warehouse,
          sku: o.sku,
          active: o.all ? undefined : true,
          cursor: o.cursor,
          limit: o.limit,
        });
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
