/**
 * Publishing the event log to NATS JetStream, against the real server (a throwaway stream per
 * run, deleted afterwards): subjects by event type, the event id as Nats-Msg-Id, log order, a
 * durable cursor, duplicates dropped after a crash, one publisher at a time. Skipped (the run
 * says so) without a NATS server, except with CI=true, where the global setup requires one.
 */
import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sequencePass } from '../../src/app/events.ts';
import {
  defaultPublisherOptions,
  ensureStream,
  publishPass,
  releaseCursor,
  startNatsPublisher,
} from '../../src/app/nats.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

const natsUrl = inject('natsUrl');

describe.skipIf(!natsUrl).each(backends())('NATS JetStream publishing on $name', (backend) => {
  const tag = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const target = { stream: `STOCKROOM_TEST_${tag}`, subjectPrefix: `stockroom_test_${tag}` };
  let h: Harness;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
    nc = await connect({ servers: natsUrl!, timeout: 3000 });
    jsm = await jetstreamManager(nc);
    js = jetstream(nc);
  });
  afterAll(async () => {
    await jsm?.streams.delete(target.stream).catch(() => {});
    await nc?.close();
    await h?.close();
  });

  const drain = async () => {
    while (await sequencePass(h.ctx));
  };
  const streamMessages = async () => {
    const info = await jsm.streams.info(target.stream);
    const out = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(target.stream, { seq });
      if (m)
        out.push({
          subject: m.subject,
          msgId: m.header.get('Nats-Msg-Id'),
          event: m.json<{ id: string; seq: number; type: string }>(),
        });
    }
    return out;
  };
  const allEvents = async () => (await h.call('GET', '/v1/events?after=0&limit=1000')).body.items;

  it('creates the stream and publishes every event in log order, by type, with its id as Nats-Msg-Id', async () => {
    await ensureStream(nc, target);
    await ensureStream(nc, target); // there already: left as it is
    expect((await jsm.streams.info(target.stream)).config.subjects).toEqual([`${target.subjectPrefix}.>`]);

    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 2 }] });
    await h.call('POST', '/v1/orders', { orderId: 'n-1', lines: [{ sku: 'MUG', qty: 1 }] });
    await drain();
    const a = defaultPublisherOptions(target, { owner: 'proc_a' });
    const first = await publishPass(h.ctx, js, a);
    const events = await allEvents();
    expect(first).toEqual({ published: events.length, more: false });
    const messages = await streamMessages();
    expect(messages.map((m) => m.subject)).toEqual(
      events.map((e: { type: string }) => `${target.subjectPrefix}.${e.type}`),
    );
    expect(messages.map((m) => m.msgId)).toEqual(events.map((e: { id: string }) => e.id));
    expect(messages.map((m) => m.event)).toEqual(events);
    expect(messages.map((m) => m.subject)).toContain(`${target.subjectPrefix}.order.reserved`);

    // The cursor is durable: nothing is published twice.
    expect(await publishPass(h.ctx, js, a)).toEqual({ published: 0, more: false });
    expect((await streamMessages()).length).toBe(events.length);
  });

  it('after a crash before the cursor moved, republished events are dropped as duplicates', async () => {
    const before = (await streamMessages()).length;
    await h.db.query('update nats_cursors set cursor_seq = 0 where stream = $1', [target.stream]);
    const again = await publishPass(h.ctx, js, defaultPublisherOptions(target, { owner: 'proc_a' }));
    expect(again.published).toBe(before);
    expect((await streamMessages()).length).toBe(before);
  });

  it('publishes from one process at a time; another takes over when the lease runs out', async () => {
    const a = defaultPublisherOptions(target, { owner: 'proc_a', leaseMs: 30_000 });
    const b = defaultPublisherOptions(target, { owner: 'proc_b', leaseMs: 30_000 });
    expect((await publishPass(h.ctx, js, a)).published).toBe(0); // holds the lease
    await h.call('POST', '/v1/orders', { orderId: 'n-2', lines: [{ sku: 'MUG', qty: 1 }] });
    await drain();
    expect(await publishPass(h.ctx, js, b)).toEqual({ published: 0, more: false });
    h.advance(30_001);
    const taken = await publishPass(h.ctx, js, b);
    expect(taken.published).toBeGreaterThan(0);
    expect((await publishPass(h.ctx, js, a)).published).toBe(0); // b holds it now
    await releaseCursor(h.ctx, b);
    const messages = await streamMessages();
    expect(messages.map((m) => m.event.seq)).toEqual(messages.map((_m, i) => i + 1));
    expect(messages.at(-1)!.event.id).toBe((await allEvents()).at(-1).id);
  });

  it('runs in the background from serve: new events reach the stream', async () => {
    const errors: unknown[] = [];
    const publisher = startNatsPublisher(h.ctx, {
      ...target,
      url: natsUrl!,
      intervalMs: 20,
      onError: (err) => errors.push(err),
    });
    try {
      await h.call('POST', '/v1/orders', { orderId: 'n-3', lines: [{ sku: 'MUG', qty: 1 }] });
      await drain();
      const last = (await allEvents()).at(-1);
      const deadline = Date.now() + 10_000;
      while ((await streamMessages()).at(-1)?.msgId !== last.id && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect((await streamMessages()).at(-1)?.msgId).toBe(last.id);
      expect(errors).toEqual([]);
    } finally {
      await publisher.stop();
    }
  });
});
