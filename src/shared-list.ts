// A subrouter's routes start from every matcher of the route that opened it, and at each level of
// nesting the list grows. Copied as arrays, a tree of nested subrouters d deep kept lists of total size
// ~d² (and the garbage collector copied them all): 400 levels took 13 times as long as 100.

/**
 * A list that only grows at its end, whose copies share the part they have in common: `with` gives a new
 * list in O(1) and leaves this one as it was. `items()` lays the list out as an array when it is read, once.
 */
export class SharedList<T> {
  private laidOut: readonly T[] | undefined;

  private constructor(
    private readonly before: SharedList<T> | undefined,
    private readonly item: T | undefined,
    readonly length: number,
  ) {
    this.laidOut = length === 0 ? [] : undefined;
  }

  static empty<T>(): SharedList<T> {
    return new SharedList<T>(undefined, undefined, 0);
  }

  static of<T>(items: readonly T[]): SharedList<T> {
    let list = SharedList.empty<T>();
    for (const item of items) list = list.with(item);
    return list;
  }

  /** This list with `item` appended. */
  with(item: T): SharedList<T> {
    return new SharedList(this, item, this.length + 1);
  }

  /** The last item (undefined for the empty list). */
  get last(): T | undefined {
    return this.item;
  }

  /**
   * The items from position `start` on, in order (walks back only over them; nothing is kept). Gathered
   * from the end, then reversed: a packed array (one made by `new Array(n)` is holey, and the scan's
   * loops over matchers would meet two element kinds).
   */
  itemsFrom(start: number): T[] {
    if (this.length <= start) return [];
    const out: T[] = [this.item as T];
    for (let at = this.before; at !== undefined && at.length > start; at = at.before) out.push(at.item as T);
    return out.reverse();
  }

  /** The items in order, as an array made on the first call. */
  items(): readonly T[] {
    // Kept at its length (push left room for more, and the list is kept as long as its route).
    return (this.laidOut ??= this.itemsFrom(0).slice());
  }
}
