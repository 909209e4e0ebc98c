/**
 * Writes the OpenAPI document the server serves at /openapi.json to a file (default
 * clients/typescript/openapi.json), from an in-memory PGlite database: no server, no network.
 * The typed client's types are generated from this file (npm run client:generate).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { openApiDocument } from './openapi-document.ts';

const out = process.argv[2] ?? 'clients/typescript/openapi.json';
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
console.log(`wrote ${out}`);
