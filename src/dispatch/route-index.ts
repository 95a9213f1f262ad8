import { compileWalk, varSetter, type VarSetter, type Walk, type WalkTarget } from './compiled-walk.js';
import type { Route } from '../route/route.js';
import { DEFAULT_PATTERN, type RouteRegexp, type TemplatePiece } from '../template/template.js';

/**
 * A segment trie over the routes' path templates. A route sits at the node of its path's leading segments
 * that are plain text or a whole-segment variable; from the first segment it cannot place (mixed text and
 * variables, a variable that may span `/`, an optional group), it is a candidate for every request
 * passing that node. Routes without a path, or matching the path as sent (useEncodedPath), sit at the root.
 *
 * It answers two questions without changing any answer of a plain in-order scan:
 * - `candidates(path)`: the routes worth trying, in registration order; their own matchers decide.
 * - `resolve(path, method, vars)`: the winner, when routes decided by path and method alone settle the
 *   request. Those routes are checked in the trie itself (a whole-segment variable against its pattern,
 *   segment by segment; a last variable spanning the rest against the rest; anything else against the
 *   template's RegExp), visiting only subtrees that hold a
 *   route registered before the best one found so far. It gives up when a route with other matchers
 *   may come first, or when nothing matches (the caller then evaluates the candidates, and tells 404
 *   from 405).
 */
export class RouteIndex implements WalkTarget {
  /** @internal tests turn this off to exercise the code used where generating code is not allowed. */
  static generateCode = true;
  private readonly root = new IndexNode('');
  private readonly compiledWalk: Walk | undefined;
  /** Precomputed for every fully literal template: a static path costs one Map lookup. */
  private readonly byStaticPath = new Map<string, StaticPath>();
  /** No static path holds `?` or `%`: a request target equal to one of them is that path, as is. */
  private readonly plainStaticPaths: boolean;
  // Search state of one resolve(); resolve runs no user code, so one set per index is enough.
  private path = '';
  private method: string | undefined = '';
  /** @internal routes at or after this order cannot change the answer. */
  bound = 0;
  private best: Plan | undefined;
  /** The order of the first route found that only its own evaluation can settle. */
  private undecidedFrom = 0;
  /** @internal start and end of each whole-segment variable on the current trie path. */
  readonly segments: number[] = [];
  private readonly bestSegments: number[] = [];
  private bestTailStart = 0;
  private lastExec: RegExpExecArray | null = null;
  private bestExec: RegExpExecArray | null = null;

  constructor(routes: readonly Route[]) {
    const staticPaths: string[] = [];
    for (const route of routes) {
      const placed = this.place(route);
      if (placed !== undefined) staticPaths.push(...placed);
    }
    computeMinOrder(this.root);
    this.compiledWalk = RouteIndex.generateCode ? compileWalk(this.root) : undefined;
    for (const path of staticPaths) {
      if (!this.byStaticPath.has(path)) this.byStaticPath.set(path, this.precompute(path));
    }
    this.plainStaticPaths = staticPaths.every((p) => !p.includes('?') && !p.includes('%'));
  }

  /** The routes that may match `path` (decoded), in registration order. */
  candidates(path: string): readonly Route[] {
    return this.byStaticPath.get(path)?.candidates ?? this.walk(path);
  }

  /**
   * The route that wins for this decoded path and method, when routes decided by path and method alone
   * settle it; its variables are then added to `vars`. Undefined otherwise. `targetTried`: resolveTarget
   * was just asked with this same string, so the static paths need no second lookup.
   */
  resolve(path: string, method: string, vars: Record<string, string>, targetTried = false): Route | undefined {
    if (!(targetTried && this.plainStaticPaths)) {
      const known = this.byStaticPath.get(path);
      if (known !== undefined) return known.decide(method, vars);
    }
    if (!this.search(path, method)) return undefined;
    this.fillVars(vars);
    return this.best!.route;
  }

