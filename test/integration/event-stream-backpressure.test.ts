/**
 * The live stream under clients that do not read (issue 22): over real loopback sockets, the
 * server writes only while a client's unsent bytes stay under the bound, drops a client that
 * stays behind with a reason naming the last id sent, and caps open streams per key.
 * Measured with the server's own counters (each response's peak `writableLength`), not timing.
 */
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sequencePass } from '../../src/app/events.ts';
import { emitEvents } from '../../src/db/events.ts';
import type { StreamStats } from '../../src/http/event-stream.ts';
import { buildServer } from '../../src/http/server.ts';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

const EVENTS = 2000;
/** ~4 KB per SSE frame: 8 MB per client, more than loopback's socket buffers (~4 MB) take in. */
const PAD = 'x'.repeat(4000);
const CLIENTS = 50;
const MAX_BUFFERED = 64 * 1024;

/** Opens a stream with a raw socket that never reads what the server sends. */
function idleClient(port: number, key: string, headers = ''): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.write(
        `GET /v1/events/stream?after=0 HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${key}\r\n${headers}\r\n`,
      );
      resolve(socket);
    });
    socket.pause();
    socket.on('error', () => {});
    socket.once('error', reject);
  });
}

async function until(check: () => boolean, what: string, limitMs = 90_000) {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(backends())('event stream backpressure on $name', (backend) => {
  let h: Harness;
  let app: FastifyInstance;
  let port: number;
  const opened: StreamStats[] = [];

  beforeAll(async () => {
    h = await startHarness(backend);
    await h.ctx.db.transaction(async (tx) => {
      const events = Array.from({ length: EVENTS }, (_, i) => ({
        type: 'alert.opened',
        stream: `alert:bp-${i}`,
        data: { alertId: `bp-${i}`, pad: PAD },
      }));
      await emitEvents(tx, h.now(), events);
    });
    while (await sequencePass(h.ctx));
    app = await buildServer(h.ctx, {
      eventStreams: {
        limits: { maxPerKey: CLIENTS, maxBufferedBytes: MAX_BUFFERED, maxStallMs: 1500, dropGraceMs: 3000 },
        onStream: (stats) => opened.push(stats),
      },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('holds at most the bound per client that never reads, and drops them all', async () => {
    opened.length = 0;
    const sockets = await Promise.all(Array.from({ length: CLIENTS }, () => idleClient(port, h.adminKey)));
    await until(() => opened.length === CLIENTS, 'every stream to open');
    await until(() => opened.every((s) => s.dropped), 'every idle client to be dropped');
    // The server lets go of them: their connections are closed on its side.
    await until(() => opened.every((s) => s.closed), 'every dropped connection to close');

    for (const stats of opened) {
      expect(stats.peakBufferedBytes).toBeGreaterThan(0);
      expect(stats.peakBufferedBytes).toBeLessThanOrEqual(MAX_BUFFERED);
      // The client stopped the server: it was written far less than the log.
      expect(stats.lastSeqSent).toBeLessThan(EVENTS);
    }
    // Nothing is left open: the next streams of the same key are accepted.
    const again = await idleClient(port, h.adminKey);
    await until(() => opened.length === CLIENTS + 1, 'a new stream to open');
    again.destroy();
    for (const s of sockets) s.destroy();
  }, 180_000);

  it('tells a dropped client where to resume, and the resumed stream carries on from there', async () => {
    opened.length = 0;
    const socket = await idleClient(port, h.adminKey);
    await until(() => opened[0]?.dropped === true, 'the client to be dropped');
    // Read now, within the grace: the last frame names the last id sent.
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.resume();
    const read = () => Buffer.concat(chunks).toString('utf8');
    await until(() => socket.closed || read().includes('event: error'), 'the drop notice');
    await until(() => socket.closed || /event: error\ndata: [^\n]*\n\n/.test(read()), 'the whole notice');
    socket.destroy();
    const text = read();
    const notice = /event: error\ndata: (\{[^\n]*\})\n\n/.exec(text);
    expect(notice).not.toBeNull();
    const reason = JSON.parse(notice![1]!) as { code: string; lastEventId: string };
    expect(reason.code).toBe('stream_too_slow');
    expect(reason.lastEventId).toBe(String(opened[0]!.lastSeqSent));
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids[ids.length - 1]).toBe(Number(reason.lastEventId));

    const res = await fetch(`http://127.0.0.1:${port}/v1/events/stream`, {
      headers: { authorization: `Bearer ${h.adminKey}`, 'last-event-id': reason.lastEventId },
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    let first: RegExpExecArray | null = null;
    // The first chunk may be only the `retry:` line: read until the first event's id.
    while (!(first = /id: (\d+)/.exec(received))) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value, { stream: true });
    }
    await reader.cancel();
    expect(Number(first![1])).toBe(Number(reason.lastEventId) + 1);
  }, 60_000);

  it('refuses a key more streams than it may hold open with 429 too_many_streams', async () => {
    const capped = await buildServer(h.ctx, { eventStreams: { limits: { maxPerKey: 2 } } });
    await capped.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(capped.server.address() as AddressInfo).port}`;
    const open = () =>
      fetch(`${base}/v1/events/stream`, { headers: { authorization: `Bearer ${h.adminKey}` } });
    try {
      const first = await open();
      const second = await open();
      expect([first.status, second.status]).toEqual([200, 200]);
      const third = await open();
      expect(third.status).toBe(429);
      expect(((await third.json()) as { error: { code: string } }).error.code).toBe('too_many_streams');
      await first.body!.cancel();
      let fourth = await open();
      // The server frees the slot when it sees the close; that is not instant.
      for (let i = 0; i < 50 && fourth.status === 429; i++) {
        await new Promise((r) => setTimeout(r, 50));
        fourth = await open();
      }
      expect(fourth.status).toBe(200);
      await fourth.body!.cancel();
      await second.body!.cancel();
    } finally {
      await capped.close();
    }
  });
});
