import { describe, expect, it } from 'vitest';
import {
  EMPTY_STANDING_ORDER_FORM,
  reservedAhead,
  standingOrderBody,
  withStatus,
  type StandingOrder,
} from '../../web/src/lib/standing-orders.ts';

const filled = {
  ...EMPTY_STANDING_ORDER_FORM,
  id: 'weekly-1',
  customer: ' C-42 ',
  warehouse: 'LON',
  lines: 'MUG=2\nTEE 1',
  startsOn: '2030-01-05',
};

describe('standing order form', () => {
  it('turns a filled-in form into the PUT body', () => {
    expect(standingOrderBody(filled)).toEqual({
      id: 'weekly-1',
      body: {
        customer: 'C-42',
        warehouse: 'LON',
        lines: [
          { sku: 'MUG', qty: 2 },
          { sku: 'TEE', qty: 1 },
        ],
        schedule: { startsOn: '2030-01-05', everyDays: 7 },
        reserveDaysAhead: 3,
      },
    });
    const withAll = standingOrderBody({
      ...filled,
      channel: 'web',
      endsOn: '2030-06-30',
      reserveDaysAhead: '0',
    });
    expect(withAll).toMatchObject({
      body: { channel: 'web', schedule: { endsOn: '2030-06-30' }, reserveDaysAhead: 0 },
    });
  });

  it.each([
    [{ id: '' }, 'incomplete'],
    [{ warehouse: '' }, 'incomplete'],
    [{ id: 'has space' }, 'id'],
    [{ id: 'x'.repeat(41) }, 'id'],
    [{ lines: 'MUG=two' }, 'lines'],
    [{ lines: 'MUG=1\nMUG=2' }, 'lines'],
    [{ everyDays: '0' }, 'everyDays'],
    [{ everyDays: '1.5' }, 'everyDays'],
    [{ reserveDaysAhead: '61' }, 'reserveDaysAhead'],
    [{ endsOn: '2030-01-04' }, 'dates'],
  ])('%o: %s', (change, expected) => {
    const r = standingOrderBody({ ...filled, ...change });
    if (expected === 'incomplete') expect(r).toEqual({ incomplete: true });
    else expect(r).toEqual({ problem: expected });
  });
});

describe('a standing order as it is', () => {
  const so = {
    id: 'weekly-1',
    customer: 'C-42',
    warehouse: 'LON',
    channel: null,
    lines: [{ sku: 'MUG', qty: 2 }],
    schedule: { startsOn: '2030-01-05', everyDays: 7, endsOn: null },
    reserveDaysAhead: 2,
    status: 'active',
    nextDeliveryOn: '2030-01-19',
    upcoming: [],
    deliveries: [
      {
        deliveryOn: '2030-01-12',
        orderId: 'so:weekly-1:2030-01-12',
        status: 'reserved',
        details: {},
        attempts: 1,
        updatedAt: '',
      },
      {
        deliveryOn: '2030-01-05',
        orderId: 'so:weekly-1:2030-01-05',
        status: 'reserved',
        details: {},
        attempts: 1,
        updatedAt: '',
      },
      { deliveryOn: '2029-12-29', orderId: null, status: 'missed', details: {}, attempts: 2, updatedAt: '' },
    ],
    createdAt: '',
    updatedAt: '',
  } as StandingOrder;

  it('pauses with its own lines and schedule', () => {
    expect(withStatus(so, 'paused')).toEqual({
      customer: 'C-42',
      warehouse: 'LON',
      channel: null,
      lines: [{ sku: 'MUG', qty: 2 }],
      schedule: { startsOn: '2030-01-05', everyDays: 7, endsOn: null },
      reserveDaysAhead: 2,
      status: 'paused',
    });
  });

  it('tells the deliveries reserved whose day has not passed', () => {
    expect(reservedAhead(so, '2030-01-10').map((d) => d.deliveryOn)).toEqual(['2030-01-12']);
    expect(reservedAhead(so, '2030-01-13')).toEqual([]);
  });
});
