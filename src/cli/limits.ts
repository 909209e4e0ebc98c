/**
 * The API's limits on codes and quantities (as src/http/schemas.ts), for the CLI's own checks.
 * A module of its own so that checking an argument does not load the importer or a database driver.
 */
export { CODE_PATTERN as CODE } from '../domain/orders.ts';

/** Larger quantities are typos, not stock (the API's limit too). */
export const MAX_QTY = 1_000_000_000;
