/**
 * Assertions: what must hold unless the code itself is wrong. A programmer error, never bad
 * input (bad input fails with a stable code from src/domain/errors.ts, changing nothing). They
 * stay on in production: a broken invariant stops the request (logged, answered 500) and rolls
 * its transaction back, rather than carrying a state the model says cannot exist into the ledger
 * (TigerBeetle's stance). Most useful where TypeScript meets SQL, whose answers the compiler
 * cannot check.
 */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

/** Throws an `AssertionError` unless `condition` holds; `message` may be built only on failure. */
export function assert(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new AssertionError(typeof message === 'function' ? message() : message);
}
