// router.explain(req): what serving a request would do, and why. The outcome is the decision serveHTTP
// acts on (`decide`, the same code); `tried` replays the routes in registration order with every
// matcher's verdict, for people to read.
import { ErrMethodMismatch, ErrNotFound } from '../errors.js';
import { FuncMatcher, type Matcher, type MethodMatcher, methodLists } from '../matchers/matchers.js';
import type { RequestView } from '../matchers/request-view.js';
import { allowedMethods, MatchState, RouteMatch } from '../route/route-match.js';
import { type Route, SubrouterMatcher } from '../route/route.js';
import type { Router } from '../router/router.js';
import { sameOriginLocation } from '../route/redirect.js';
import { strictSlashTarget } from '../route/strict-slash.js';
import { decide, type Decision, knownMethods } from '../dispatch/decide.js';
import type { RequestLike } from '../types.js';
import { otherLabel, pathLabel, routeInfo } from './routes.js';
import { cutText, quote, quoteToken } from '../quote.js';
import { matcherVerdict, type Verdict } from './verdicts.js';

/** `asterisk`: `OPTIONS *`, which the router answers itself (200 with an Allow of every method it knows). */
export type Outcome = 'match' | 'redirect' | 'notFound' | 'methodNotAllowed' | 'badRequest' | 'uriTooLong' | 'asterisk';

/** One route that matching looked at, with every matcher's verdict. */
export interface TriedRoute {
  /** The route. */
  route: Route;
  /** 0 for the router's own routes, 1 inside a subrouter, and so on. */
  depth: number;
  /** Every matcher passed (for a route with a subrouter: and a route of the subrouter matched). */
  ok: boolean;
  /**
   * Each matcher's verdict, in call order. A built-in matcher's verdict is one object, frozen, shared by
   * every route that shows it.
   */
  verdicts: Readonly<Verdict>[];
}

/** What serving a request would do and why (see `router.explain`). */
export interface Explanation {
  /** What serving would do. */
  outcome: Outcome;
  /** The status of the router's own answer; absent when a handler answers (a match, custom 404/405 handlers). */
  status?: number;
  /** The matched route (for a redirect: the route whose strict slash redirects). */
  route?: Route;
  /** The variables the match would give the handler. */
  vars: Record<string, string>;
  /** The redirect's Location. */
  location?: string;
  /** The 405's Allow methods. */
  allow?: string[];
  /** One sentence on why. */
  reason: string;
  /** The request as matching read it. */
  request: {
    /** The method. */
    method: string;
    /** The scheme: the absolute-form target's, else `https` on TLS, else `http`. */
    scheme: string;
    /** The host: the absolute-form target's, else `Host`, else `:authority`. */
    host: string;
    /** The path as sent (percent-encoding kept). */
    path: string;
    /** The query as sent, without `?`. */
    query: string;
  };
  /** Every route considered, in registration order, with its matchers' verdicts. */
  tried: TriedRoute[];
  /** A report for a terminal. */
  toString(): string;
  /**
   * What `JSON.stringify` writes: the same fields, each route (`route`, and `tried[].route`) as its
   * one-line label (methods, host, path, name), for a log or a debug endpoint; as in `toString()`, a long
   * run of inherited verdicts (shown on the routes above) is one verdict of kind `inherited`.
   */
  toJSON(): object;
}

/** Explains a request: the decision serveHTTP would act on, and every route's verdicts. */
export function explain(router: Router, req: RequestLike): Explanation {
  return explainDecision(router, req, decide(router, req));
}

