/**
 * Server-Sent Events over fetch: EventSource cannot send `Authorization`, so the stream is read
 * from a fetch body. The parser follows the HTML SSE rules (fields, multi-line data, comments,
 * CR/LF line ends, chunks split anywhere); the connection resumes with Last-Event-ID and
 * reconnects with backoff.
 */

export interface SseMessage {
  id: string | undefined;
  event: string;
  data: string;
}

export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined = undefined;
  /** The last `id:` seen, kept across messages as the spec's "last event ID". */
  lastEventId: string | undefined = undefined;
  /** The server's `retry:` advice in ms. */
  retryMs: number | undefined = undefined;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (!match) break;
      // A lone CR at the very end may be the first half of CRLF: wait for more.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const message = this.line(line);
      if (message) out.push(message);
    }
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return null;
      }
      const message = { id: this.id, event: this.event || 'message', data: this.data.join('\n') };
      this.data = [];
      this.event = '';
      return message;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = this.lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return null;
  }
}

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'stopped';

export interface StreamOptions {
  url: string;
  apiKey: string;
  /** Resume after this event id (seq). */
  lastEventId?: string | undefined;
  onMessage: (message: SseMessage) => void;
  onStatus?: (status: StreamStatus, detail?: string) => void;
  signal: AbortSignal;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Backoff between reconnects: from the server's retry advice up to this. */
  maxDelayMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Reads the stream until `signal` aborts, reconnecting after a drop with the last id seen.
 * A refused key (401/403) stops: retrying would not help. Resolves with the last event id.
 */
export async function followStream(o: StreamOptions): Promise<string | undefined> {
  const fetchImpl = o.fetchImpl ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const sleep = o.sleep ?? defaultSleep;
  const maxDelayMs = o.maxDelayMs ?? 30_000;
  let lastEventId = o.lastEventId;
  let retryMs = 1000;
  let failures = 0;
  o.onStatus?.('connecting');
  while (!o.signal.aborted) {
    const parser = new SseParser();
    let reader: ReadableStreamDefaultReader<string> | undefined;
    try {
      const res = await fetchImpl(o.url, {
        headers: {
          authorization: `Bearer ${o.apiKey}`,
          accept: 'text/event-stream',
          ...(lastEventId !== undefined ? { 'last-event-id': lastEventId } : {}),
        },
        signal: o.signal,
        cache: 'no-store',
      });
      if (res.status === 401 || res.status === 403) {
        o.onStatus?.('stopped', `the event stream refused this key (${res.status})`);
        return lastEventId;
      }
      if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
      o.onStatus?.('open');
      failures = 0;
      reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) {
          if (message.id !== undefined) lastEventId = message.id;
          o.onMessage(message);
        }
        if (parser.retryMs !== undefined) retryMs = parser.retryMs;
      }
    } catch (err) {
      // Whatever failed (a handler included), let go of this response before the next one: an
      // unread body would keep its connection, and the server counts it as an open stream.
      void reader?.cancel().catch(() => {});
      if (o.signal.aborted) break;
      o.onStatus?.('reconnecting', err instanceof Error ? err.message : String(err));
    }
    if (o.signal.aborted) break;
    failures++;
    o.onStatus?.('reconnecting');
    await sleep(Math.min(maxDelayMs, retryMs * 2 ** Math.min(failures - 1, 5)));
  }
  o.onStatus?.('stopped');
  return lastEventId;
}
