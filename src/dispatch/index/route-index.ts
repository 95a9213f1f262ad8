import { hostInput, pathInput, queryInput } from '../../matchers/matchers.js';
import { MatchState, type RouteMatch, settleHandlerless } from '../../route/route-match.js';
import type { NestedRouter, Route, RouteFilter } from '../../route/route.js';
import { strictSlashRedirect } from '../../route/strict-slash.js';
import type { RouteRegexp } from '../../template/template.js';
import { fittedOrNone, NONE } from '../../small-arrays.js';
import type { HandlerFunc, RequestLike } from '../../types.js';
import { isClean } from '../../url/clean-path.js';
import { type Engine, type Lookup, type RouteTree, UNCLEAN_PATH } from '../engine.js';
import { RequestLookup } from '../lookup.js';
import { scanRouter } from '../scan.js';
import { CompiledWalk, nameOf, type SetterEntry, varSetter } from './compiled-walk.js';
import { type Check, checkOf, type Leaf, leafHandler, leavesOf, type Placement, placementOf } from './leaves.js';
import { Search } from './search.js';
import { attach, IndexNode, type Plan, reach, type SegmentPattern, type Validator } from './trie.js';

/**
 * The route index engine. The router's tree is flattened into leaves (subrouters included, see
 * leavesOf) and each leaf is placed in a segment trie at its path template's leading segments. A
 * request is settled by one order-bounded search of the trie for the first leaf that matches, checked
 * without evaluating any route. Where a leaf only evaluation can check comes first, or nothing matches
 * (the 404/405 decision), the in-order scan runs over just the routes whose leaves fit the path: the
 * answers are always the scan's.
 */
export class RouteIndex implements Engine {
  private built: Built | undefined;
  /** Routes appended since the trie was built, placed at the next request. */
  private pending: Route[] = [];
  /** The last request target findTarget found not to be a literal path. */
  private notStatic: string | undefined;
  /** Bumped when a handler or middleware changes: the leaves' composed handlers are made again. */
  private handlerEpoch = 0;

  /**
   * `generateCode: false` walks the trie with the interpreter only; `compileAfter` is how many times a
   * search enters a chunk before it is compiled (default 2). The router always uses the defaults; tests
   * compare the two backends.
   */
  constructor(
    private readonly tree: RouteTree,
    private readonly options: { generateCode?: boolean; compileAfter?: number } = {},
  ) {}

  /** @internal the trie's root, for the code generator's snapshot tests. */
  trie(): IndexNode {
    return this.current().root;
  }

  /** True while generated code may run the trie's walk (false where the platform forbids generating code). */
  get generatesCode(): boolean {
    return this.current().generatesCode;
  }

  find(lookup: Lookup, match: RouteMatch): true | MatchState {
    const b = this.current();
    const s = b.search;
    s.newRequest();
    const path = lookup.path;
    // match() asks findTarget first with the same string when the target has no query: not asked twice.
    const known = path === this.notStatic ? undefined : b.staticPath(path);
    const decision = known?.decide(lookup.method);
    if (decision !== undefined) return lookup.cleanUnchecked && !known!.clean ? UNCLEAN_PATH : this.decideLiteral(b, decision, lookup, match);
    // (The search runs no matcher that is not built in: the path is checked after it, proved clean by the
    // plan found where it can be.)
    const plan = s.run(b.root, path, lookup.method, lookup);
    if (lookup.cleanUnchecked && !(plan !== undefined && provesClean(plan, path, s.bestSegments)) && !isClean(path)) return UNCLEAN_PATH;
    if (plan !== undefined) return this.settle(b, plan, lookup, match);
    // No route matched. The index tells 404 from 405 itself when the routes that fit the path allow it;
    // else the scan decides, among the routes whose leaves fit the path (the others cannot match).
    if (s.undecidedFrom === Infinity && s.nearMisses === 0) return NOTHING_MATCHED;
    return (s.undecidedFrom === Infinity ? s.misses(b.root, lookup.path, lookup.method, lookup) : undefined) ?? this.scanFitting(b, lookup, match);
  }