/** @internal the explanation of a decision already made (the debug 404/405 pages). */
export function explainDecision(router: Router, req: RequestLike, d: Decision): Explanation {
  const view = d.view;
  const match = 'match' in d ? d.match : undefined;
  const tried: TriedRoute[] = [];
  const chain: Route[] = [];
  if (match !== undefined) trace(router, view, req, 0, tried, chain, { own: new Map(), inherited: new Map() });
  const e: Explanation = {
    outcome: 'notFound',
    vars: { ...(match?.vars ?? {}) },
    reason: '',
    request: { method: view.method, scheme: view.scheme, host: view.host, path: view.rawPath, query: view.rawQuery },
    tried,
    toString() {
      return render(this);
    },
    toJSON() {
      return plain(this);
    },
  };
  Object.defineProperty(e, 'toString', { enumerable: false });
  Object.defineProperty(e, 'toJSON', { enumerable: false });
  switch (d.kind) {
    case 'badRequest':
      return Object.assign(e, { outcome: 'badRequest', status: 400, reason: view.malformed ? 'the path has a malformed percent-encoding' : (view.hostProblem ?? 'the host is not a valid host') });
    case 'asterisk':
      if (view.method !== 'OPTIONS') return Object.assign(e, { outcome: 'badRequest', status: 400, reason: 'an asterisk-form target (*) is only for OPTIONS' });
      return Object.assign(e, { outcome: 'asterisk', status: 200, allow: knownMethods(router), reason: 'OPTIONS *: the router answers with every method its routes name' });
    case 'uriTooLong':
      return Object.assign(e, {
        outcome: 'uriTooLong',
        status: 414,
        reason: match === undefined ? `the path is longer than maxPathLength (${router.conf.options.maxPathLength})` : `a variable is longer than maxParamLength (${router.conf.options.maxParamLength})`,
      });
    case 'cleanPath':
      return Object.assign(e, { outcome: 'redirect', status: router.conf.redirectStatus, location: d.location, reason: 'the path is not in its clean form (dot segments or repeated slashes)' });
    case 'methodNotAllowed': {
      const answer = { outcome: 'methodNotAllowed', status: 405, allow: [...allowedMethods(d.match)] } as const;
      // A route without a handler won, after routes that failed on their methods (see settleHandlerless).
      const won = d.match.handler === undefined ? d.match.route : undefined;
      if (won !== undefined) return Object.assign(e, answer, { route: won, reason: `${won.describe()} matched but has no handler, and routes before it matched all but their methods` });
      return Object.assign(e, answer, { reason: 'routes matched all but their methods' });
    }
    case 'notFound':
      if (d.match.route !== undefined && d.match.matchErr === undefined) {
        return Object.assign(e, { status: 404, route: d.match.route, reason: `${d.match.route.describe()} matched but has no handler` });
      }
      return Object.assign(e, { status: 404, reason: 'no route matched' });
    case 'handler':
      return handled(e, d.match, view, chain);
  }
}

// A handler answers: a route's, a custom not-found or method-not-allowed handler's, or a strict-slash redirect.
function handled(e: Explanation, match: RouteMatch, view: RequestView, chain: Route[]): Explanation {
  // As Route's match does, each route of the chain (the outermost last) may turn the match into a redirect,
  // also when its subrouter answered with a notFound or methodNotAllowed handler of its own.
  let redirect: { location: string; status: number; route: Route } | undefined;
  for (const route of chain) {
    const path = route.conf.path;
    const target = path === undefined ? undefined : strictSlashTarget(path, view);
    if (target !== undefined) redirect = { location: sameOriginLocation(view, target, path!.useEncodedPath), status: route.conf.redirectStatus, route };
  }
  if (redirect !== undefined) {
    e.route = match.route;
    return Object.assign(e, { outcome: 'redirect', status: redirect.status, location: redirect.location, reason: `strict slash: ${redirect.route.describe()} redirects to its template's trailing slash` });
  }
  if (match.matchErr === ErrMethodMismatch) {
    return Object.assign(e, { outcome: 'methodNotAllowed', allow: [...allowedMethods(match)], reason: "routes matched all but their methods: a methodNotAllowedHandler answers" });
  }
  if (match.matchErr === ErrNotFound) return Object.assign(e, { outcome: 'notFound', reason: "no route matched: a notFoundHandler answers" });
  e.route = match.route;
  return Object.assign(e, { outcome: 'match', reason: `${match.route?.describe() ?? 'a route'} matched` });
}

/** What a router's dispatch comes to, as the replay found it (a subrouter's verdict). */
interface Replayed {
  /** A route matched, or the router's own notFound/methodNotAllowed handler answers. */
  ok: boolean;
  /** ErrNotFound or ErrMethodMismatch when the router's own handler answers. */
  answeredBy: Error | undefined;
  state: MatchState;
}

/**
 * Replays a router's routes in order until one matches, with every matcher's verdict; a route's
 * subrouter is replayed right after it, one level deeper, and its outcome is that route's subrouter
 * verdict (found as nested evaluation finds it: a 405 there narrows the route's methods, a blocking
 * query failure there is the route's own, anything else rules the route out). `chain` receives the
 * matched routes, the innermost first. Each built-in matcher's verdict is worked out once per request
 * and shared by the routes that inherited it: replaying a tree d subrouters deep costs ~d² verdicts,
 * not d³ (dispatching each subrouter again from each level did).
 */
