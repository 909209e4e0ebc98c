/**
 * The dashboard: the Vite build in web/dist served at `/`, and the single page's index.html for
 * every other browser navigation outside the API (client-side routes deep-link).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Stockroom</title>
<p>The dashboard has not been built. Run <code>npm run build:web</code> (or <code>npm start</code>,
which builds it first). The API is at <a href="/docs">/docs</a>.</p>`;

/**
 * Registers the static files and returns the page for a navigation, or null for a request the
 * API's own 404 should answer. index.html is read per navigation (it is small), so a rebuild
 * while the server runs never serves a page naming assets that are gone.
 */
export async function registerWeb(
  app: FastifyInstance,
  dist = WEB_DIST,
): Promise<(req: FastifyRequest) => string | null> {
  const index = join(dist, 'index.html');
  const page = () => {
    try {
      return readFileSync(index, 'utf8');
    } catch {
      return NOT_BUILT;
    }
  };
  if (!existsSync(index)) {
    app.get('/', { schema: { hide: true } }, (_req, reply) => sendPage(reply, NOT_BUILT));
  } else {
    // Encapsulated, so its reply decorators do not meet those of the /docs plugin.
    await app.register(async (web) => {
      await web.register(fastifyStatic, {
        root: dist,
        prefix: '/',
        index: false,
        setHeaders: (res, path) => {
          // Vite names built assets by content hash; the page itself must always be fetched anew.
          res.header(
            'cache-control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
      web.get('/', { schema: { hide: true } }, (_req, reply) => sendPage(reply, page()));
    });
  }
  return (req) => (wantsPage(req) ? page() : null);
}

/** A browser navigation to a client-side route: a GET outside the API that accepts HTML. */
function wantsPage(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0] ?? '';
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    !path.startsWith('/v1/') &&
    !path.startsWith('/docs') &&
    (req.headers.accept ?? '').includes('text/html')
  );
}

export function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
}
