/**
 * How a back-in-stock notice reaches a subscriber: email through SMTP (nodemailer) or a signed
 * JSON POST to the subscriber's webhook (src/domain/signing.ts). Each is a small function the
 * notifier is given, so tests and other transports can stand in.
 */
import nodemailer from 'nodemailer';
import { signatureHeader, SIGNATURE_HEADER } from '../domain/signing.ts';
import { outboundFetch } from './outbound.ts';

export interface Notice {
  subscriptionId: number;
  sku: string;
  name: string;
  region: string | null;
  /** Sellable units announced (in the region, or overall). */
  sellable: number;
  at: Date;
  unsubscribeUrl: string;
}

export type EmailSender = (to: string, notice: Notice) => Promise<void>;
export type WebhookSender = (url: string, secret: string, notice: Notice) => Promise<void>;

export function smtpEmailSender(smtpUrl: string, from: string): EmailSender & { close: () => void } {
  const transport = nodemailer.createTransport(smtpUrl);
  const send = async (to: string, n: Notice) => {
    const where = n.region ? ` in ${n.region}` : '';
    await transport.sendMail({
      from,
      to,
      subject: `Back in stock: ${n.name} (${n.sku})`,
      text: [
        `Good news: ${n.name} (${n.sku}) is back in stock${where}.`,
        '',
        `You asked to be told once; this is that message.`,
        '',
        `Unsubscribe: ${n.unsubscribeUrl}`,
      ].join('\n'),
      headers: { 'List-Unsubscribe': `<${n.unsubscribeUrl}>` },
    });
  };
  return Object.assign(send, { close: () => transport.close() });
}

/**
 * POSTs the notice as JSON, signed; a non-2xx answer (a redirect included: never followed) or no
 * answer within `timeoutMs` fails. `send` goes through the SSRF policy (./outbound.ts).
 */
export function httpWebhookSender(timeoutMs = 5_000, send: typeof fetch = outboundFetch): WebhookSender {
  return async (url, secret, n) => {
    const body = JSON.stringify({
      type: 'sku.back_in_stock',
      subscriptionId: n.subscriptionId,
      sku: n.sku,
      name: n.name,
      region: n.region,
      sellable: n.sellable,
      at: n.at.toISOString(),
      unsubscribeUrl: n.unsubscribeUrl,
    });
    const res = await send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signatureHeader(secret, body, n.at),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    // The answer's body is never read: cancelling closes the connection if it is still coming.
    await res.body?.cancel().catch(() => {});
    if (res.status < 200 || res.status >= 300) throw new Error(`the webhook answered ${res.status}`);
  };
}