function trace(
  router: Router,
  view: RequestView,
  req: RequestLike,
  depth: number,
  out: TriedRoute[],
  chain: Route[],
  known: Known,
  enclosing?: readonly (readonly string[])[],
): Replayed {
  // A subrouter's own matchers are the ones its routes inherit from the route that opened it.
  const inherited = new Set<unknown>(router.conf.matchers.items());
  const state = new MatchState();
  // (Method lists enclosing routes gained after subrouter() count as each route's, as in Route.evaluate.)
  state.enclosingMethods = enclosing;
  for (const route of router.routeList) {
    const entry: TriedRoute = { route, depth, ok: false, verdicts: [] };
    out.push(entry);
    if (route.isBuildOnlyRoute) {
      entry.verdicts.push({ kind: 'buildOnly', ok: false, detail: 'buildOnly: the route only builds URLs' });
      continue;
    }
    const refusal = route.refusal;
    if (refusal !== undefined) {
      entry.verdicts.push({ kind: 'refused', ok: false, detail: `refused: a matcher call threw, so the route never matches (${refusal.message})` });
      continue;
    }
    let failed = false;
    let hardFail = false;
    let allowed = state.enclosingAllowed(view.method);
    if (allowed !== undefined) {
      failed = true;
      for (const list of enclosing!) {
        if (!list.includes(view.method)) entry.verdicts.push({ kind: 'methods', ok: false, detail: `methods: ${list.join(',')} vs ${quoteToken(view.method)} (an enclosing route's, added after subrouter())` });
      }
    }
    let queryFailed = false;
    const matchers = route.conf.matchers.items();
    for (let i = 0; i < matchers.length; i++) {
      const step = matchers[i]!;
      let v: Verdict;
      if (step instanceof SubrouterMatcher) {
        if (hardFail) {
          v = { kind: 'subrouter', ok: false, skipped: true, detail: 'subrouter: not entered, an earlier matcher failed' };
        } else {
          const innerChain: Route[] = [];
          const inner = trace(step.router as Router, view, req, depth + 1, out, innerChain, known, state.nested(matchers, i).enclosingMethods);
          v = { kind: 'subrouter', ok: inner.ok, detail: subrouterDetail(inner) };
          if (inner.ok) chain.push(...innerChain);
          else if (inner.state.methodNotAllowed) allowed = MatchState.narrowBySubrouter(allowed, inner.state.allowed);
          else if (inner.state.queryBlocked) queryFailed = true;
          else hardFail = true;
        }
      } else if (hardFail && step instanceof FuncMatcher) {
        v = { kind: 'custom', ok: false, skipped: true, detail: 'custom: not called, an earlier matcher failed' };
      } else {
        v = verdictOf(step, view, req, known, inherited.has(step));
        if (!v.ok) {
          if (step.kind === 'method') allowed = MatchState.narrow(allowed, (step as MethodMatcher).methods);
          else if (step.kind === 'query') queryFailed = true;
          else hardFail = true;
        }
      }
      if (v.inherited !== true && inherited.has(step)) v = { ...v, inherited: true };
      if (!v.ok) failed = true;
      entry.verdicts.push(v);
    }
    if (!failed) {
      entry.ok = true;
      chain.push(route);
      return { ok: true, answeredBy: undefined, state };
    }
    chain.length = 0;
    if (!hardFail && (allowed !== undefined || queryFailed)) state.routeFailed(MatchState.narrowAll(allowed, state.withEnclosing(methodLists(matchers))), queryFailed);
  }
  // No route matched: the router's own handler for the case answers, if it has one (as its dispatch does).
  if (state.methodNotAllowed) return { ok: router.methodNotAllowedHandler !== undefined, answeredBy: ErrMethodMismatch, state };
  return { ok: router.notFoundHandler !== undefined, answeredBy: ErrNotFound, state };
}

/** The verdicts of the built-in matchers worked out for one request, as their own routes' and as inherited. */
interface Known {
  readonly own: Map<unknown, Verdict>;
  readonly inherited: Map<unknown, Verdict>;
}

// A built-in matcher's verdict, worked out once per request and one object shared by the routes that
// show it (made per route, the inherited ones of a tree 800 deep were 640,000 objects and most of the
// time). A custom matcher is called each time, as evaluation calls it.
function verdictOf(step: Matcher, view: RequestView, req: RequestLike, known: Known, inherited: boolean): Verdict {
  if (step instanceof FuncMatcher) {
    const v = matcherVerdict(step, view, req);
    return inherited ? { ...v, inherited: true } : v;
  }
  const cache = inherited ? known.inherited : known.own;
  let v = cache.get(step);
  if (v === undefined) {
    let own = known.own.get(step);
    if (own === undefined) known.own.set(step, (own = Object.freeze(matcherVerdict(step, view, req))));
    v = inherited ? Object.freeze({ ...own, inherited: true }) : own;
    cache.set(step, v);
  }
  return v;
}

