import { describe, expect, it } from 'vitest';
import { describeEventDates, MAX_EVENT_DATES, parseEventDates } from '../../web/src/lib/event-days.ts';

describe('event days as typed in Settings', () => {
  it('takes dates separated by lines, spaces or commas, sorted and once each', () => {
    expect(parseEventDates('2026-11-27\n2025-11-28, 2027-11-26 2025-11-28')).toEqual({
      dates: ['2025-11-28', '2026-11-27', '2027-11-26'],
      errors: [],
    });
  });

  it('names what is not a real date, and wants at least one', () => {
    expect(parseEventDates('2026-02-30 2026-13-01 27/11/2026 2026-11-27').errors).toEqual([
      '2026-02-30 is not a date (YYYY-MM-DD)',
      '2026-13-01 is not a date (YYYY-MM-DD)',
      '27/11/2026 is not a date (YYYY-MM-DD)',
    ]);
    expect(parseEventDates('  \n ').errors).toEqual(['give at least one date']);
    const many = Array.from({ length: MAX_EVENT_DATES + 1 }, (_, i) =>
      new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10),
    ).join(' ');
    expect(parseEventDates(many).errors).toEqual([`at most ${MAX_EVENT_DATES} dates`]);
  });

  it('says which dates teach the uplift and which get it', () => {
    expect(describeEventDates(['2025-11-28', '2026-11-27'], '2026-11-26')).toBe(
      '2 dates: 1 past (the uplift is learned from them), 1 to come',
    );
  });
});
