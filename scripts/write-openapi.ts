/**
 * Writes the OpenAPI document the server serves at /openapi.json, and the typed client's
 * types generated from it (`npm run client:generate`), from an in-memory PGlite database: no
 * server, no network. Both files are committed; test/integration/client-drift.test.ts fails
 * when they no longer match the server.
 */
import { writeFile } from 'node:fs/promises';
import { openApiDocument } from './openapi-document.ts';
import { openApiTypes } from './openapi-types.ts';

export const SPEC_FILE = 'clients/typescript/openapi.json';
export const TYPES_FILE = 'clients/typescript/src/schema.ts';

export const specText = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const document = await openApiDocument();
  await writeFile(SPEC_FILE, specText(document));
  await writeFile(TYPES_FILE, await openApiTypes(document));
  console.log(`wrote ${SPEC_FILE} and ${TYPES_FILE}`);
}