function subrouterDetail({ ok, answeredBy, state }: Replayed): string {
  if (ok && answeredBy === ErrNotFound) return "subrouter: no route matched, its notFoundHandler answers";
  if (ok && answeredBy === ErrMethodMismatch) return "subrouter: routes failed on their methods, its methodNotAllowedHandler answers";
  if (ok) return 'subrouter: a route matched';
  if (state.methodNotAllowed) return `subrouter: routes matched all but their methods (${state.allowed.join(',')})`;
  if (state.queryBlocked) return 'subrouter: routes matched all but their queries';
  return 'subrouter: no route matched';
}

const STATUS: Record<Outcome, string> = {
  match: 'match',
  asterisk: '200 OK',
  redirect: 'redirect',
  notFound: '404 Not Found',
  methodNotAllowed: '405 Method Not Allowed',
  badRequest: '400 Bad Request',
  uriTooLong: '414 URI Too Long',
};

/** The explanation for a terminal: the request, the outcome, then each route tried and its verdicts. */
export function render(e: Explanation): string {
  const r = e.request;
  const lines = [`${quoteToken(r.method)} ${quote(`${r.scheme}://${r.host}${r.path}${r.query ? '?' + r.query : ''}`)}`];
  let outcome = STATUS[e.outcome];
  if (e.status !== undefined && e.outcome === 'redirect') outcome = `${e.status} redirect to ${quote(e.location ?? '')}`;
  if ((e.outcome === 'methodNotAllowed' || e.outcome === 'asterisk') && e.allow) outcome += ` (Allow: ${e.allow.join(', ')})`;
  lines.push(`=> ${outcome}: ${e.reason}`);
  const vars = Object.entries(e.vars);
  if (e.outcome === 'match' && vars.length > 0) lines.push(`   vars: ${vars.map(([k, v]) => `${k}=${quote(v)}`).join(' ')}`);
  if (e.tried.length > 0) lines.push('', 'Routes tried, in order:');
  for (const t of e.tried) {
    // Past MAX_INDENT levels the depth is written out instead of indented further.
    const pad = '  '.repeat(Math.min(t.depth, MAX_INDENT) + 1);
    const depth = t.depth > MAX_INDENT ? `(depth ${t.depth}) ` : '';
    lines.push(`${pad}${t.ok ? 'MATCH' : 'miss '} ${depth}${routeLabel(t.route)}`);
    for (const v of shownVerdicts(t.verdicts)) {
      const mark = v.skipped ? '  - ' : v.ok ? '  ok' : '  NO';
      lines.push(`${pad}  ${mark} ${v.detail}${v.inherited && v.kind !== 'inherited' ? ' (inherited)' : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * A route's verdicts as they are shown (text, debug page, JSON): a run of more than MAX_INHERITED_SHOWN
 * inherited ones, shown on the routes above already, becomes one verdict of kind `inherited` saying how
 * many there are and how many failed.
 */
export function shownVerdicts(verdicts: readonly Verdict[]): Verdict[] {
  const out: Verdict[] = [];
  for (let i = 0; i < verdicts.length; i++) {
    let run = 0;
    let failed = 0;
    for (; i + run < verdicts.length && verdicts[i + run]!.inherited; run++) if (!verdicts[i + run]!.ok) failed++;
    if (run > MAX_INHERITED_SHOWN) {
      const detail = `${run} inherited matchers${failed > 0 ? `, ${failed} failing` : ''} (as on the routes above)`;
      out.push({ kind: 'inherited', ok: failed === 0, detail, inherited: true });
      i += run - 1;
    } else out.push(verdicts[i]!);
  }
  return out;
}

// The text of a tree hundreds of subrouters deep would repeat every level's inherited verdicts on every
// route below it, each indented by its depth: cubic in the depth (87 MB at 400 levels, and past a string's
// maximum length at 800). With these bounds it grows with the square of the depth at most.
export const MAX_INDENT = 16;
const MAX_INHERITED_SHOWN = 3;

// The explanation with its routes as labels: a Route links to its router and back, which JSON cannot write.
function plain(e: Explanation): object {
  return {
    ...e,
    route: e.route === undefined ? undefined : routeLabel(e.route),
    tried: e.tried.map((t) => ({ ...t, route: routeLabel(t.route), verdicts: shownVerdicts(t.verdicts) })),
  };
}

/** A route in one line: methods, host, path or prefix, other matchers, name. */
export function routeLabel(route: Route): string {
  const info = routeInfo(route, 0);
  const parts = [info.methods ? info.methods.join(',') : 'ANY'];
  if (info.host !== undefined) parts.push(info.host);
  parts.push(cutText(pathLabel(info)));
  const other = otherLabel(info);
  if (other) parts.push(other);
  if (info.name !== undefined) parts.push(`(${info.name})`);
  return parts.join(' ');
}
