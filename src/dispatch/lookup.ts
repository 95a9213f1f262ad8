import { RequestView } from '../matchers/request-view.js';
import type { RequestLike } from '../types.js';
import type { Lookup } from './engine.js';

/** A request as the engines read it; its full view is parsed only when a check needs more than the path. */
export class RequestLookup implements Lookup {
  private parsed: RequestView | undefined;

  constructor(
    readonly req: RequestLike,
    readonly method: string,
    /** The decoded path. */
    readonly path: string,
    readonly cleanUnchecked = false,
  ) {}

  /** The lookup of a request already parsed. */
  static of(view: RequestView, req: RequestLike): RequestLookup {
    const lookup = new RequestLookup(req, view.method, view.path);
    lookup.parsed = view;
    return lookup;
  }

  view(): RequestView {
    return (this.parsed ??= new RequestView(this.req));
  }
}
