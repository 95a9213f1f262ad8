import type { Route } from './route.js';
import type { RouteRegexp, TemplatePiece } from './template.js';

/**
 * A segment trie over the routes' path templates, used only to narrow which routes are worth trying.
 * A route sits at the node of its path's leading segments that are plain text or a whole-segment
 * variable; from the first segment it cannot place (mixed text and variables, a variable that may span
 * `/`, an optional group), it is a candidate for every request passing that node. Routes without a path,
 * or matching the path as sent (useEncodedPath), sit at the root. Candidates come back in registration
 * order; the routes' own matchers still decide.
 */
export class RouteIndex {
  private readonly root = new IndexNode();
  /** Candidates precomputed for every fully literal template: a static path costs one Map lookup. */
  private readonly byStaticPath = new Map<string, readonly Route[]>();

  constructor(routes: readonly Route[]) {
    const staticPaths: string[] = [];
    for (const route of routes) {
      const placed = this.place(route);
      if (placed !== undefined) staticPaths.push(...placed);
    }
    for (const path of staticPaths) this.byStaticPath.set(path, this.walk(path));
  }

  /** The routes that may match `path` (decoded), in registration order. */
  candidates(path: string): readonly Route[] {
    return this.byStaticPath.get(path) ?? this.walk(path);
  }

  private walk(path: string): readonly Route[] {
    const lists: (readonly Route[])[] = [];
    if (path.charCodeAt(0) === 47 /* / */) collect(this.root, path, 1, lists);
    else if (this.root.here.length > 0) lists.push(this.root.here);
    if (lists.length === 1) return lists[0]!;
    const out = lists.flat();
    return out.sort((a, b) => a.order - b.order);
  }

  // Inserts the route; returns the request paths it matches literally, if its template is all text.
  private place(route: Route): string[] | undefined {
    const rr = route.conf.path;
    if (rr === undefined || rr.useEncodedPath) {
      this.root.here.push(route);
      return undefined;
    }
    const segments = segmentsOf(rr);
    const prefix = rr.kind === 'prefix';
    // A prefix's last segment may continue in the request (`/api` matches `/apix`): it is not placed.
    const placeable = prefix ? Math.min(segments.placeable.length, segments.all - 1) : segments.placeable.length;
    let node = this.root;
    for (let i = 0; i < placeable; i++) node = node.child(segments.placeable[i]!);
    if (prefix || placeable < segments.all) {
      node.here.push(route);
      return undefined;
    }
    node.terminal.push(route);
    const paths: string[] | undefined = segments.placeable.every((s) => s !== PARAM) ? [segments.placeable.map((s) => '/' + s).join('')] : undefined;
    if (rr.strictSlash) {
      // `^/a[/]?$`: the route also ends one empty segment further.
      node.child('').terminal.push(route);
      paths?.push(paths[0] + '/');
    }
    return paths;
  }
}

/** Stands for a whole-segment variable in a route's segment list. */
const PARAM = Symbol('param');
type Segment = string | typeof PARAM;

class IndexNode {
  literal: Map<string, IndexNode> | undefined;
  param: IndexNode | undefined;
  /** Routes that end exactly here (a path with this many segments). */
  readonly terminal: Route[] = [];
  /** Routes whose remaining template is checked by their own matchers (prefixes, complex segments). */
  readonly here: Route[] = [];

  child(segment: Segment): IndexNode {
    if (segment === PARAM) return (this.param ??= new IndexNode());
    this.literal ??= new Map();
    let next = this.literal.get(segment);
    if (next === undefined) this.literal.set(segment, (next = new IndexNode()));
    return next;
  }
}

// Adds the lists of routes at `node` and below that a path may reach; `start` is the index in `path`
// where the current segment begins.
function collect(node: IndexNode, path: string, start: number, lists: (readonly Route[])[]): void {
  if (node.here.length > 0) lists.push(node.here);
  if (start > path.length) {
    if (node.terminal.length > 0) lists.push(node.terminal);
    return;
  }
  let end = path.indexOf('/', start);
  if (end === -1) end = path.length;
  const next = node.literal?.get(path.slice(start, end));
  if (next !== undefined) collect(next, path, end + 1, lists);
  if (node.param !== undefined) collect(node.param, path, end + 1, lists);
}

/**
 * The template's segments: how many there are, and the leading ones that are literal text or a whole
 * segment variable that cannot match `/`.
 */
function segmentsOf(rr: RouteRegexp): { placeable: Segment[]; all: number } {
  const placeable: Segment[] = [];
  const flat = flatten(rr.pieces);
  if (flat === undefined) return { placeable, all: 1 };
  let text = '';
  let vars = 0;
  let complex = false;
  let all = 0;
  let started = false;
  const close = () => {
    all++;
    if (complex || placeable.length < all - 1) return;
    if (vars === 0) placeable.push(text);
    else if (vars === 1 && text === '') placeable.push(PARAM);
  };
  for (const p of flat) {
    if (typeof p === 'string') {
      for (const c of p) {
        if (c === '/') {
          if (started) close();
          started = true;
          text = '';
          vars = 0;
          complex = false;
        } else {
          if (!started) return { placeable, all: 1 };
          text += c;
          if (vars > 0) complex = true;
        }
      }
    } else {
      if (!started) return { placeable, all: 1 };
      if (text !== '' || vars > 0 || !withinSegment(p.pattern)) complex = true;
      vars++;
      // A variable that may span `/` hides where later segments start.
      if (!withinSegment(p.pattern)) {
        close();
        return { placeable, all: all + 1 };
      }
    }
  }
  if (started) close();
  return { placeable, all: Math.max(all, 1) };
}

// Text and variables in order; undefined when the template has an optional group.
function flatten(pieces: readonly TemplatePiece[]): (string | { pattern: string })[] | undefined {
  const out: (string | { pattern: string })[] = [];
  for (const p of pieces) {
    if ('group' in p) return undefined;
    out.push('text' in p ? p.text : p);
  }
  return out;
}

// Patterns known to stay within one segment: a character class that excludes `/` (or cannot contain it),
// or \d / \w, with a quantifier.
const WITHIN_SEGMENT = /^(?:\[\^(?:[^\]\\]|\\.)*\/(?:[^\]\\]|\\.)*\]|\[(?!\^)(?:[^\]\\/]|\\[dw\-.])*\]|\\d|\\w)(?:[+*?]|\{\d+(?:,\d*)?\})?\??$/;

function withinSegment(pattern: string): boolean {
  return WITHIN_SEGMENT.test(pattern);
}
