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
  private readonly root = new IndexNode('');
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
    const found = path.charCodeAt(0) === 47 /* / */ ? collect(this.root, path, 1) : this.root.here;
    return found ?? NONE;
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

const NONE: readonly Route[] = [];

/** Stands for a whole-segment variable in a route's segment list. */
const PARAM = Symbol('param');
type Segment = string | typeof PARAM;

// Above this many literal children, a node looks segments up in a Map instead of comparing in place.
const MAP_ABOVE = 8;

class IndexNode {
  /** Literal children, compared in place while there are few of them. */
  children: IndexNode[] | undefined;
  /** The same children by segment, once there are many. */
  bySegment: Map<string, IndexNode> | undefined;
  param: IndexNode | undefined;
  /** Routes that end exactly here (a path with this many segments). */
  readonly terminal: Route[] = [];
  /** Routes whose remaining template is checked by their own matchers (prefixes, complex segments). */
  readonly here: Route[] = [];

  constructor(readonly segment: string) {}

  child(segment: Segment): IndexNode {
    if (segment === PARAM) return (this.param ??= new IndexNode(''));
    this.children ??= [];
    let next = this.children.find((n) => n.segment === segment);
    if (next === undefined) {
      this.children.push((next = new IndexNode(segment)));
      if (this.bySegment !== undefined || this.children.length > MAP_ABOVE) {
        this.bySegment ??= new Map(this.children.map((n) => [n.segment, n]));
        this.bySegment.set(segment, next);
      }
    }
    return next;
  }

  /** The literal child for the segment of `path` starting at `start`. */
  literal(path: string, start: number): IndexNode | undefined {
    if (this.bySegment !== undefined) {
      const end = path.indexOf('/', start);
      return this.bySegment.get(end === -1 ? path.slice(start) : path.slice(start, end));
    }
    for (const n of this.children!) {
      const end = start + n.segment.length;
      if ((end === path.length || path.charCodeAt(end) === 47) && path.startsWith(n.segment, start)) return n;
    }
    return undefined;
  }
}

// The routes at `node` and below that a path may reach, in registration order; `start` is the index in
// `path` where the current segment begins.
function collect(node: IndexNode, path: string, start: number): readonly Route[] | undefined {
  let out: readonly Route[] | undefined = node.here.length > 0 ? node.here : undefined;
  if (start > path.length) return node.terminal.length > 0 ? merge(out, node.terminal) : out;
  if (node.children !== undefined) {
    const next = node.literal(path, start);
    if (next !== undefined) out = merge(out, collect(next, path, start + next.segment.length + 1));
  }
  if (node.param !== undefined) {
    const end = path.indexOf('/', start);
    out = merge(out, collect(node.param, path, end === -1 ? path.length + 1 : end + 1));
  }
  return out;
}

// Two lists in registration order, merged; most walks find one list and merge nothing.
function merge(a: readonly Route[] | undefined, b: readonly Route[] | undefined): readonly Route[] | undefined {
  if (a === undefined || a.length === 0) return b;
  if (b === undefined || b.length === 0) return a;
  const out: Route[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.order <= b[j]!.order ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
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
      // A variable that may span `/` hides where this and later segments end: placing stops here.
      if (!withinSegment(p.pattern)) return { placeable, all: all + 2 };
      if (text !== '' || vars > 0) complex = true;
      vars++;
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
