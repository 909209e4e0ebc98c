/** The shop's damaged-stock suffix rule: which code suffixes name the damaged units of a SKU. */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app/context.ts';
import { getDamagedSuffixes, putDamagedSuffixes } from '../../app/damaged-suffix.ts';
import { DAMAGED_SUFFIX_PATTERN, MAX_DAMAGED_SUFFIXES } from '../../domain/damaged-suffix.ts';
import { ADMIN, EVERYONE } from '../auth.ts';

export const DamagedSuffixSettings = Type.Object(
  {
    suffixes: Type.Array(
      Type.String({ pattern: DAMAGED_SUFFIX_PATTERN.source, minLength: 1, maxLength: 4 }),
      {
        maxItems: MAX_DAMAGED_SUFFIXES,
        description: 'with ["U"], 351038U names the damaged units of 351038; [] turns the rule off',
        examples: [['U']],
      },
    ),
  },
  { additionalProperties: false },
);

export const damagedSuffixRoutes =
  (ctx: AppContext): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/v1/settings/damaged-suffix',
      {
        // Storefronts meet damaged codes too (availability answers them): any key may read it.
        config: { roles: EVERYONE, warehouseScoped: true },
        schema: {
          tags: ['settings'],
          summary: 'The code suffixes that name damaged units of a SKU (none: off)',
          response: { 200: DamagedSuffixSettings },
        },
      },
      async () => getDamagedSuffixes(ctx.db),
    );
    app.put(
      '/v1/settings/damaged-suffix',
      {
        config: { roles: ADMIN },
        schema: {
          tags: ['settings'],
          summary:
            'Set the damaged-stock suffixes; refused while SKUs already end with one (damaged_suffix_conflict)',
          body: DamagedSuffixSettings,
          response: { 200: DamagedSuffixSettings },
        },
      },
      async (req) => putDamagedSuffixes(ctx, req.body),
    );
  };