  findTarget(req: RequestLike, target: string, method: string, match: RouteMatch, cleanUnchecked: boolean): true | MatchState | undefined {
    // (current() is called only when something changed: the usual request reads the build as it is.)
    let b = this.built;
    if (b === undefined || this.pending.length > 0) b = this.current();
    if (!b.plainStaticPaths) return undefined;
    const known = b.staticPath(target);
    if (known === undefined) {
      this.notStatic = target;
      return undefined;
    }
    this.notStatic = undefined;
    if (cleanUnchecked && !known.clean) return UNCLEAN_PATH;
    // The answer this path last had for this method, while no handler changed: a static route's requests
    // skip the decision and the leaf. (Appending routes makes a new StaticPath; other changes a new build.)
    if (known.lastMethod === method && known.lastEpoch === this.handlerEpoch) {
      match.route = known.lastRoute;
      match.handler = known.lastHandler;
      match.matchErr = undefined;
      return true;
    }
    const decision = known.decide(method);
    if (decision === undefined) return undefined;
    if (decision.checks.length === 0 && decision.plan !== undefined) {
      this.apply(decision, match);
      if (match.handler === undefined) return this.handlerless(b, decision.plan, new RequestLookup(req, method, target), match);
      if (decision.names.length === 0) known.remember(method, this.handlerEpoch, match);
      return true;
    }
    // The plans before the winner that read more than the path (a host subrouter's routes, a pathless
    // header route first) are checked here, on the request as it is: such an app's literal paths keep
    // this one Map lookup instead of a second through `find`.
    b.search.newRequest();
    // (The literal path is clean: shown above when serving asked.)
    return this.decideLiteral(b, decision, new RequestLookup(req, method, target), match);
  }

  // A literal path: the plans that read more than the path are checked in order, then the winner; with
  // none, what the routes fitting the path say about 404 vs 405.
  private decideLiteral(b: Built, decision: Decision, lookup: Lookup, match: RouteMatch): true | MatchState {
    for (const plan of decision.checks) if (b.search.extrasMatch(plan, lookup)) return this.settle(b, plan, lookup, match);
    if (decision.plan !== undefined) return this.handlerless(b, decision.plan, lookup, this.apply(decision, match));
    return b.search.misses(b.root, lookup.path, lookup.method, lookup) ?? this.scanFitting(b, lookup, match);
  }

  // The scan, over the routes whose leaves fit the path (the others cannot match).
  private scanFitting(b: Built, lookup: Lookup, match: RouteMatch): true | MatchState {
    const state = new MatchState();
    const only = new Candidates();
    b.search.each(b.root, lookup.path, (plan) => (only.add(plan.leaf), true));
    return only.routes.size > 0 ? scanRouter(this.tree, lookup, match, state, only) : state;
  }

  // A precomputed winner: its constant variables, route and handler.
  private apply(decision: Decision, match: RouteMatch): RouteMatch {
    const vars = match.vars;
    for (let i = 0; i < decision.names.length; i++) vars[decision.names[i]!] = decision.values[i]!;
    this.fill(decision.plan!, match);
    return match;
  }

  routeAdded(route: Route): void {
    if (this.built !== undefined) this.pending.push(route);
  }

  routeChanged(route: Route): void {
    // A route still waiting to be placed is placed as it is then; any other change rebuilds the trie.
    // (The route just appended is the one a chain of calls like `.methods()` changes: asked first.)
    const p = this.pending;
    if (p[p.length - 1] !== route && !p.includes(route)) this.built = undefined;
  }

  handlersChanged(): void {
    this.handlerEpoch++;
  }

  private current(): Built {
    let b = this.built;
    if (b === undefined || this.pending.length > 0) this.notStatic = undefined;
    if (b === undefined) {
      this.pending = [];
      b = this.built = new Built(this.tree, this.tree.routeList, this.options.generateCode !== false, this.options.compileAfter);
    } else if (this.pending.length > 0) {
      b.append(this.tree, this.pending);
      this.pending = [];
    }
    return b;
  }

