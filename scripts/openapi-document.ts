/** The OpenAPI document of a server built on an empty in-memory database. */
import { createContext } from '../src/app/create-context.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { buildServer } from '../src/http/server.ts';

export async function openApiDocument(): Promise<unknown> {
  const db = await openPglite();
  try {
    await migrate(db);
    const app = await buildServer(createContext(db));
    try {
      const res = await app.inject({ method: 'GET', url: '/openapi.json' });
      if (res.statusCode !== 200) throw new Error(`GET /openapi.json answered ${res.statusCode}`);
      return JSON.parse(res.body) as unknown;
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
}
