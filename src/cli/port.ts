import { createServer } from 'node:net';

/**
 * Fails, with the variable to change, when `host:port` cannot be listened on. `serve` asks
 * before it opens (and perhaps creates) the database and its first admin key, so that a port in
 * use leaves nothing behind. (Another process may still take the port in between: then listen
 * fails as before, and the key is not lost, see start-notice.ts.)
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE')
        reject(
          new Error(
            `port ${port} on ${host} is already in use: stop what listens there, or set PORT to a free port`,
          ),
        );
      else if (err.code === 'EACCES')
        reject(
          new Error(
            `may not listen on port ${port} on ${host}: choose a PORT above 1023, or grant the permission`,
          ),
        );
      else if (err.code === 'EADDRNOTAVAIL')
        reject(
          new Error(
            `HOST=${host} is not an address of this machine: use 0.0.0.0, 127.0.0.1 or one of its addresses`,
          ),
        );
      else reject(err);
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