  /**
   * resolve() for a whole request target that is one of the static paths as is (no query, no
   * percent-encoding): one Map lookup, before the target is even split. Undefined otherwise.
   */
  resolveTarget(target: string, method: string, vars: Record<string, string>): Route | undefined {
    return this.plainStaticPaths ? this.byStaticPath.get(target)?.decide(method, vars) : undefined;
  }

  private walk(path: string): readonly Route[] {
    const found = path.charCodeAt(0) === 47 /* / */ ? collect(this.root, path, 1) : this.root.here;
    return found ?? NONE;
  }

  // ---- building ----

  // Inserts the route; returns the request paths it matches literally, if its template is all text.
  private place(route: Route): string[] | undefined {
    const rr = route.conf.path;
    if (rr === undefined || rr.useEncodedPath) {
      this.root.addHere(planFor(route, rr, noLayout));
      return undefined;
    }
    const layout = layoutOf(rr);
    const prefix = rr.kind === 'prefix';
    // A prefix's last segment may continue in the request (`/api` matches `/apix`): it is not placed.
    const placeable = prefix ? Math.min(layout.placeable.length, layout.all - 1) : layout.placeable.length;
    let node = this.root;
    for (let i = 0; i < placeable; i++) node = node.child(layout.placeable[i]!);
    if (prefix || placeable < layout.all) {
      node.addHere(planFor(route, rr, placeable === layout.placeable.length ? layout : noLayout));
      return undefined;
    }
    const plan = planFor(route, rr, layout);
    node.addTerminal(plan);
    const paths = layout.params.length === 0 ? [layout.placeable.map((s) => '/' + (s as string)).join('')] : undefined;
    if (rr.strictSlash) {
      // `^/a[/]?$`: the route also ends one empty segment further.
      node.child('').addTerminal(plan);
      paths?.push(paths[0] + '/');
    }
    return paths;
  }

  // A static path's candidates, and the winner for each method its routes name and for any other method.
  private precompute(path: string): StaticPath {
    const candidates = this.walk(path);
    const methods = [...new Set(candidates.flatMap((r) => (r.decidedByPathAndMethod() ? r.requiredMethods().flat() : [])))];
    const decide = (method: string | undefined): Decision | undefined => {
      if (!this.search(path, method)) return undefined;
      const vars: Record<string, string> = {};
      this.fillVars(vars);
      return { route: this.best!.route, names: Object.keys(vars), values: Object.values(vars) };
    };
    return new StaticPath(candidates, methods, methods.map(decide), decide(undefined));
  }

  // ---- resolving ----

  // True when a route decided by path and method wins (then in `best`); `method` undefined stands for a
  // method that no route names.
  private search(path: string, method: string | undefined): boolean {
    if (path.charCodeAt(0) !== 47 /* / */) return false;
    this.path = path;
    this.method = method;
    this.best = undefined;
    this.bound = Infinity;
    this.undecidedFrom = Infinity;
    if (this.compiledWalk !== undefined) this.compiledWalk(this, path);
    else this.visit(this.root, 1, 0);
    const best = this.best as Plan | undefined; // set by visit()
    return best !== undefined && best.order < this.undecidedFrom;
  }

  /**
   * @internal The interpreted walk. `start` is where the node's next segment begins in the path (past its
   * end: the path ends here); `depth` counts the whole-segment variables passed. The literal child is
   * tried before the variable one; a path through one child only is followed in a loop, not a call.
   */
  visit(node: IndexNode, start: number, depth: number): void {
    const path = this.path;
    for (;;) {
      if (node.minOrder >= this.bound) return;
      if (node.herePlans.length > 0) this.consider(node.herePlans, start);
      if (start > path.length) {
        if (node.terminalPlans.length > 0) this.consider(node.terminalPlans, start);
        return;
      }
      let end = path.indexOf('/', start);
      if (end === -1) end = path.length;
      const next = node.children === undefined ? undefined : node.literal(path, start, end);
      const param = node.param;
      if (param === undefined) {
        if (next === undefined) return;
        node = next;
        start = end + 1;
        continue;
      }
      if (next !== undefined) this.visit(next, end + 1, depth);
      this.segments[2 * depth] = start;
      this.segments[2 * depth + 1] = end;
      node = param;
      start = end + 1;
      depth++;
    }
  }

