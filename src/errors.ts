/** Every error tsmux throws for a misuse or a bad value: the message names the template, route or value at fault. */
export class MuxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MuxError';
  }
}

/** Set in `RouteMatch.matchErr` when routes failed only on their method matchers (gorilla's ErrMethodMismatch). */
export const ErrMethodMismatch: Error = new Error('method is not allowed');
/** Set in `RouteMatch.matchErr` when no route matched (gorilla's ErrNotFound). */
export const ErrNotFound: Error = new Error('no matching route was found');
/** Thrown by `Route.getMetadataValue` for a key that was never set. */
export const ErrMetadataKeyNotFound: Error = new Error('key not found in metadata');
/** Thrown from a `walk` callback to skip the current route's subrouter. */
export const SkipRouter: Error = new Error('skip this router');

/**
 * A thrown value as text, whatever was thrown: an Error's stack (`withStack`) or its text, else the
 * value's text. Never throws itself, also for a value that String() cannot convert (an object without
 * a prototype, a revoked Proxy, a throwing getter or toString).
 */
export function describeThrown(err: unknown, withStack = false): string {
  try {
    if (err instanceof Error) {
      const stack: unknown = withStack ? err.stack : undefined;
      return typeof stack === 'string' ? stack : String(err);
    }
    return String(err);
  } catch {
    try {
      return Object.prototype.toString.call(err);
    } catch {
      return '(a thrown value that cannot be shown)';
    }
  }
}

/**
 * The client error status an error carries, as Express's final handler reads it: its `status`, else
 * its `statusCode`, when that is a 4xx. Undefined otherwise (a server's failure is a 500). Never throws.
 */
export function errorStatus(err: unknown): number | undefined {
  try {
    if (typeof err !== 'object' || err === null) return undefined;
    const e = err as { status?: unknown; statusCode?: unknown };
    const clientError = (s: unknown) => typeof s === 'number' && Number.isInteger(s) && s >= 400 && s <= 499;
    if (clientError(e.status)) return e.status as number;
    // (As Express reads them: a `status` that is no error status leaves `statusCode` to say.)
    return clientError(e.statusCode) ? (e.statusCode as number) : undefined;
  } catch {
    // A throwing getter or a revoked Proxy: no status.
    return undefined;
  }
}

/** What was thrown, in a line: an Error's message (or a string message), else describeThrown. Never throws. */
export function thrownMessage(err: unknown): string {
  try {
    const message: unknown = err instanceof Error || (typeof err === 'object' && err !== null) ? (err as { message?: unknown }).message : undefined;
    if (typeof message === 'string') return message;
  } catch {
    // A throwing getter or a revoked Proxy: described below.
  }
  return describeThrown(err);
}
