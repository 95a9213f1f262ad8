// Route tables keep a dozen small arrays per route (matchers, pieces, segments, plans, chains). V8 gives
// an array grown by push() room for 17 elements from its first element on: in a table of 10,000 routes
// that room was most of the memory, and copying it most of the garbage collector's time (registering
// took a third longer than find-my-way). These keep long-lived small arrays at their length.

/** Below this length an append copies the array to its exact length; above, push's room pays off. */
const SMALL = 8;

/** `list` with `item` appended: a new array of exactly that length while small, else `list` itself, pushed to. */
export function append<T>(list: T[], item: T): T[] {
  if (list.length >= SMALL) {
    list.push(item);
    return list;
  }
  // (concat spreads arrays one level: `item` is wrapped, so an array item stays one element.)
  return list.concat([item]);
}

/**
 * The empty array shared by everything that keeps an empty list and never changes it (typed readonly;
 * not frozen: a frozen array has its own elements kind, and the walk's loops over plans' lists would
 * meet two kinds where they met one).
 */
export const NONE: readonly never[] = [];

/** `fitted(list)`, or NONE for an empty list. */
export function fittedOrNone<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? NONE : list.slice();
}

/** An array built by push(), copied to its exact length for keeping (slice allocates no room). */
export function fitted<T>(list: readonly T[]): T[] {
  return list.slice();
}
