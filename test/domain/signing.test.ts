import { describe, expect, it } from 'vitest';
import { signature, signatureHeader, verifySignature } from '../../src/domain/signing.ts';

describe('delivery signatures', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const body = '{"type":"stock.changed"}';
  const header = signatureHeader('s3cret', body, now);

  it('is HMAC-SHA256 over timestamp and body (a known vector)', () => {
    // echo -n '1893456000.{"type":"stock.changed"}' | openssl dgst -sha256 -hmac s3cret
    expect(signature('s3cret', 1893456000, body)).toBe(
      '52d7cae4c83fe04e3b74c43f55c1b232037ca1c2bbaf0c0177173e872a51eeae',
    );
    expect(header.split('v1=')[1]).toBe(signature('s3cret', 1893456000, body));
    expect(header.startsWith('t=1893456000,v1=')).toBe(true);
  });

  it.each([
    {
      case: 'genuine',
      secret: 's3cret',
      sent: body,
      header,
      at: now,
      expected: { ok: true, timestamp: 1893456000 },
    },
    {
      case: 'other secret',
      secret: 'other',
      sent: body,
      header,
      at: now,
      expected: { ok: false, reason: 'mismatch' },
    },
    {
      case: 'body changed',
      secret: 's3cret',
      sent: `${body} `,
      header,
      at: now,
      expected: { ok: false, reason: 'mismatch' },
    },
    {
      case: 'replayed ten minutes later',
      secret: 's3cret',
      sent: body,
      header,
      at: new Date(now.getTime() + 600_000),
      expected: { ok: false, reason: 'stale' },
    },
    {
      case: 'no header',
      secret: 's3cret',
      sent: body,
      header: undefined,
      at: now,
      expected: { ok: false, reason: 'malformed' },
    },
  ])('$case', ({ secret, sent, header: h, at, expected }) => {
    expect(verifySignature(secret, h, sent, at)).toEqual(expected);
  });
});
