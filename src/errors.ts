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