  private settle(b: Built, plan: Plan, lookup: Lookup, match: RouteMatch): true {
    const s = b.search;
    const vars = match.vars;
    const path = lookup.path;
    // The usual plan sets its segment variables and nothing else: none of the checks below apply.
    if (plan.onlySetVars) {
      plan.setVars?.(vars, path, s.bestSegments, s.bestTailStart);
      this.fill(plan, match);
      return match.handler === undefined ? this.handlerless(b, plan, lookup, match) : true;
    }
    // The host's variables first, as the scan sets them (an object keeps its keys in insertion order).
    const { extract, hostFirst } = plan.check!;
    if (hostFirst === 1) extract[0]!.extract(hostInput(extract[0]!, lookup.view()), vars);
    plan.setVars?.(vars, path, s.bestSegments, s.bestTailStart);
    for (const { depth, pattern } of plan.patternSegments) pattern.extract(path, s.bestSegments[2 * depth], s.bestSegments[2 * depth + 1], vars);
    if (plan.regexp !== undefined && plan.regexp.varNames.length > 0) plan.regexp.extract(path, vars);
    if (extract.length > hostFirst) {
      const view = lookup.view();
      for (let i = hostFirst; i < extract.length; i++) extract[i]!.extract(inputOf(extract[i]!, view), vars);
    }
    if (plan.varOrder !== undefined) reorderVars(vars, plan.varOrder);
    this.fill(plan, match);
    const strict = plan.strictSlash;
    if (strict !== undefined && path.endsWith('/') !== strict.template.endsWith('/')) {
      const redirect = strictSlashRedirect(strict, lookup.view(), plan.leaf.route.conf.redirectStatus);
      if (redirect !== undefined) match.handler = wrapChain(plan.leaf, redirect);
    }
    return this.handlerless(b, plan, lookup, match);
  }

  // A route without a handler won: the plans before it say whether that is a 404 or a 405 (see
  // settleHandlerless). They are all decided: the winner came before any plan only evaluation can check.
  private handlerless(b: Built, plan: Plan, lookup: Lookup, match: RouteMatch): true {
    if (match.handler === undefined) {
      b.search.newRequest();
      settleHandlerless(match, b.search.misses(b.root, lookup.path, lookup.method, lookup, plan.order));
    }
    return true;
  }

  private fill(plan: Plan, match: RouteMatch): void {
    const leaf = plan.leaf as CachedLeaf;
    if (leaf.epoch !== this.handlerEpoch) {
      leaf.handler = leafHandler(leaf);
      leaf.epoch = this.handlerEpoch;
    }
    match.route = leaf.route;
    match.handler = leaf.handler;
    match.matchErr = undefined;
  }
}

/** The routes on the chains of some leaves; below a leaf that is a whole subtree, every route. */
class Candidates implements RouteFilter {
  readonly routes = new Set<Route>();
  private readonly subtrees = new Set<NestedRouter>();

  add(leaf: Leaf): void {
    for (const r of leaf.chain) this.routes.add(r);
    const sub = leaf.route.subrouterOrUndefined;
    if (sub !== undefined) this.subtrees.add(sub);
  }

  has(route: Route): boolean {
    return this.routes.has(route);
  }

  open(router: NestedRouter): boolean {
    return this.subtrees.has(router);
  }
}

/**
 * True when a plan found for `path` shows the path clean: its texts prove themselves (see `cleanTexts`), and
 * none of its variable segments is empty or starts with a dot. Then the path is `/`, segments without
 * a leading dot, and `/` after the last at most (strict slash): nothing cleaning changes.
 */
function provesClean(plan: Plan, path: string, segments: readonly number[]): boolean {
  if (!plan.cleanTexts) return false;
  for (let i = 0; i < plan.params.length; i++) {
    const s = segments[2 * i]!;
    if (segments[2 * i + 1] === s || path.charCodeAt(s) === 46 /* . */) return false;
  }
  return true;
}

/** No route failed only on its methods or its queries: a plain 404. Never written to. */
const NOTHING_MATCHED = new MatchState();

type CachedLeaf = Leaf & { handler?: HandlerFunc | undefined; epoch?: number };