  /** @internal plans come in registration order: the first that matches (or needs its route's evaluation) bounds the rest. */
  consider(plans: readonly Plan[], start: number): void {
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!;
      if (plan.order >= this.bound) return;
      if (!plan.decided) {
        // A route that its own methods rule out cannot win; any other needs its evaluation.
        if (this.method !== undefined && plan.route.rejectsMethod(this.method)) continue;
        this.undecidedFrom = this.bound = plan.order;
        return;
      }
      if ((plan.onlyMethod !== undefined ? plan.onlyMethod !== this.method : !acceptsMethod(plan.methods, this.method)) || !this.matches(plan, start)) continue;
      if (plan.strictSlash && this.path.endsWith('/') !== plan.endSlash) {
        // It matches, but with a redirect: its evaluation builds that.
        this.undecidedFrom = this.bound = plan.order;
        return;
      }
      this.best = plan;
      this.bound = plan.order;
      for (let j = 0; j < 2 * plan.params.length; j++) this.bestSegments[j] = this.segments[j]!;
      this.bestTailStart = start;
      this.bestExec = this.lastExec;
      return;
    }
  }

  private matches(plan: Plan, start: number): boolean {
    const path = this.path;
    for (let i = 0; i < plan.params.length; i++) {
      const s = this.segments[2 * i]!;
      const e = this.segments[2 * i + 1]!;
      const validator = plan.params[i];
      if (validator === undefined ? e === s : !validator.test(path.slice(s, e))) return false;
    }
    if (plan.tail !== undefined) return start <= path.length && plan.tail.test(path.slice(start));
    const rr = plan.regexp;
    if (rr === undefined) return true;
    if (rr.varNames.length === 0) return rr.test(path);
    return (this.lastExec = rr.regexp.exec(path)) !== null;
  }

  private fillVars(vars: Record<string, string>): void {
    const plan = this.best!;
    if (plan.setVars !== undefined) plan.setVars(vars, this.path, this.bestSegments, this.bestTailStart);
    else if (plan.regexp !== undefined && plan.regexp.varNames.length > 0) plan.regexp.extract(this.path, vars, this.bestExec);
  }
}

const NONE: readonly Route[] = [];

/** Stands for a whole-segment variable in a route's segment list. */
const PARAM = Symbol('param');
type Segment = string | typeof PARAM;

/**
 * How the trie checks one route. `decided` is false for a route with matchers other than its path and
 * methods: finding it ends the search unless a route registered earlier wins.
 */
interface Plan {
  readonly route: Route;
  readonly order: number;
  readonly decided: boolean;
  /** The request's method must be in each list. */
  readonly methods: readonly (readonly string[])[];
  /** The one method accepted, when there is exactly one (the common case, compared directly). */
  readonly onlyMethod: string | undefined;
  /** One per whole-segment variable passed in the trie: its validator, or undefined for `[^/]+` (any non-empty segment). */
  readonly params: readonly (RegExp | undefined)[];
  /** A last variable that spans the rest of the path (`/static/{rest:.*}`): its validator. */
  readonly tail: RegExp | undefined;
  /** Sets the variables the trie checked; undefined when it checked none. */
  readonly setVars: VarSetter | undefined;
  /** The template, when the trie cannot check it segment by segment. */
  readonly regexp: RouteRegexp | undefined;
  readonly strictSlash: boolean;
  readonly endSlash: boolean;
}

