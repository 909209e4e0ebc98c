import { describe, expect, it } from 'vitest';
import { receiveLines, receiveRows, shipLines, type ReceiveRow } from '../../web/src/lib/transfer-forms.ts';

const row = (over: Partial<ReceiveRow> = {}): ReceiveRow => ({
  sku: 'MUG',
  inTransit: 6,
  received: '6',
  damaged: '0',
  lost: '0',
  lossReason: '',
  ...over,
});

describe('receiving a transfer split per line', () => {
  it('starts with everything on the road arriving in good condition', () => {
    const rows = receiveRows([
      { sku: 'MUG', inTransit: 6 },
      { sku: 'HAT', inTransit: 0 },
    ]);
    expect(rows).toEqual([row()]);
    expect(receiveLines(rows)).toEqual({ lines: [{ sku: 'MUG', received: 6 }], errors: [], remaining: [] });
  });

  it('sends good, damaged and lost with its reason, as the docs example', () => {
    const out = receiveLines([
      row({ received: '4', damaged: '1', lost: '1', lossReason: ' missing on arrival ' }),
    ]);
    expect(out.errors).toEqual([]);
    expect(out.lines).toEqual([
      { sku: 'MUG', received: 4, damaged: 1, lost: 1, lossReason: 'missing on arrival' },
    ]);
  });

  it('refuses more than is in transit, a loss without a reason and what is not a whole number', () => {
    expect(receiveLines([row({ received: '6', damaged: '1' })]).errors).toEqual([
      'MUG: 7 accounted for but only 6 in transit',
    ]);
    expect(receiveLines([row({ received: '5', lost: '1' })]).errors).toEqual(['MUG: say why 1 unit is lost']);
    expect(receiveLines([row({ received: '2.5' })]).errors).toEqual([
      'MUG: quantities are whole numbers (0 or more)',
    ]);
    expect(receiveLines([row({ received: '-1' })]).errors).toHaveLength(1);
  });

  it('leaves out lines accounting for no unit, says what stays on the road, and needs at least one unit', () => {
    const out = receiveLines([row({ received: '3' }), row({ sku: 'HAT', inTransit: 2, received: '' })]);
    expect(out.lines).toEqual([{ sku: 'MUG', received: 3 }]);
    expect(out.remaining).toEqual([
      { sku: 'MUG', qty: 3 },
      { sku: 'HAT', qty: 2 },
    ]);
    expect(receiveLines([row({ received: '0' })]).errors).toEqual([
      'Nothing to receive: account for at least one unit.',
    ]);
  });
});

describe('shipping part of a transfer', () => {
  it('ships the chosen units of each line, up to what is planned', () => {
    expect(
      shipLines([
        { sku: 'MUG', open: 6, qty: '4' },
        { sku: 'HAT', open: 2, qty: '0' },
      ]),
    ).toEqual({ lines: [{ sku: 'MUG', qty: 4 }], errors: [] });
    expect(shipLines([{ sku: 'MUG', open: 6, qty: '7' }]).errors).toEqual([
      'MUG: 7 to ship but only 6 planned',
    ]);
    expect(shipLines([{ sku: 'MUG', open: 6, qty: 'x' }]).errors).toEqual(['MUG: "x" is not a whole number']);
    expect(shipLines([{ sku: 'MUG', open: 6, qty: '' }]).errors).toEqual([
      'Nothing to ship: give at least one unit.',
    ]);
  });
});
