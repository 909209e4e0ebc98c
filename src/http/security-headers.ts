/**
 * Security headers (helmet) on every answer, with a Content-Security-Policy the built
 * dashboard works under: its scripts, styles and API calls come from this origin only, nothing
 * may frame it, and no inline script runs. /docs (Swagger UI) sends DOCS_CSP instead.
 */
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';

export const DASHBOARD_CSP = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  // The favicon is a data: URL (web/index.html).
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
};

/**
 * Swagger UI's pages (/docs): its scripts are files, but it styles some elements inline, and
 * its "try it out" calls this origin.
 */
export const DOCS_CSP = { ...DASHBOARD_CSP, 'style-src': ["'self'", "'unsafe-inline'"] };

/**
 * One helmet middleware, built here once, sets the headers on every answer (404s and refusals
 * included: the hook is the root's). `@fastify/helmet` built a new one for every request,
 * parsing and checking the whole policy each time: 2.3% of the workers' busy time under a load
 * of storefront reads, in a CPU profile (issue 15).
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      // Not upgrade-insecure-requests: a dashboard reached over plain HTTP on a LAN address
      // would have its own assets rewritten to an https:// that nothing serves.
      directives: DASHBOARD_CSP,
    },
    // Only browsers on HTTPS heed it; the shop's other subdomains are not ours to pin.
    strictTransportSecurity: { maxAge: 180 * 86_400, includeSubDomains: false },
  });
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (err) =>
      err ? done(err instanceof Error ? err : new Error(String(err))) : done(),
    );
  });
}