function planFor(route: Route, rr: RouteRegexp | undefined, layout: Layout): Plan {
  // The trie checks the route when it placed every segment, or all but a tail variable; else the RegExp does.
  const byTrie = layout !== noLayout && (layout.tail !== undefined || layout.placeable.length === layout.all);
  const tail = byTrie ? layout.tail : undefined;
  const validator = (v: Variable) => (v.pattern === DEFAULT_PATTERN.path ? undefined : rr!.validatorOf(v.name)!);
  return {
    route,
    order: route.order,
    decided: route.decidedByPathAndMethod(),
    methods: route.requiredMethods(),
    onlyMethod: onlyMethod(route.requiredMethods()),
    params: byTrie ? layout.params.map(validator) : [],
    tail: tail && rr!.validatorOf(tail.name),
    setVars: byTrie && (tail !== undefined || layout.params.length > 0) ? varSetter(layout.params.map((v) => v.name), tail?.name, RouteIndex.generateCode) : undefined,
    regexp: byTrie ? undefined : rr,
    strictSlash: rr?.strictSlash ?? false,
    endSlash: rr?.template.endsWith('/') ?? false,
  };
}

function onlyMethod(lists: readonly (readonly string[])[]): string | undefined {
  return lists.length === 1 && lists[0]!.length === 1 ? lists[0]![0] : undefined;
}

function acceptsMethod(lists: readonly (readonly string[])[], method: string | undefined): boolean {
  for (let i = 0; i < lists.length; i++) if (method === undefined || !lists[i]!.includes(method)) return false;
  return true;
}

interface Decision {
  readonly route: Route;
  readonly names: readonly string[];
  readonly values: readonly string[];
}

/** A fully literal path: its candidates, and the winner per method when routes decided by path and method settle it. */
class StaticPath {
  constructor(
    readonly candidates: readonly Route[],
    private readonly methods: readonly string[],
    private readonly decisions: readonly (Decision | undefined)[],
    private readonly otherMethods: Decision | undefined,
  ) {}

  decide(method: string, vars: Record<string, string>): Route | undefined {
    let d = this.otherMethods;
    for (let i = 0; i < this.methods.length; i++) {
      if (this.methods[i] === method) {
        d = this.decisions[i];
        break;
      }
    }
    if (d === undefined) return undefined;
    for (let i = 0; i < d.names.length; i++) vars[d.names[i]!] = d.values[i]!;
    return d.route;
  }
}

// Above this many literal children, a node looks segments up in a Map instead of comparing in place.
const MAP_ABOVE = 8;

/** @internal a trie node; compiled walks read it too. */
export class IndexNode {
  /** Literal children, compared in place while there are few of them. */
  children: IndexNode[] | undefined;
  /** The same children by segment, once there are many. */
  bySegment: Map<string, IndexNode> | undefined;
  param: IndexNode | undefined;
  /** Routes that end exactly here (a path with this many segments). */
  readonly terminal: Route[] = [];
  readonly terminalPlans: Plan[] = [];
  /** Routes whose remaining template is checked by their own matchers (prefixes, complex segments). */
  readonly here: Route[] = [];
  readonly herePlans: Plan[] = [];
  /** The lowest registration order of the routes here and below. */
  minOrder = Infinity;
  /** The segment's first character code; `/` for the empty segment (a path's next character is then `/` or none). */
  readonly first: number;

  constructor(readonly segment: string) {
    this.first = segment === '' ? 47 : segment.charCodeAt(0);
  }

  addHere(plan: Plan): void {
    this.here.push(plan.route);
    this.herePlans.push(plan);
  }

  addTerminal(plan: Plan): void {
    this.terminal.push(plan.route);
    this.terminalPlans.push(plan);
  }

  child(segment: Segment): IndexNode {
    if (segment === PARAM) return (this.param ??= new IndexNode(''));
    this.children ??= [];
    let next = this.bySegment !== undefined ? this.bySegment.get(segment) : this.children.find((n) => n.segment === segment);
    if (next === undefined) {
      this.children.push((next = new IndexNode(segment)));
      if (this.bySegment !== undefined || this.children.length > MAP_ABOVE) {
        this.bySegment ??= new Map(this.children.map((n) => [n.segment, n]));
        this.bySegment.set(segment, next);
      }
    }
    return next;
  }

