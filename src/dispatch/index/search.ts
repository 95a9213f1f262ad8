import { MatchState, RouteMatch } from '../../route/route-match.js';
import type { Lookup } from '../engine.js';
import { type CompiledWalk, HOT_SHARE, HOT_WINDOW, type WalkTarget } from './compiled-walk.js';
import type { IndexNode, Plan } from './trie.js';
import type { Leaf } from './leaves.js';
import { type Matcher, MethodMatcher, methodLists, QueryMatcher } from '../../matchers/matchers.js';

/**
 * One search of the trie for the first plan, in flattened order, that matches a request: the
 * interpreted walk, and the state the compiled walk drives too. The search is order-bounded: it enters a
 * subtree only when that holds a plan registered before the best one found so far. It runs no user
 * code (undecided plans are never checked here), so one Search per index is enough.
 */
export class Search implements WalkTarget {
  readonly segments: number[] = [];
  bound = Infinity;
  /** The winner so far. */
  best: Plan | undefined;
  /** Where the best plan's variable segments and tail start. */
  readonly bestSegments: number[] = [];
  bestTailStart = 0;
  /** The order of the first plan met that only evaluation can check. */
  undecidedFrom = Infinity;
  /**
   * Plans whose path may have matched but that failed on their methods or on matchers including a query:
   * when a search finds no winner and none of these, no route says anything for 405 (a plain 404).
   */
  nearMisses = 0;
  /** How many searches (and walks of `each`) ran: a chunk's share of them decides whether it is compiled. */
  private searches = 0;
  /** Counts requests (see `newRequest`). */
  private request = 0;
  private path = '';
  private method: string | undefined;
  private lookup: Lookup | undefined;
  /** Set while `each` runs: called on every plan met instead of searching. */
  private visitor: ((plan: Plan, start: number) => boolean) | undefined;

  /**
   * Precomputing a static path's answer (no request at hand): a plan that reads more than the path and
   * method is set aside in `checks` (checked on each request, in order, before the winner).
   */
  private pathAndMethodOnly = false;
  checks: Plan[] = [];
  /**
   * True while a literal path's answers are worked out (once per path, again after routes are appended):
   * those walks compile nothing. (They entered the root's chunk twice, which compiled it after every
   * append: a root with 10,000 children cost 0.3 ms an append and request.)
   */
  precomputing = false;

  constructor(private readonly walk: CompiledWalk) {}

  /**
   * The first decided plan that matches, when no undecided plan comes before it. `method` undefined stands
   * for any method no route names; `lookup` undefined precomputes from the path and method alone.
   */
  run(root: IndexNode, path: string, method: string | undefined, lookup: Lookup | undefined): Plan | undefined {
    this.path = path;
    this.method = method;
    this.lookup = lookup;
    this.pathAndMethodOnly = lookup === undefined;
    // (Setting an array's length is a runtime call: a new array is made only when precomputing.)
    if (lookup === undefined) this.checks = [];
    this.nearMisses = 0;
    this.searches++;
    this.best = undefined;
    this.bound = Infinity;
    this.undecidedFrom = Infinity;
    if (path.charCodeAt(0) !== 47 /* / */) this.consider(root.herePlans, path.length + 1);
    else if (root.compiled !== undefined) root.compiled(this, path, 1);
    else this.enter(root, 1);
    const best = this.best as Plan | undefined;
    this.lookup = undefined;
    return best !== undefined && best.order < this.undecidedFrom ? best : undefined;
  }

