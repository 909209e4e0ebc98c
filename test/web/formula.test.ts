import { describe, expect, it } from 'vitest';
import { segments, sellableOf, terms, workedFormula, type Quantities } from '../../web/src/lib/formula.ts';

const q = (over: Partial<Quantities>): Quantities => {
  const base = {
    onHand: 0,
    reserved: 0,
    damaged: 0,
    qcPending: 0,
    locked: 0,
    transferReserved: 0,
    virtual: 0,
    ...over,
  };
  return { ...base, sellable: over.sellable ?? sellableOf(base) };
};

describe('the sellable formula worked out', () => {
  it.each([
    // The README's LON row: 22 - 0 - (2 + 0) - 4 - 2 + 10 = 24
    [
      q({ onHand: 22, damaged: 2, locked: 4, transferReserved: 2, virtual: 10 }),
      '22 − 0 − (2 + 0) − 4 − 2 + 10 = 24',
      24,
    ],
    [q({ onHand: 3, damaged: 1 }), '3 − 0 − (1 + 0) − 0 − 0 + 0 = 2', 2],
    // Oversold by a physical fact: S is negative and shown so.
    [q({ onHand: 5, reserved: 8 }), '5 − 8 − (0 + 0) − 0 − 0 + 0 = -3', -3],
    [q({ onHand: 12000, qcPending: 500 }), '12,000 − 0 − (0 + 500) − 0 − 0 + 0 = 11,500', 11500],
  ])('%o', (quantities, text, sellable) => {
    expect(workedFormula(quantities, 'en-GB')).toEqual({ text, consistent: true });
    expect(sellableOf(quantities)).toBe(sellable);
  });

  it('flags a server sellable that the terms do not add up to', () => {
    expect(workedFormula({ ...q({ onHand: 5 }), sellable: 4 }, 'en-GB').consistent).toBe(false);
  });

  it('groups digits in the reader’s locale', () => {
    expect(workedFormula(q({ onHand: 12000 }), 'de-DE').text).toBe(
      '12.000 − 0 − (0 + 0) − 0 − 0 + 0 = 12.000',
    );
  });

  it('names the terms with their signs, U being damaged plus inspection', () => {
    const t = terms(q({ onHand: 9, damaged: 1, qcPending: 2, virtual: 3 }));
    expect(t.map((x) => `${x.sign > 0 ? '+' : '-'}${x.symbol}=${x.value}`)).toEqual([
      '+I=9',
      '-O=0',
      '-U=3',
      '-L=0',
      '-T=0',
      '+V=3',
    ]);
  });

  it('splits units by state for the stacked bar, never drawing free units negative', () => {
    expect(
      segments(
        q({ onHand: 22, reserved: 3, damaged: 2, qcPending: 1, locked: 4, transferReserved: 2, virtual: 10 }),
      ),
    ).toEqual({
      sellable: 10,
      reserved: 3,
      damaged: 2,
      inspection: 1,
      locked: 4,
      transfer: 2,
      virtual: 10,
    });
    expect(segments(q({ onHand: 5, reserved: 8 })).sellable).toBe(0);
  });
});
