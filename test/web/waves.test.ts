import { describe, expect, it } from 'vitest';
import { describeRelease, parseLocalDateTime, parseWaves } from '../../web/src/lib/waves.ts';

const now = new Date(2030, 0, 1, 8, 0);
const local = (y: number, mo: number, d: number, h: number, mi = 0) =>
  new Date(y, mo - 1, d, h, mi).toISOString();

describe('a lock release schedule typed by a person', () => {
  it('reads local date-times as a datetime-local input gives them, and refuses impossible dates', () => {
    expect(parseLocalDateTime('2030-01-01T10:00')?.toISOString()).toBe(local(2030, 1, 1, 10));
    expect(parseLocalDateTime('2030-01-01 9:30')?.toISOString()).toBe(local(2030, 1, 1, 9, 30));
    expect(parseLocalDateTime('2030-02-31 10:00')).toBeNull();
    expect(parseLocalDateTime('tomorrow')).toBeNull();
  });

  it('parses one wave a line into UTC times and quantities', () => {
    const out = parseWaves('2030-01-01 10:00 = 20\n\n2030-01-01T12:00=20\n', { qty: 60, until: null, now });
    expect(out.errors).toEqual([]);
    expect(out.waves).toEqual([
      { at: local(2030, 1, 1, 10), qty: 20 },
      { at: local(2030, 1, 1, 12), qty: 20 },
    ]);
  });

  it('says what the API would refuse: order, the past, after until, more than the lock holds, bad lines', () => {
    const out = parseWaves('2030-01-01 12:00 = 30\n2030-01-01 10:00 = 20\n2029-12-31 10:00 = 1\nsoon = 5', {
      qty: 40,
      until: new Date(2030, 0, 1, 11, 0),
      now,
    });
    expect(out.errors).toEqual([
      'wave 1 is not before "until"',
      'wave 2 is not after wave 1: waves go in time order',
      'wave 3 is not in the future',
      'wave 3 is not after wave 2: waves go in time order',
      '"soon = 5" is not a wave: write date time = units, e.g. 2030-01-01 10:00 = 20',
      'the waves release 51 units but the lock holds 40',
    ]);
  });

  it('refuses a wave of zero units', () => {
    expect(parseWaves('2030-01-02 10:00 = 0', { qty: 5, until: null, now }).errors).toHaveLength(1);
  });

  it('says in words how the units come back', () => {
    const t = (iso: string) => iso.slice(11, 16);
    const u = (n: number) => String(n);
    const waves = [
      { at: '2030-01-01T10:00:00.000Z', qty: 20 },
      { at: '2030-01-01T12:00:00.000Z', qty: 20 },
    ];
    const until = new Date('2030-01-01T14:00:00Z');
    expect(describeRelease(60, waves, until, t, u)).toBe(
      '20 at 10:00, then 20 at 12:00, then the remaining 20 at 14:00',
    );
    expect(describeRelease(40, waves, until, t, u)).toBe('20 at 10:00, then 20 at 12:00');
    expect(describeRelease(60, [], null, t, u)).toBe('all 60 when unlocked by hand');
    expect(describeRelease(60, [], until, t, u)).toBe('all 60 at 14:00');
  });
});