  /**
   * The interpreted walk from `node`, whose next segment starts at `start` (past the path's end: the path
   * ends here). The literal child is tried before the others; a path through one child only is followed
   * in a loop, not a call.
   */
  visit(node: IndexNode, start: number): void {
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
      if (param === undefined && node.patterns === undefined) {
        if (next === undefined) return;
        node = next;
        start = end + 1;
        if (node.chunk === node) return this.enter(node, start);
        continue;
      }
      if (next !== undefined) this.enter(next, end + 1);
      if (node.patterns !== undefined) this.patterns(node, start, end);
      if (param === undefined) return;
      this.segments[2 * node.depth] = start;
      this.segments[2 * node.depth + 1] = end;
      node = param;
      start = end + 1;
      if (node.chunk === node) return this.enter(node, start);
    }
  }

  patterns(node: IndexNode, s: number, e: number): void {
    for (const p of node.patterns!) {
      if (p.node.minOrder >= this.bound || !p.pattern.test(this.path, s, e)) continue;
      this.segments[2 * node.depth] = s;
      this.segments[2 * node.depth + 1] = e;
      this.enter(p.node, e + 1);
    }
  }

  /** Enters a node: through its chunk's function (compiled once it is entered often enough), else interpreted. */
  enter(node: IndexNode, start: number): void {
    if (node.minOrder >= this.bound) return;
    if (node.compiled === undefined && node.chunk === node && !this.precomputing && this.hot(node)) this.walk.compile(node);
    if (node.compiled !== undefined) node.compiled(this, this.path, start);
    else this.visit(node, start);
  }

  // True when a chunk not compiled yet has been entered compileAfter times and by more than one search
  // in HOT_SHARE within its current window (counting this one).
  private hot(node: IndexNode): boolean {
    if (node.visits === 0 || this.searches - node.firstSearch > HOT_WINDOW) {
      node.visits = 0;
      node.firstSearch = this.searches;
    }
    const visits = ++node.visits;
    return visits >= this.walk.compileAfter && visits * HOT_SHARE > this.searches - node.firstSearch;
  }

  /** Plans come in flattened order: the first that matches (or needs evaluation) bounds the rest. */
  consider(plans: readonly Plan[], start: number): void {
    if (this.visitor !== undefined) return this.visitAll(plans, start);
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!;
      if (plan.order >= this.bound) return;
      if (!plan.decided) {
        this.undecidedFrom = this.bound = plan.order;
        return;
      }
      const check = plan.check!;
      if (check.onlyMethod !== undefined ? check.onlyMethod !== this.method : !acceptsMethod(check.methods, this.method)) {
        this.nearMisses++;
        continue;
      }
      if (!this.pathMatches(plan, start)) continue;
      if (plan.hasExtras) {
        if (!this.pathAndMethodOnly) {
          if (!this.extrasMatch(plan, this.lookup!)) {
            if (check.hasQuery) this.nearMisses++;
            continue;
          }
        } else if (plan.setVars === undefined && plan.patternSegments.length === 0 && (plan.regexp?.varNames.length ?? 0) === 0) {
          // Its path has no variables: it can be checked on each request, before the winner.
          this.checks.push(plan);
          continue;
        } else {
          this.undecidedFrom = this.bound = plan.order;
          return;
        }
      }
      this.best = plan;
      this.bound = plan.order;
      for (let j = 0; j < 2 * plan.params.length; j++) this.bestSegments[j] = this.segments[j]!;
      this.bestTailStart = start;
      return;
    }
  }

  private pathMatches(plan: Plan, start: number): boolean {
    const path = this.path;
    const params = plan.params;
    for (let i = 0; i < params.length; i++) {
      const validator = params[i];
      if (validator === null) continue;
      const s = this.segments[2 * i]!;
      const e = this.segments[2 * i + 1]!;
      if (validator === undefined ? e === s : !validator.testIn(path, s, e)) return false;
    }
    if (plan.tail !== undefined) return start <= path.length && plan.tail.testIn(path, start, path.length);
    return plan.regexp === undefined || plan.regexp.test(path);
  }

  /** A new request: the plans ruled out for the one before are not for this one. */
  newRequest(): void {
    this.request++;
  }

  /**
   * True when a plan's matchers other than its path and methods pass. A plan that failed on one that is
   * not a query matcher is ruled out for this request: `misses` then does not check it again (a 404 among
   * a thousand host routes checked each host three times, where the scan checks it once).
   */
  extrasMatch(plan: Plan, lookup: Lookup): boolean {
    const extras = plan.check!.extras;
    for (let i = 0; i < extras.length; i++) {
      const m = extras[i]!;
      if (passes(m, lookup)) continue;
      if (m.kind !== 'query') plan.ruledOutIn = this.request;
      return false;
    }
    return true;
  }

  /**
   * What the routes that may match `path` say about 404 vs 405, when no route matched: computed here when
   * every leaf fitting the path is decided (its verdicts are those of its matchers: a failure of any but
   * methods and queries rules it out; else it failed only on its methods, only on its queries, or on
   * both). Undefined otherwise: the scan of those routes decides. Leaves under subrouters are folded up
   * their chains as nested evaluation folds them (see `foldChains`). Only the plans before `before` (an
   * order) are asked, when it is given.
   */
  misses(root: IndexNode, path: string, method: string, lookup: Lookup, before = Infinity): MatchState | undefined {
    const found: Verdict[] = [];
    const request = this.request;
    const complete = this.each(root, path, (plan, start) => {
      if (plan.order >= before) return true;
      if (!plan.decided) return false;
      if (plan.ruledOutIn === request || !this.pathMatches(plan, start)) return true;
      let queryFailed = false;
      for (const m of plan.check!.extras) {
        if (passes(m, lookup)) continue;
        if (m.kind !== 'query') return true;
        queryFailed = true;
      }
      // Failed on a method list: what all of its lists accept.
      const lists = plan.check!.methods;
      const allowed = MatchState.narrowAll(lists.find((list) => !list.includes(method)), lists);
      found.push({ order: plan.order, leaf: plan.leaf, allowed, queryFailed });
      return true;
    });
    if (!complete) return undefined;
    found.sort((a, b) => a.order - b.order);
    // The router's own routes (the common case) report straight to its state.
    let nested = false;
    for (let i = 0; i < found.length; i++) if (found[i]!.leaf.chain.length > 1) nested = true;
    if (!nested) {
      const state = new MatchState();
      for (let i = 0; i < found.length; i++) state.routeFailed(found[i]!.allowed, found[i]!.queryFailed);
      return state;
    }
    return foldChains(found, method, lookup);
  }

  /**
   * Calls `fn` on every plan whose placed segments fit `path`, with its variable segments recorded (for
   * `pathMatches`), until `fn` returns false; false then. The same walk as the search (interpreted or
   * compiled), with no bound.
   */
  each(root: IndexNode, path: string, fn: (plan: Plan, start: number) => boolean): boolean {
    this.path = path;
    this.visitor = fn;
    this.bound = Infinity;
    this.searches++;
    try {
      if (path.charCodeAt(0) !== 47 /* / */) this.consider(root.herePlans, path.length + 1);
      else this.enter(root, 1);
    } finally {
      this.visitor = undefined;
    }
    // A visitor that said stop set the bound below every order, which ended the walk.
    return this.bound !== -Infinity;
  }

  private visitAll(plans: readonly Plan[], start: number): void {
    for (let i = 0; i < plans.length; i++) {
      if (this.bound === -Infinity) return;
      if (!this.visitor!(plans[i]!, start)) this.bound = -Infinity;
    }
  }
}

