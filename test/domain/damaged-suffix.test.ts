/** Which codes name damaged units of which SKU, and which suffix settings are refused: one row each. */
import { describe, expect, it } from 'vitest';
import { damagedCode, damagedCodes, validateDamagedSuffixes } from '../../src/domain/damaged-suffix.ts';
import { DomainError } from '../../src/domain/errors.ts';

describe('damagedCode', () => {
  const rows: [string, string[], { base: string; suffix: string } | null][] = [
    ['351038U', ['U'], { base: '351038', suffix: 'U' }],
    ['351038', ['U'], null],
    ['351038U', [], null],
    ['U', ['U'], null],
    ['MUGDMG', ['X', 'DMG'], { base: 'MUG', suffix: 'DMG' }],
    ['MUGu', ['U'], null],
    ['A-1U', ['U'], { base: 'A-1', suffix: 'U' }],
  ];
  it.each(rows)('%s under %j', (code, suffixes, expected) => {
    const d = damagedCode(code, suffixes);
    expect(d && { base: d.base, suffix: d.suffix }).toEqual(expected);
  });

  it('lists the damaged codes among many, once each, in order', () => {
    expect(damagedCodes(['AU', 'B', 'AU', 'CU'], ['U']).map((d) => d.code)).toEqual(['AU', 'CU']);
    expect(damagedCodes(['AU'], [])).toEqual([]);
  });
});

describe('validateDamagedSuffixes', () => {
  it.each([[[]], [['U']], [['U', 'DMG', 'B2', 'Z']]])('accepts %j', (suffixes) => {
    expect(validateDamagedSuffixes(suffixes)).toEqual(suffixes);
  });

  it.each([[['u']], [['']], [['DAMAG']], [['U-']], [['U', 'U']], [['U', 'XU']], [['A', 'B', 'C', 'D', 'E']]])(
    'refuses %j with invalid_damaged_suffix',
    (suffixes) => {
      try {
        validateDamagedSuffixes(suffixes);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).code).toBe('invalid_damaged_suffix');
      }
    },
  );
});
