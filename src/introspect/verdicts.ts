// One matcher's verdict on a request, and what it compared: read from the matchers' public fields, with
// the matcher's own `matches` deciding (the code that dispatch runs).
import {
  FuncMatcher,
  HeaderMatcher,
  HeaderRegexpMatcher,
  hostInput,
  HostMatcher,
  type Matcher,
  MethodMatcher,
  pathInput,
  PathMatcher,
  queryInput,
  QueryMatcher,
  SchemeMatcher,
} from '../matchers/matchers.js';
import type { RequestView } from '../matchers/request-view.js';
import { RE2JS } from 're2js';
import { thrownMessage } from '../errors.js';
import { LinearRegExp } from '../template/linear.js';
import { RouteMatch } from '../route/route-match.js';
import type { RouteRegexp, TemplatePiece } from '../template/template.js';
import type { RequestLike } from '../types.js';
import { quote, quoteCut, quoteToken } from '../quote.js';

/** The kinds of matcher a verdict is about: the Route method that added it, a custom matcher, the subrouter, build-only, or refused. */
export type MatcherKind =
  | 'path'
  | 'pathPrefix'
  | 'host'
  | 'methods'
  | 'schemes'
  | 'headers'
  | 'headersRegexp'
  | 'queries'
  | 'custom'
  | 'subrouter'
  | 'buildOnly'
  /** A matcher call on the route threw: it never matches. */
  | 'refused'
  /** As shown (text, debug page, JSON): a long run of inherited verdicts, counted (see `Explanation.toJSON`). */
  | 'inherited';

/** One matcher's verdict: `detail` says what was compared with what, and why it failed. */
export interface Verdict {
  /** Which matcher. */
  kind: MatcherKind;
  /** It passed. */
  ok: boolean;
  /** What was compared with what, and why it failed. */
  detail: string;
  /** The matcher came from the route that opened this route's subrouter (it is checked again here). */
  inherited?: boolean;
  /** Not evaluated: an earlier matcher of the route had already failed for good (as dispatch stops). */
  skipped?: boolean;
}

/** Runs one matcher against the request and says what it compared. */
export function matcherVerdict(m: Matcher, view: RequestView, req: RequestLike): Verdict {
  if (m instanceof FuncMatcher) return customVerdict(m, view, req);
  const ok = m.matches(view, req, new RouteMatch());
  if (m instanceof PathMatcher) {
    const rr = m.regexp;
    return { kind: rr.kind === 'prefix' ? 'pathPrefix' : 'path', ok, detail: templateDetail(rr, pathInput(rr, view), ok) };
  }
  if (m instanceof HostMatcher) {
    const input = hostInput(m.regexp, view);
    return { kind: 'host', ok, detail: templateDetail(m.regexp, input, ok, input === '' ? '(no host)' : undefined) };
  }
  if (m instanceof QueryMatcher) {
    const input = queryInput(m.regexp, view);
    return { kind: 'queries', ok, detail: templateDetail(m.regexp, input, ok, input === '' ? `(no ${quote(m.regexp.queryKey)} in the query)` : undefined) };
  }
  if (m instanceof MethodMatcher) return { kind: 'methods', ok, detail: `methods: ${m.methods.join(',')} vs ${quoteToken(view.method)}` };
  if (m instanceof SchemeMatcher) return { kind: 'schemes', ok, detail: `schemes: ${m.schemes.join(',')} vs ${quoteToken(view.scheme)}` };
  if (m instanceof HeaderMatcher) {
    const parts = [...m.expected].map(([name, want]) => `${name}${want === '' ? ' (any value)' : '=' + quote(want)} vs ${shownHeader(view, name)}`);
    return { kind: 'headers', ok, detail: `headers: ${parts.join('; ')}` };
  }
  if (m instanceof HeaderRegexpMatcher) {
    const parts = [...m.written].map(([name, pattern]) => `${name}~/${pattern}/ vs ${shownHeader(view, name)}`);
    return { kind: 'headersRegexp', ok, detail: `headersRegexp: ${parts.join('; ')}` };
  }
  return { kind: 'custom', ok, detail: `custom: a matcher of kind ${m.kind} returned ${ok}` };
}