// The extras are built-in matchers, which never read or write the RouteMatch they are given.
const SCRATCH = new RouteMatch();

// A built-in matcher's answer: from the request alone when it can tell (headers, a plain-text host), so
// that no view of the request is made for it; else from the lookup's view (made on first use).
function passes(m: Matcher, lookup: Lookup): boolean {
  return m.quick?.(lookup.req) ?? m.matches(lookup.view(), lookup.req, SCRATCH);
}

/** A decided leaf that fits the request's path and failed only on its methods, its queries or both. */
interface Verdict {
  readonly order: number;
  readonly leaf: Leaf;
  /** What its failing method lists accept together (undefined: none failed). */
  readonly allowed: readonly string[] | undefined;
  readonly queryFailed: boolean;
}

/**
 * The 404/405 state nested evaluation reaches from these verdicts (in flattened order). A leaf reports to
 * its subrouter's state; a route holding a subrouter then reports what its own method and query matchers
 * say, narrowed by what its subrouter's state says (a 405 there narrows its allowed methods, in its own
 * lists' order; a blocking query failure there is its own query failure; anything else rules it out),
 * and so on up to the router of the index. Linear in the chains' lengths: a route's own matchers are
 * those after the ones its router inherited, and what it inherited is folded in from the level above.
 * (An explicit stack: the chains may be deep.)
 */
