/** Zones (docs/zones.md): listing a warehouse's zones, moving units between zones, counting one. */
import type { Command } from 'commander';
import { countZone, listZones, moveBetweenZones, type ZoneUnitsView } from '../../app/zones.ts';
import { ZoneCountBody, ZoneMoveBody } from '../../http/routes/zones.ts';
import { CodeParams, PositionParams } from '../../http/schemas.ts';
import { positionLine } from './format.ts';
import {
  CLI_ACTOR,
  commandOpts,
  numeral,
  request,
  withJson,
  withKey,
  type JsonOption,
  type KeyOption,
  type Runner,
} from './shared.ts';

const zonesLine = (zones: ZoneUnitsView[]) =>
  `  by zone: ${zones.map((z) => `${z.zone}${z.sellable ? '' : ' (unsellable)'} ${z.units}`).join(', ')}`;

export function registerZones(program: Command, r: Runner): void {
  type Opts = JsonOption & KeyOption & { reason: string };

  withJson(
    program.command('zones').description("list a warehouse's named zones (the default zone is implicit)"),
  )
    .argument('<warehouse>', 'warehouse code')
    .action(
      r.action(async (w: string, o: JsonOption) => {
        const { code } = await request('params', CodeParams, { code: w });
        const page = await r.using((ctx) => listZones(ctx, code, CLI_ACTOR));
        if (o.json) return r.printJson(page);
        if (page.items.length === 0)
          return r.print(`no named zones at ${w}: every unit is in the default zone`);
        for (const z of page.items) {
          r.print(`${z.code}\t${z.kind}\t${z.sellable ? 'sellable' : 'unsellable'}\t${z.name}`);
        }
      }),
    );

  withJson(
    withKey(
      program
        .command('zone-move')
        .description(
          'move units of a position between zones (into an unsellable zone: never reserved units)',
        ),
    ),
  )
    .argument('<warehouse>', 'warehouse code')
    .argument('<sku>', 'SKU')
    .argument('<from>', 'zone the units leave (default: the implicit zone)')
    .argument('<to>', 'zone the units enter')
    .argument('<qty>', 'units to move')
    .requiredOption('--reason <text>', 'why, for the ledger')
    .action(
      r.action(async (w: string, s: string, from: string, to: string, q: string, o: Opts) => {
        const position = await request('params', PositionParams, { sku: s, warehouse: w });
        const move = await request('body', ZoneMoveBody, { from, to, qty: numeral(q), reason: o.reason });
        const opts = await commandOpts(o);
        const { body } = await r.using((ctx) => moveBetweenZones(ctx, { ...position, ...move }, opts));
        if (o.json) return r.printJson(body);
        r.print(
          `moved ${body.qty} ${body.sku} at ${body.warehouse} from ${body.from} to ${body.to} (${body.zoneMoveId})`,
        );
        r.print(positionLine(body.sku, body.position));
        r.print(zonesLine(body.position.zones));
      }),
    );

  withJson(
    withKey(
      program.command('zone-count').description('count one zone of a position; the variance is booked'),
    ),
  )
    .argument('<warehouse>', 'warehouse code')
    .argument('<sku>', 'SKU')
    .argument('<zone>', 'zone counted (default: the implicit zone)')
    .argument('<counted>', 'units found')
    .requiredOption('--reason <text>', 'why, for the ledger')
    .action(
      r.action(async (w: string, s: string, zone: string, c: string, o: Opts) => {
        const position = await request('params', PositionParams, { sku: s, warehouse: w });
        const count = await request('body', ZoneCountBody, { zone, counted: numeral(c), reason: o.reason });
        const opts = await commandOpts(o);
        const { body } = await r.using((ctx) => countZone(ctx, { ...position, ...count }, opts));
        if (o.json) return r.printJson(body);
        r.print(
          `counted ${body.counted} ${body.sku} in ${body.zone} at ${body.warehouse}: expected ${body.expected}, variance ${body.variance} (${body.zoneCountId})`,
        );
        r.print(positionLine(body.sku, body.position));
        r.print(zonesLine(body.position.zones));
      }),
    );
}