  /** The literal child for the segment of `path` from `start` to `end`. */
  literal(path: string, start: number, end: number): IndexNode | undefined {
    if (this.bySegment !== undefined) return this.bySegment.get(path.slice(start, end));
    const children = this.children!;
    const length = end - start;
    const first = start < end ? path.charCodeAt(start) : 47;
    for (let i = 0; i < children.length; i++) {
      const n = children[i]!;
      if (n.first === first && n.segment.length === length && path.slice(start, end) === n.segment) return n;
    }
    return undefined;
  }
}

function computeMinOrder(node: IndexNode): number {
  let min = Math.min(node.here[0]?.order ?? Infinity, node.terminal[0]?.order ?? Infinity);
  for (const child of node.children ?? []) min = Math.min(min, computeMinOrder(child));
  if (node.param !== undefined) min = Math.min(min, computeMinOrder(node.param));
  return (node.minOrder = min);
}

// The routes at `node` and below that a path may reach, in registration order; `start` is the index in
// `path` where the current segment begins.
function collect(node: IndexNode, path: string, start: number): readonly Route[] | undefined {
  let out: readonly Route[] | undefined = node.here.length > 0 ? node.here : undefined;
  if (start > path.length) return node.terminal.length > 0 ? merge(out, node.terminal) : out;
  let end = path.indexOf('/', start);
  if (end === -1) end = path.length;
  if (node.children !== undefined) {
    const next = node.literal(path, start, end);
    if (next !== undefined) out = merge(out, collect(next, path, end + 1));
  }
  if (node.param !== undefined) out = merge(out, collect(node.param, path, end + 1));
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

type Variable = { name: string; pattern: string };

/** Where a template's segments can be placed in the trie. */
interface Layout {
  /** The leading segments that are literal text or one whole-segment variable that cannot match `/`. */
  placeable: Segment[];
  /** The variables among them, in order. */
  params: Variable[];
  /** How many segments the template has; more than placed when placing stopped early. */
  all: number;
  /** A last variable that starts right after the placed segments and spans the rest of the path. */
  tail: Variable | undefined;
}

/** A route the trie does not check segment by segment (its template's RegExp does). */
const noLayout: Layout = { placeable: [], params: [], all: 1, tail: undefined };

function layoutOf(rr: RouteRegexp): Layout {
  const placeable: Segment[] = [];
  const params: Variable[] = [];
  const flat = flatten(rr.pieces);
  if (flat === undefined) return noLayout;
  let text = '';
  let vars: Variable[] = [];
  let complex = false;
  let all = 0;
  let started = false;
  const close = () => {
    all++;
    if (complex || placeable.length < all - 1) return;
    if (vars.length === 0) placeable.push(text);
    else if (vars.length === 1 && text === '') {
      placeable.push(PARAM);
      params.push(vars[0]!);
    }
  };
  for (let i = 0; i < flat.length; i++) {
    const p = flat[i]!;
    if (typeof p === 'string') {
      for (const c of p) {
        if (c === '/') {
          if (started) close();
          started = true;
          text = '';
          vars = [];
          complex = false;
        } else {
          if (!started) return noLayout;
          text += c;
          if (vars.length > 0) complex = true;
        }
      }
    } else {
      if (!started) return noLayout;
      // A variable that may span `/` hides where this and later segments end: placing stops here.
      if (!withinSegment(p.pattern)) {
        const whole = text === '' && vars.length === 0 && placeable.length === all;
        const tail = rr.kind === 'path' && whole && i === flat.length - 1 ? p : undefined;
        return { placeable, params, all: all + 2, tail };
      }
      if (text !== '' || vars.length > 0) complex = true;
      vars.push(p);
    }
  }
  if (started) close();
  return { placeable, params, all: Math.max(all, 1), tail: undefined };
}

// Text and variables in order; undefined when the template has an optional group.
function flatten(pieces: readonly TemplatePiece[]): (string | Variable)[] | undefined {
  const out: (string | Variable)[] = [];
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