// A handler set by the match itself (a strict-slash redirect), wrapped by the routers above the leaf.
function wrapChain(leaf: Leaf, h: HandlerFunc): HandlerFunc {
  for (let i = leaf.chain.length - 1; i >= 0; i--) h = leaf.trees[i]!.wrap(h);
  return h;
}

/**
 * The order the scan sets a leaf's variables in (its route's host, path and queries, then what enclosing
 * routes add), when `settle` would set them in another; undefined when the two agree.
 */
function varOrder(
  leaf: Leaf,
  { extract, hostFirst }: Check,
  names: readonly SetterEntry[],
  tail: string | undefined,
  patternSegments: readonly { pattern: SegmentPattern }[],
  regexp: RouteRegexp | undefined,
): string[] | undefined {
  const filled = new Set<string>([
    ...(hostFirst === 1 ? extract[0]!.varNames : []),
    ...names.map(nameOf).filter((n): n is string => n !== undefined),
    ...(tail === undefined ? [] : [tail]),
    ...patternSegments.flatMap((p) => p.pattern.varNames),
    ...(regexp?.varNames ?? []),
    ...extract.slice(hostFirst).flatMap((rr) => rr.varNames),
  ]);
  const scan = [...new Set([...leaf.route.getVarNames(), ...filled])].filter((n) => filled.has(n));
  const same = scan.every((n, i) => n === [...filled][i]);
  return same ? undefined : scan;
}

// Puts the variables in `order` (those this match set, in place: the caller may hold the object).
function reorderVars(vars: Record<string, string>, order: readonly string[]): void {
  const values = order.map((n) => (Object.hasOwn(vars, n) ? vars[n] : undefined));
  for (const n of order) delete vars[n];
  for (let i = 0; i < order.length; i++) if (values[i] !== undefined) vars[order[i]!] = values[i]!;
}

function inputOf(rr: RouteRegexp, view: ReturnType<Lookup['view']>): string {
  if (rr.kind === 'host') return hostInput(rr, view);
  if (rr.kind === 'query') return queryInput(rr, view);
  return pathInput(rr, view);
}

/** A literal path's answer for a method: plans to check on the request first, then the winner (if any). */
interface Decision {
  readonly checks: readonly Plan[];
  readonly plan: Plan | undefined;
  readonly names: readonly string[];
  readonly values: readonly string[];
}

/** A fully literal path: the winner for each method its leaves name and for any other method. */
class StaticPath {
  constructor(
    private readonly methods: readonly string[],
    private readonly decisions: readonly (Decision | undefined)[],
    private readonly otherMethods: Decision | undefined,
    /** The index's append count when this was worked out. */
    readonly appends: number,
    /** The path is clean (serveHTTP redirects it otherwise). */
    readonly clean: boolean,
  ) {}

  /** The last method answered by a winner without variables, with the handler epoch and the answer. */
  lastMethod: string | undefined = undefined;
  lastEpoch = -1;
  lastRoute: Route | undefined = undefined;
  lastHandler: HandlerFunc | undefined = undefined;

  remember(method: string, epoch: number, match: RouteMatch): void {
    this.lastMethod = method;
    this.lastEpoch = epoch;
    this.lastRoute = match.route;
    this.lastHandler = match.handler;
  }

  decide(method: string): Decision | undefined {
    for (let i = 0; i < this.methods.length; i++) if (this.methods[i] === method) return this.decisions[i];
    return this.otherMethods;
  }
}

/** One build of the trie, grown in place as routes are appended. */
class Built {
  readonly root = new IndexNode('', 0);
  private readonly walk = new CompiledWalk();
  readonly search = new Search(this.walk);
  private leafCount = 0;
  /**
   * The request paths that fully literal templates match, with their answers once computed (NOT_YET
   * until the first request for that path, and again after routes are appended): one Map lookup.
   */
  private readonly staticPaths = new Map<string, StaticPath | typeof NOT_YET>();
  /** How many times routes were appended: a literal path's answer computed before the last one is stale. */
  private appends = 0;
  /** No literal path holds `?` or `%`: a request target equal to one of them is that path, as is. */
  plainStaticPaths = true;
  /**
   * A filter before the Map: bit `last character & 31` of entry `length & 63` is set for each literal
   * path. (Hashing a request's path for the Map costs more than the rest of a static answer; most
   * parametric paths differ from every literal one in length or last character and skip it.)
   */
  private readonly staticShapes = new Uint32Array(64);

