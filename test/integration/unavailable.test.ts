/** When the database cannot be reached, clients get 503 database_unavailable, never a 500. */
import { createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/app/create-context.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { pgAdminUrl } from '../helpers/backends.ts';
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

describe('a database that does not answer', () => {
  it('fails a request once the connect timeout passes, instead of hanging', async () => {
    // Accepts connections and never says a word, like a failover address that is not up yet.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as { port: number };
    const db = openPostgres(`postgres://nobody@127.0.0.1:${port}/none`, { max: 2, connectTimeoutMs: 300 });
    const app = await buildServer(createContext(db));
    try {
      const order = await app.inject({
        method: 'POST',
        url: '/v1/orders',
        headers: { authorization: 'Bearer sr_anything' },
        payload: { orderId: 'o1', lines: [{ sku: 'MUG', qty: 1 }] },
      });
      expect(order.statusCode).toBe(503);
      expect(JSON.parse(order.body).error.code).toBe('database_unavailable');
      expect(order.headers['retry-after']).toBeDefined();
      expect(sockets.length, 'it did try to connect').toBeGreaterThan(0);
    } finally {
      await app.close();
      await db.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
    }
  });

  it.skipIf(!pgAdminUrl())('bounds the wait for a pooled connection when all are busy', async () => {
    const db = openPostgres(pgAdminUrl()!, { max: 1, poolWaitMs: 300 });
    let finish = () => {};
    const held = db.transaction(() => new Promise<void>((r) => (finish = r)));
    try {
      await expect(db.query('select 1')).rejects.toMatchObject({ code: '08006' });
    } finally {
      finish();
      await held;
      await db.close();
    }
  });
});

/** A PostgreSQL message: its type byte, then its length (itself included) and body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

describe('a database that ends a connection right after opening it', () => {
  it('fails that transaction with 08006 and keeps the process up', async () => {
    // What a PostgreSQL being stopped with `-m fast` may do to a connection it has just
    // accepted: "ready" and "terminating connection" arrive in one read. The pool hands the
    // client out on "ready"; the error comes before anyone could listen on it.
    const authenticationOk = message('R', Buffer.from([0, 0, 0, 0]));
    const readyForQuery = message('Z', Buffer.from('I', 'latin1'));
    const fatal = message(
      'E',
      Buffer.from(
        'SFATAL\0VFATAL\0C57P01\0Mterminating connection due to administrator command\0\0',
        'latin1',
      ),
    );
    const sockets: Socket[] = [];
    const stopping = createServer((socket) => {
      sockets.push(socket);
      // The startup message is the first thing a client sends; answer it all at once.
      socket.once('data', () => socket.end(Buffer.concat([authenticationOk, readyForQuery, fatal])));
    });
    await new Promise<void>((r) => stopping.listen(0, '127.0.0.1', r));
    const { port } = stopping.address() as { port: number };
    const db = openPostgres(`postgres://nobody@127.0.0.1:${port}/none`, { max: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        await expect(db.transaction((tx) => tx.query('select 1'))).rejects.toMatchObject({ code: '08006' });
      }
      expect(sockets.length, 'each attempt opened a new connection').toBe(3);
    } finally {
      await db.close();
      for (const s of sockets) s.destroy();
      await new Promise((r) => stopping.close(r));
    }
  });
});
