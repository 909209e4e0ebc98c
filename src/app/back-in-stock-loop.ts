/** Wires the back-in-stock notifier to the configuration: SMTP when set, webhooks always. */
import type { Config } from '../config.ts';
import { httpWebhookSender, smtpEmailSender } from './back-in-stock-delivery.ts';
import { startBackInStockNotifier } from './back-in-stock-notifier.ts';
import type { AppContext } from './context.ts';

export function startBackInStock(
  ctx: AppContext,
  config: Pick<Config, 'smtpUrl' | 'smtpFrom' | 'backInStockMultiple' | 'publicUrl'>,
  options: { intervalMs?: number; onError: (err: unknown) => void },
): { stop: () => Promise<void> } {
  const email = config.smtpUrl ? smtpEmailSender(config.smtpUrl, config.smtpFrom) : null;
  const notifier = startBackInStockNotifier(ctx, {
    multiple: config.backInStockMultiple,
    email,
    webhook: httpWebhookSender(5_000, ctx.outbound.fetch),
    publicUrl: config.publicUrl,
    intervalMs: options.intervalMs ?? 1_000,
    onError: options.onError,
  });
  return {
    async stop() {
      await notifier.stop();
      email?.close();
    },
  };
}
