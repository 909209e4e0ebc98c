/**
 * The live stream's pump (GET /v1/events/stream): writes events to one client only as fast as
 * it reads them. A client that stops reading must not make the server hold the log for it, so:
 *
 * - an event is written only while the response holds less than `maxBufferedBytes` unsent
 *   (Node's own buffer plus the socket's: `writableLength`); when the next event would go over,
 *   the pump stops, forgets the page it read and waits for `drain` before reading the log again
 *   (a page is re-read from the last id written, so nothing is held while waiting);
 * - a client that has not drained for `maxStallMs` is dropped: it is sent a last SSE
 *   `event: error` naming the last id written (it resumes with `Last-Event-ID`), the response
 *   ends, and the socket is destroyed `dropGraceMs` later if the client still does not read.
 *
 * What one client may cost is therefore bounded by max(maxBufferedBytes, one event) plus the
 * kernel's socket buffers, whatever the length of the log.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { listEvents } from '../app/events.ts';

export interface StreamLimits {
  /** Open streams per API key; one more is refused with 429 `too_many_streams`. */
  maxPerKey: number;
  /** Unsent bytes one client's response may hold before the pump waits for it to read. */
  maxBufferedBytes: number;
  /** A client that has not taken its buffered bytes for this long is dropped. */
  maxStallMs: number;
  /** After the drop notice, how long the client has to read it before its socket is destroyed. */
  dropGraceMs: number;
  /** Events read from the log per query. */
  pageSize: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  maxPerKey: 4,
  maxBufferedBytes: 256 * 1024,
  maxStallMs: 30_000,
  dropGraceMs: 1_000,
  pageSize: 200,
};

export interface EventStreamOptions {
  limits?: Partial<StreamLimits> | undefined;
  /** Called with each stream's live counters when it opens (tests, diagnostics). */
  onStream?: ((stats: StreamStats) => void) | undefined;
}

/** How often an open stream looks for new events, and sends a comment to keep proxies from timing out. */
const POLL_MS = 250;
const HEARTBEAT_MS = 15_000;

/** What the pump did, for counters and tests. */
export interface StreamStats {
  /** The most unsent bytes this client's response ever held. */
  peakBufferedBytes: number;
  lastSeqSent: number;
  dropped: boolean;
  /** The connection is gone: nothing of this client is held any more. */
  closed: boolean;
}

export const frame = (e: { seq: number; type: string }) =>
  `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

/** Resolves 'drained', 'closed' or 'stalled', whichever comes first. */
function waitForDrain(out: ServerResponse, isOpen: () => boolean, stallMs: number) {
  return new Promise<'drained' | 'closed' | 'stalled'>((resolve) => {
    const finish = (why: 'drained' | 'closed' | 'stalled') => {
      clearTimeout(timer);
      clearInterval(poll);
      out.off('drain', onDrain);
      out.off('close', onClose);
      resolve(why);
    };
    const onDrain = () => finish('drained');
    const onClose = () => finish('closed');
    const timer = setTimeout(() => finish('stalled'), stallMs);
    // The server closing (onClose hook) does not emit on the response: look at the flag too.
    const poll = setInterval(() => {
      if (!isOpen()) finish('closed');
    }, POLL_MS);
    out.on('drain', onDrain);
    out.on('close', onClose);
  });
}

export async function pumpEvents(args: {
  db: Parameters<typeof listEvents>[0];
  out: ServerResponse;
  after: number;
  types: string[] | undefined;
  limits: StreamLimits;
  isOpen: () => boolean;
  log: FastifyBaseLogger;
  stats: StreamStats;
}): Promise<void> {
  const { out, limits, stats, isOpen } = args;
  let after = args.after;
  let lastWrite = Date.now();
  const buffered = () => {
    const n = out.writableLength;
    if (n > stats.peakBufferedBytes) stats.peakBufferedBytes = n;
    return n;
  };
  stats.lastSeqSent = after;
  out.once('close', () => {
    stats.closed = true;
  });
  // Read no more than fits in the bound (by the frames' average size so far): a page read in
  // vain is read again after the next drain, so a client whose socket drains in small steps
  // would otherwise cost a whole page per step.
  let framesWritten = 0;
  let bytesWritten = 0;
  const pageLimit = () =>
    framesWritten === 0
      ? limits.pageSize
      : Math.max(
          1,
          Math.min(limits.pageSize, Math.floor((limits.maxBufferedBytes * framesWritten) / bytesWritten)),
        );
  while (isOpen()) {
    let full = false;
    let caughtUp = true;
    try {
      // Read and write one page; the page is not kept past this block.
      const limit = pageLimit();
      const page = await listEvents(args.db, { after, limit, types: args.types });
      for (const e of page.items) {
        const chunk = frame(e);
        if (buffered() > 0 && buffered() + Buffer.byteLength(chunk) > limits.maxBufferedBytes) {
          full = true;
          break;
        }
        out.write(chunk);
        buffered();
        framesWritten++;
        bytesWritten += Buffer.byteLength(chunk);
        after = e.seq;
        stats.lastSeqSent = e.seq;
        lastWrite = Date.now();
      }
      // With a type filter the page can end before the log does: read on from where it ended.
      if (!full) after = page.lastSeq;
      caughtUp = page.items.length < limit;
    } catch (err) {
      // The database is away: keep the stream, the client resumes from its last id anyway.
      args.log.warn({ err }, 'event stream read failed; retrying');
    }
    if (!isOpen()) break;
    if (full || out.writableNeedDrain) {
      const why = await waitForDrain(out, isOpen, limits.maxStallMs);
      if (why === 'stalled') {
        drop(out, stats, limits);
        return;
      }
      continue;
    }
    if (!caughtUp) continue;
    if (Date.now() - lastWrite >= HEARTBEAT_MS) {
      out.write(': keep-alive\n\n');
      lastWrite = Date.now();
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  out.end();
}

/** Tells a client that stays behind why it is dropped and where to resume, then lets it go. */
function drop(out: ServerResponse, stats: StreamStats, limits: StreamLimits) {
  stats.dropped = true;
  const reason = {
    code: 'stream_too_slow',
    message: `the client did not read for ${limits.maxStallMs} ms; reconnect with Last-Event-ID to resume`,
    lastEventId: String(stats.lastSeqSent),
  };
  out.end(`event: error\ndata: ${JSON.stringify(reason)}\n\n`);
  // end() leaves the unsent bytes buffered until the client reads them; a client that never
  // reads is cut off so that they are freed.
  const timer = setTimeout(() => out.destroy(), limits.dropGraceMs);
  timer.unref();
  out.once('close', () => clearTimeout(timer));
}