function foldChains(found: readonly Verdict[], method: string, lookup: Lookup): MatchState {
  interface Level {
    /** Position in the chains of the routes at this level. */
    readonly depth: number;
    /** The verdicts below this level's route: found[from, to). */
    readonly to: number;
    i: number;
    readonly state: MatchState;
    /** What the method and query matchers of the route holding this level's router say (inherited ones included). */
    readonly allowed: readonly string[] | undefined;
    readonly queryFailed: boolean;
  }
  const top = found[0]?.leaf.trees[0];
  const base = top === undefined ? NO_VERDICT : ownVerdict(top.conf.matchers.items(), method, lookup, NO_VERDICT);
  const stack: Level[] = [{ depth: 0, to: found.length, i: 0, state: new MatchState(), ...base }];
  for (;;) {
    const level = stack[stack.length - 1]!;
    if (level.i >= level.to) {
      if (stack.length === 1) return level.state;
      stack.pop();
      // The route holding this level's router: its own verdict narrowed by its subrouter's state.
      const sub = level.state;
      let { allowed, queryFailed } = level;
      if (sub.methodNotAllowed) allowed = MatchState.narrowBySubrouter(allowed, sub.allowed);
      else if (sub.queryBlocked) queryFailed = true;
      else continue;
      if (allowed !== undefined || queryFailed) stack[stack.length - 1]!.state.routeFailed(allowed, queryFailed);
      continue;
    }
    const first = found[level.i]!;
    const route = first.leaf.chain[level.depth]!;
    let end = level.i + 1;
    while (end < level.to && found[end]!.leaf.chain[level.depth] === route) end++;
    if (first.leaf.chain.length === level.depth + 1) {
      for (let k = level.i; k < end; k++) level.state.routeFailed(found[k]!.allowed, found[k]!.queryFailed);
      level.i = end;
      continue;
    }
    // A route holding a subrouter: what its own matchers add to those its router inherited.
    const inherited = first.leaf.trees[level.depth]!.conf.matchers.length;
    const own = ownVerdict(route.conf.matchers.itemsFrom(inherited), method, lookup, level);
    stack.push({ depth: level.depth + 1, to: end, i: level.i, state: new MatchState(), ...own });
    level.i = end;
  }
}

const NO_VERDICT = { allowed: undefined, queryFailed: false } as const;

// Folds a route's method and query matchers (in call order) into what the ones before them said.
function ownVerdict(
  matchers: readonly unknown[],
  method: string,
  lookup: Lookup,
  before: { readonly allowed: readonly string[] | undefined; readonly queryFailed: boolean },
): { allowed: readonly string[] | undefined; queryFailed: boolean } {
  let { allowed, queryFailed } = before;
  for (const m of matchers) {
    if (m instanceof MethodMatcher) {
      if (!m.methods.includes(method)) allowed = MatchState.narrow(allowed, m.methods);
    } else if (m instanceof QueryMatcher && !queryFailed) {
      if (!m.matches(lookup.view())) queryFailed = true;
    }
  }
  return { allowed: MatchState.narrowAll(allowed, methodLists(matchers)), queryFailed };
}

function acceptsMethod(lists: readonly (readonly string[])[], method: string | undefined): boolean {
  for (let i = 0; i < lists.length; i++) if (method === undefined || !lists[i]!.includes(method)) return false;
  return true;
}