function customVerdict(m: FuncMatcher, view: RequestView, req: RequestLike): Verdict {
  const label = m.fn.name ? `matcherFunc ${m.fn.name}` : 'matcherFunc';
  try {
    const ok = m.matches(view, req, new RouteMatch());
    return { kind: 'custom', ok, detail: `custom: ${label} returned ${ok}` };
  } catch (err) {
    return { kind: 'custom', ok: false, detail: `custom: ${label} threw ${quote(thrownMessage(err))}` };
  }
}

function shownHeader(view: RequestView, name: string): string {
  const values = view.headerTexts(name);
  return values === undefined ? '(absent)' : values.map((v) => quoteCut(v)).join(', ');
}

const LABEL: Record<RouteRegexp['kind'], string> = { path: 'path', prefix: 'pathPrefix', host: 'host', query: 'queries' };

/** `path: "/users/{id:[0-9]+}" vs "/users/abc": var id "abc" does not match [0-9]+` */
export function templateDetail(rr: RouteRegexp, input: string, ok: boolean, shownInput = quoteCut(input)): string {
  const head = `${LABEL[rr.kind]}: ${quoteCut(rr.template)} vs ${shownInput}`;
  if (ok) {
    const vars: Record<string, string> = {};
    rr.extract(input, vars);
    const shown = Object.entries(vars).map(([k, v]) => `${k}=${quoteCut(v)}`);
    return shown.length > 0 ? `${head}: ${shown.join(' ')}` : head;
  }
  if (rr.kind === 'query' && input === '') return head;
  return `${head}: ${whyNot(rr, input)}`;
}

// Finds which part of a template the input misses: a variable whose value does not fit its pattern, or
// the literal text where they part.
function whyNot(rr: RouteRegexp, input: string): string {
  const prefix = rr.kind === 'prefix';
  const vars: { name: string; pattern: string }[] = [];
  const tail = (rr.strictSlash ? '/?' : '') + (prefix ? '' : '$');
  const m = looseRegExp(looseSource(rr.pieces, vars, prefix), tail)?.exec(input);
  if (m) {
    for (let i = 0; i < vars.length; i++) {
      const v = m[i + 1];
      const { name, pattern } = vars[i]!;
      if (v !== undefined && rr.validatorOf(name)?.test(v) === false) return `var ${name} ${quoteCut(v)} does not match ${pattern}`;
    }
    return `does not match ${rr.source}`;
  }
  let end = 0;
  for (let k = 1; k <= rr.pieces.length; k++) {
    const part = looseRegExp(looseSource(rr.pieces.slice(0, k), [], prefix), '')?.exec(input);
    if (!part) {
      // Literal text that stops matching part-way: the characters it shares with the input still count.
      const p = rr.pieces[k - 1]!;
      if ('text' in p) {
        let i = 0;
        while (i < p.text.length && input[end + i] === p.text[i]) i++;
        end += i;
      }
      break;
    }
    end = part[0].length;
  }
  return end >= input.length ? 'the request ends where the template goes on' : `the text differs at ${quoteCut(input.slice(end))}`;
}

// The template in RE2 syntax with every variable accepting anything (a prefix's variables stop at a slash).
function looseSource(pieces: readonly TemplatePiece[], vars: { name: string; pattern: string }[], prefix: boolean): string {
  let out = '';
  for (const p of pieces) {
    if ('text' in p) out += RE2JS.quote(p.text);
    else if ('group' in p) out += `(?:${looseSource(p.group, vars, prefix)})?`;
    else {
      vars.push({ name: p.name, pattern: p.pattern });
      out += prefix ? '([^/]*)' : '(.*?)';
    }
  }
  return out;
}

// Run on re2js: on an input that almost fits, a backtracking RegExp of several lazy `(.*?)` takes time
// polynomial in the input (four variables and 512 dashes took a second), and explain() answers the
// debug pages' requests. (Its RE2 source serves as its shown source too: it is never displayed.)
function looseRegExp(source: string, tail: string): RegExp | undefined {
  const re2 = `^${source}${tail}`;
  try {
    return new LinearRegExp(re2, `(?s)${re2}`);
  } catch {
    return undefined;
  }
}

