/** The shop's damaged-stock suffix rule: show it, set it, or turn it off. */
import type { Command } from 'commander';
import { getDamagedSuffixes, putDamagedSuffixes } from '../../app/damaged-suffix.ts';
import { DamagedSuffixSettings } from '../../http/routes/damaged-suffix.ts';
import { bad, request, withJson, type JsonOption, type Runner } from './shared.ts';

export function registerDamagedSuffix(program: Command, r: Runner): void {
  withJson(
    program
      .command('damaged-suffix')
      .description('show or set the code suffixes that name damaged units (U: 351038U is damaged 351038)'),
  )
    .argument('[suffixes...]', 'suffixes to set, e.g. U (1-4 upper-case letters or digits, at most 4)')
    .option('--off', 'turn the rule off: codes ending in a suffix are ordinary SKUs again')
    .action(
      r.action(async (suffixes: string[], o: JsonOption & { off?: boolean }) => {
        if (o.off && suffixes.length > 0) bad('--off', suffixes, 'takes no suffixes');
        const settings =
          o.off || suffixes.length > 0
            ? await request('body', DamagedSuffixSettings, { suffixes: o.off ? [] : suffixes })
            : null;
        const body = await r.using((ctx) =>
          settings ? putDamagedSuffixes(ctx, settings) : getDamagedSuffixes(ctx.db),
        );
        if (o.json) return r.printJson(body);
        r.print(
          body.suffixes.length === 0
            ? 'damaged-stock suffixes: off'
            : `damaged-stock suffixes: ${body.suffixes.join(', ')}`,
        );
      }),
    );
}
