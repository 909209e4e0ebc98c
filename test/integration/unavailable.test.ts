/** When the database cannot be reached, clients get 503 database_unavailable, never a 500. */
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/context.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { buildServer } from '../../src/http/server.ts';

describe('an unreachable database', () => {
  it('answers 503 on the API and on the health check', async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused.
    const db = openPostgres('postgres://nobody@127.0.0.1:1/none', { max: 1 });
    const app = await buildServer(createContext(db));
    try {
      const health = await app.inject({ url: '/health' });
      expect(health.statusCode).toBe(503);
      const order = await app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: { authorization: 'Bearer sr_anything' },
        payload: { orderId: 'o1', lines: [{ sku: 'MUG', qty: 1 }] },
      });
      expect(order.statusCode).toBe(503);
      expect(JSON.parse(order.body).error.code).toBe('database_unavailable');
      expect(Number(order.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