  constructor(tree: RouteTree, routes: readonly Route[], generateCode: boolean, compileAfter: number | undefined) {
    this.walk.available = generateCode;
    if (compileAfter !== undefined) this.walk.compileAfter = compileAfter;
    // The root starts the first chunk; every other chunk starts where a compiled one ends.
    this.root.chunk = this.root;
    this.place(tree, routes, undefined);
  }

  append(tree: RouteTree, routes: readonly Route[]): void {
    const changed: IndexNode[] = [];
    this.place(tree, routes, changed);
    // The literal paths' answers are worked out again when next asked for. (Resetting each entry cost
    // O(literal paths) per append: 1.3 ms a request with 10,000 of them and a route added before each.)
    this.appends++;
    this.walk.invalidate(changed);
  }

  get generatesCode(): boolean {
    return this.walk.available;
  }

  /** The precomputed answers for a literal path; undefined when no literal template matches it. */
  staticPath(path: string): StaticPath | undefined {
    const length = path.length;
    if ((this.staticShapes[length & 63]! & (1 << (path.charCodeAt(length - 1) & 31))) === 0) return undefined;
    let known = this.staticPaths.get(path);
    if (known === NOT_YET || (known !== undefined && known.appends !== this.appends)) this.staticPaths.set(path, (known = this.precompute(path)));
    return known;
  }

  // Places the leaves of these routes (appended after all placed so far), adding the nodes passed to `changed`.
  private place(tree: RouteTree, routes: readonly Route[], changed: IndexNode[] | undefined): void {
    for (const leaf of leavesOf(tree, routes, this.leafCount)) {
      this.leafCount++;
      const placement = placementOf(leaf);
      const passed = reach(this.root, placement.segments);
      const plan = this.planFor(leaf, placement, passed);
      const emptyToo = placement.terminal && placement.template!.strictSlash;
      const touched = attach(passed, plan, placement.terminal, emptyToo);
      if (changed !== undefined) for (const n of touched) changed.push(n);
      if (plan.params.length === 0 && plan.tail === undefined && plan.regexp === undefined && placement.terminal) {
        const literal = '/' + placement.segments.map((s) => (s as { text: string }).text).join('/');
        for (const p of emptyToo ? [literal, literal + '/'] : [literal]) {
          this.staticPaths.set(p, NOT_YET);
          this.staticShapes[p.length & 63]! |= 1 << (p.charCodeAt(p.length - 1) & 31);
          if (p.includes('?') || p.includes('%')) this.plainStaticPaths = false;
        }
      }
    }
  }

