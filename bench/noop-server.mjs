// The HTTP ceiling of the reservation benchmark (bench/reserve.ts): Fastify answering
// `POST /v1/orders` with a fixed 201 after parsing the same JSON body, nothing else (no
// database, no authentication, no validation). Same framework, same body parsing, same load
// generator: what any route of this service could at best reach on this machine.
// NOOP_WORKERS=N serves from N processes on one port (node:cluster), as STOCKROOM_WORKERS does.
// Plain JavaScript, so that it starts without tsx.
import cluster from 'node:cluster';
import Fastify from 'fastify';

const port = Number(process.env.PORT);
const host = process.env.HOST || '127.0.0.1';
const workers = Math.max(1, Number(process.env.NOOP_WORKERS) || 1);

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('message', (m) => {
      if (m === 'listening' && ++listening === workers) console.log(`noop listening on ${host}:${port}`);
    });
  }
  const stop = () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} else {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  const answer = JSON.stringify({ orderId: 'noop', status: 'reserved', expiresAt: null, allocations: [] });
  app.post('/v1/orders', async (req, reply) => {
    const body = /** @type {{ orderId?: unknown }} */ (req.body);
    if (typeof body?.orderId !== 'string')
      return reply.status(400).send({ error: { code: 'invalid_request' } });
    return reply.status(201).header('content-type', 'application/json; charset=utf-8').send(answer);
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await app.listen({ host, port });
  if (cluster.isWorker) process.send?.('listening');
  else console.log(`noop listening on ${host}:${port}`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
