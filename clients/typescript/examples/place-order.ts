/**
 * Places an order for a storefront and handles "not enough stock" by its stable code.
 * Run against a local server: STOCKROOM_URL=http://127.0.0.1:3000 STOCKROOM_KEY=sk_... npx tsx place-order.ts
 * (In your project, import from '@stockroom/client'.)
 */
import { createStockroomClient, newIdempotencyKey, ok, StockroomError } from '@stockroom/client';

const client = createStockroomClient({
  baseUrl: process.env.STOCKROOM_URL ?? 'http://127.0.0.1:3000',
  apiKey: process.env.STOCKROOM_KEY ?? '',
});

const availability = await ok(client.GET('/v1/availability/{sku}', { params: { path: { sku: 'MUG' } } }));
console.log(`MUG: ${availability.sellable} sellable`);

try {
  const order = await ok(
    client.POST('/v1/orders', {
      params: { header: { 'idempotency-key': newIdempotencyKey() } },
      body: { orderId: `web-${Date.now()}`, lines: [{ sku: 'MUG', qty: 2 }] },
    }),
  );
  for (const a of order.allocations)
    console.log(`reserved ${a.qty} x ${a.sku} at ${a.warehouse} (${a.reason})`);
} catch (err) {
  if (err instanceof StockroomError && err.code === 'insufficient_stock') {
    console.log('sold out:', err.details);
  } else {
    throw err;
  }
}
