/** CSV uploads: a plugin that takes `text/csv` bodies registers the parser here. */
import type { FastifyInstance } from 'fastify';

/**
 * Lets the calling plugin's routes read `text/csv` bodies as one string of at most `bodyLimit`
 * bytes. Plugins are encapsulated, so everywhere else `text/csv` stays 415.
 */
export function acceptCsvBodies(app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit }, (_req, body, done) =>
    done(null, body),
  );
}