  // How the trie checks a leaf placed at `passed` (the root, then one node per placed segment).
  private planFor(leaf: Leaf, placement: Placement, passed: readonly IndexNode[]): Plan {
    const template = placement.template;
    const check = leaf.decided ? checkOf(leaf) : undefined;
    // The trie checks the template itself when it placed all of it (or all but a tail variable).
    const exact = placement.exact && leaf.decided;
    const params: (Validator | null | undefined)[] = [];
    const names: SetterEntry[] = [];
    const patternSegments: { depth: number; pattern: SegmentPattern }[] = [];
    placement.segments.forEach((segment, i) => {
      if (segment.kind === 'param') {
        const v = segment.variable;
        params.push(v.pattern === DEFAULT_PATH_PATTERN ? undefined : template!.validatorOf(v.name));
        names.push(v.name);
      } else if (segment.kind === 'pattern') {
        // The node's own template checked the segment. One variable between fixed texts is set with the
        // others (cut from the segment at known offsets); else the plan extracts the variables with it.
        const pattern = passed[i]!.patternChild(segment.key)!.pattern;
        const single = pattern.single;
        if (single === undefined) patternSegments.push({ depth: params.length, pattern });
        params.push(null);
        names.push(single ?? null);
      }
    });
    const tail = exact ? placement.tail : undefined;
    const regexp = exact || !leaf.decided ? undefined : template;
    const setVars = exact && (tail !== undefined || names.some((n) => n !== null)) ? varSetter(names, tail?.variable.name, this.walk) : undefined;
    const fittedPatterns = exact ? fittedOrNone(patternSegments) : NONE;
    const order = check === undefined || patternSegments.length === 0 ? undefined : varOrder(leaf, check, names, tail?.variable.name, patternSegments, regexp);
    const strictSlash = template?.strictSlash ? template : undefined;
    return {
      leaf,
      order: leaf.order,
      decided: leaf.decided,
      check,
      hasExtras: check !== undefined && check.extras.length > 0,
      params: exact ? fittedOrNone(params) : NONE,
      patternSegments: fittedPatterns,
      tail: tail === undefined ? undefined : (TAIL_SHORTCUTS.get(tail.variable.pattern) ?? template!.validatorOf(tail.variable.name)),
      setVars,
      regexp,
      strictSlash,
      // (Only a segment of several variables, extracted after the whole-segment ones, can set them out of
      // the scan's order: the host's go first, the queries and enclosing routes' after, as in the scan.)
      varOrder: order,
      onlySetVars:
        check !== undefined && check.extract.length === 0 && fittedPatterns.length === 0 &&
        (regexp === undefined || regexp.varNames.length === 0) && order === undefined && strictSlash === undefined,
      // A segment of text proves itself clean: not empty, no leading dot. (An empty last one, a template
      // ending in `/`, would be clean too; it is left to the RegExp test, as any empty text segment.)
      cleanTexts: exact && placement.terminal && tail === undefined && placement.segments.every((seg) => seg.kind !== 'text' || (seg.text !== '' && seg.text.charCodeAt(0) !== 46)),
      ruledOutIn: -1,
    };
  }

  // A literal path's winner per method its leaves name, and for any other method.
  private precompute(path: string): StaticPath {
    this.search.precomputing = true;
    try {
      return this.answersFor(path);
    } finally {
      this.search.precomputing = false;
    }
  }

  private answersFor(path: string): StaticPath {
    const methods = new Set<string>();
    this.search.each(this.root, path, (plan) => {
      if (plan.decided) for (const list of plan.check!.methods) for (const m of list) methods.add(m);
      return true;
    });
    const list = [...methods];
    // Undefined where only the request can tell (a leaf only evaluation checks, a redirect, variables
    // taken from more than the path).
    const decide = (method: string | undefined): Decision | undefined => {
      const s = this.search;
      const plan = s.run(this.root, path, method, undefined);
      if (s.undecidedFrom !== Infinity && (plan === undefined || s.undecidedFrom < plan.order)) return undefined;
      const checks = s.checks.filter((c) => plan === undefined || c.order < plan.order).sort((a, b) => a.order - b.order);
      if (plan === undefined) return { checks, plan, names: [], values: [] };
      if (plan.strictSlash !== undefined && path.endsWith('/') !== plan.strictSlash.template.endsWith('/')) return undefined;
      if (plan.patternSegments.length > 0 || plan.regexp !== undefined || plan.check!.extract.length > 0) return undefined;
      const vars: Record<string, string> = {};
      plan.setVars?.(vars, path, s.bestSegments, s.bestTailStart);
      return { checks, plan, names: Object.keys(vars), values: Object.values(vars) };
    };
    return new StaticPath(list, list.map(decide), decide(undefined), this.appends, isClean(path));
  }
}

const DEFAULT_PATH_PATTERN = '[^/]+';

// The patterns a tail variable most often has, checked without a RegExp, with the same answers: `.*` (RE2's
// `.` is anything but `\n`) and Express's `*rest` (anything, at least one character).
const TAIL_SHORTCUTS = new Map<string, Validator>([
  ['.*', { test: (s) => s.indexOf('\n') === -1, testIn: (s, start, end) => { const n = s.indexOf('\n', start); return n === -1 || n >= end; } }],
  ['[\\s\\S]+', { test: (s) => s.length > 0, testIn: (_s, start, end) => end > start }],
]);
const NOT_YET = Symbol('not computed yet');
