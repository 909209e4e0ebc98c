/** The typed client's TypeScript types for an OpenAPI document (openapi-typescript). */
import openapiTS, { astToString } from 'openapi-typescript';

const HEADER = `/**
 * Generated from clients/typescript/openapi.json by \`npm run client:generate\`: do not edit.
 * test/integration/client-drift.test.ts fails when this file and the server disagree.
 */
`;

export async function openApiTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
    exportType: false,
  });
  return HEADER + astToString(ast);
}
