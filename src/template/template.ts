import { MuxError } from '../errors.js';
import { quoteCut } from '../quote.js';
import { compileLinear, LinearRegExp, SequenceRegExp } from './linear.js';
import { CharSet, hasCapture, parsePattern, PatternError, type Node } from './pattern.js';
import { queryEscape } from '../url/url-escape.js';
import { fitted, fittedOrNone } from '../small-arrays.js';

/** What a template is matched against: a whole path, a path prefix, a host, or one `key=value` query pair. */
export type TemplateKind = 'path' | 'prefix' | 'host' | 'query';

export interface TemplateOptions {
  strictSlash?: boolean;
  useEncodedPath?: boolean;
}

/** A parsed template: literal text, variables and (from Express paths) optional groups, in order. */
export type TemplatePiece = { text: string } | { name: string; pattern: string } | { group: TemplatePiece[] };

// The anchors every template's matcher starts and ends with (parse nodes are never changed: shared).
const START: Node = { type: 'assert', kind: 'start' };
const END: Node = { type: 'assert', kind: 'end' };

/** A variable's pattern when the template gives none. */
export const DEFAULT_PATTERN: Readonly<Record<TemplateKind, string>> = {
  path: '[^/]+',
  prefix: '[^/]+',
  host: '[^.]+',
  query: '.*',
};

/** Escapes RegExp syntax characters (Go's regexp.QuoteMeta, in JavaScript's `u`-mode syntax). */
export function quoteMeta(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/**
 * `s` without its trailing slashes. (A loop from the end: `s.replace(/\/+$/, '')` tries the pattern at
 * every position, which made building nested subrouters, whose templates grow with depth, quadratic.)
 */
export function trimTrailingSlashes(s: string): string {
  const n = trailingSlashes(s);
  return n === 0 ? s : s.slice(0, s.length - n);
}

/** How many `/` end `s`. */
function trailingSlashes(s: string): number {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47 /* / */) end--;
  return s.length - end;
}

/**
 * Splits a gorilla template at its first-level `{...}` tags (braces nest, so `{v:[0-9]{3}}` is one tag).
 * Throws for unbalanced braces and for a tag with an empty name or pattern.
 */
export function parseTemplate(tpl: string, kind: TemplateKind): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  let level = 0;
  let start = 0;
  let textStart = 0;
  for (let i = 0; i < tpl.length; i++) {
    const c = tpl.charCodeAt(i);
    if (c === 123 /* { */) {
      if (++level === 1) start = i;
    } else if (c === 125 /* } */) {
      if (--level < 0) break;
      if (level === 0) {
        if (start > textStart) pieces.push({ text: tpl.slice(textStart, start) });
        pieces.push(parseTag(tpl.slice(start, i + 1), kind));
        textStart = i + 1;
      }
    }
  }
  if (level !== 0) throw new MuxError(`mux: unbalanced braces in "${tpl}"`);
  if (textStart < tpl.length) pieces.push({ text: tpl.slice(textStart) });
  return pieces;
}

function parseTag(tag: string, kind: TemplateKind): TemplatePiece {
  const inner = tag.slice(1, -1);
  const colon = inner.indexOf(':');
  const name = colon === -1 ? inner : inner.slice(0, colon);
  const pattern = colon === -1 ? DEFAULT_PATTERN[kind] : inner.slice(colon + 1);
  if (name === '' || pattern === '') throw new MuxError(`mux: missing name or pattern in "${tag}"`);
  return { name, pattern };
}

/** A template ready to compile: the text as written, and its pieces. */
export interface TemplateSource {
  template: string;
  pieces: readonly TemplatePiece[];
}

/** A template variable as compiled once: its parsed pattern, its validator, and its pattern as written. */
interface CompiledVariable {
  readonly name: string;
  readonly node: Node;
  readonly validator: Validator;
  readonly pattern: string;
  /** Roughly how many instructions its pattern compiles to (see programSize). */
  readonly size: number;
}

/**
 * A compiled template (gorilla's routeRegexp): the RegExp that matches it, the pieces that build URLs
 * back from it, and one validator per variable. Each matches in time linear in its input: V8's RegExp
 * where that can be shown, re2js elsewhere (see linear.ts).
 *
 * A subrouter's template is its parent's joined with its own (`RouteRegexp.join`). Only the variables are
 * compiled when the template is made (a bad pattern is refused at registration), and a joined template
 * takes its parent's as they are; the RegExp, its source and the layout are made from the pieces when
 * first asked for. So a route costs the size of its own part of the template, not of the whole: nested
 * subrouters register in time linear in their depth, not quadratic.
 */
export class RouteRegexp {
  /** Variable names in template order. */
  readonly varNames: readonly string[];
  private compiled: RegExp | undefined;
  private shownSource: string | undefined;
  /** For a host template without a port: the request's port is ignored. */
  readonly wildcardHostPort: boolean;
  /**
   * @internal The segment layout, kept here by template/layout.ts once computed. (A field, not a
   * WeakMap beside the template: each WeakMap entry costs the garbage collector on every scavenge, and a
   * table of 10,000 routes spent most of its registration there.)
   */
  layoutMemo: unknown = undefined;
  /** @internal Which prefix templates this one implies, kept by the index as it asks (a field, for the same reason). */
  impliesMemo: Map<RouteRegexp, boolean> | undefined = undefined;
  // What a long input's remembered answer is kept under (see testLong).
  private longKey: string | undefined = undefined;
  /**
   * @internal The prefix template this one was joined onto when all of it was kept (no trailing slash
   * trimmed): this template's RegExp source then starts with that one's whole source.
   */
  readonly joinedOnto: RouteRegexp | undefined;
  /** For a query template: the literal key it looks up. */
  readonly queryKey: string;
  // A joined template's text and its last text piece are its parent's with a short part appended: strings
  // that grow with the depth of the subrouters. Reading their last characters would copy them into flat
  // strings at each level (quadratic in the depth), so what a subrouter needs of their ends is kept here,
  // worked out from the short part alone: the template without its trailing slashes, and how many
  // slashes end the last piece when it is text.
  private readonly trimmedTemplate: string;
  private readonly lastTextSlashes: number;
  /** @internal the whole template when it is plain text (no variables, not a query), for string comparison. */
  readonly literal: string | undefined;
  /** The variables in varNames order. (An array, not a Map: a Map's hash table cost 200 bytes per route.) */
  private readonly variables: readonly CompiledVariable[];

  private constructor(
    /** The template as written (after subrouter concatenation). */
    readonly template: string,
    readonly kind: TemplateKind,
    /** Pieces used to match and to build, the strict-slash trailing slash removed. */
    readonly pieces: readonly TemplatePiece[],
    /** Strict slash is on (path templates only): a missing or extra trailing slash redirects. */
    readonly strictSlash: boolean,
    /** The template ends with `/` and strict slash is on: URLs are built with the slash. */
    private readonly endSlash: boolean,
    readonly useEncodedPath: boolean,
    /** The template this one continues: its variables are the first ones here, already compiled. */
    base: RouteRegexp | undefined,
    joinedOnto: RouteRegexp | undefined,
    trimmedTemplate: string,
    lastTextSlashes: number,
  ) {
    this.trimmedTemplate = trimmedTemplate;
    this.lastTextSlashes = lastTextSlashes;
    const variables: CompiledVariable[] = base === undefined ? [] : base.variables.slice();
    const names: string[] = base === undefined ? [] : base.varNames.slice();
    this.collectVariables(pieces, variables, names, { skip: names.length });
    this.variables = fittedOrNone(variables);
    this.varNames = fittedOrNone(names);
    // The whole template's RegExp is compiled on first use. One whose variables are large together is
    // compiled now: each may pass alone and their sum exceed what the RegExp engine compiles, and that
    // error belongs to registration, not to every request reaching the route. (Only where this part of
    // the template adds variables: the levels of a subrouter chain adding text below one large variable
    // compiled it again each, time quadratic in the depth. gorilla compiles every level.)
    let size = 0;
    for (const v of variables) size += v.size;
    if (size > EAGER_COMPILE_SIZE && variables.length > (base?.variables.length ?? 0)) void this.regexp;
    this.joinedOnto = joinedOnto;
    // A path, prefix or host of plain text is compared as a string, without the RegExp.
    this.literal = kind !== 'query' && names.length === 0 && pieces.every((p) => 'text' in p)
      ? pieces.map((p) => (p as { text: string }).text).join('')
      : undefined;
    this.wildcardHostPort = kind === 'host' && !this.source.includes(':');
    this.queryKey = kind === 'query' ? template.slice(0, template.indexOf('=')) : '';
  }

  /**
   * The RegExp source as built, as `getPathRegexp()` reports it: variables named v0, v1, ... with their
   * patterns as written (RegExp#source would show `/` as `\/`). Made when first asked for.
   */
  get source(): string {
    if (this.shownSource === undefined) {
      const counter = { n: 0 };
      this.shownSource = '^' + this.shownOf(this.pieces, counter) + this.tailSource();
    }
    return this.shownSource;
  }

  /** The RegExp matching the whole template (linear in its input), compiled on first use. */
  get regexp(): RegExp {
    if (this.compiled === undefined) {
      // Variables are numbered groups when matching (named groups make every exec build a `groups`
      // object); the source reported by getPathRegexp shows them named, as gorilla's does.
      const all: Node[] = [START, ...this.nodesOf(this.pieces, { n: 0 })];
      if (this.strictSlash) {
        all.push({ type: 'rep', min: 0, max: 1, greedy: true, body: { type: 'set', set: CharSet.of([0x2f, 0x2f]) } });
      }
      if (this.matchesAnyValue()) all.push(parsePattern(DEFAULT_PATTERN.query));
      if (this.kind !== 'prefix') all.push(END);
      try {
        this.compiled = compileLinear({ type: 'seq', items: all });
      } catch (err) {
        throw new MuxError(`mux: invalid regular expression for template "${this.template}": ${(err as Error).message}`);
      }
    }
    return this.compiled;
  }

  // A query template `key=` matches the key with any value.
  private matchesAnyValue(): boolean {
    return this.kind === 'query' && this.template.slice(this.template.indexOf('=') + 1) === '';
  }

  // What the source has after the pieces: the strict-slash slash, a query's any value, the end anchor.
  private tailSource(): string {
    let tail = '';
    if (this.strictSlash) tail += '[/]?';
    if (this.matchesAnyValue()) tail += DEFAULT_PATTERN.query;
    if (this.kind !== 'prefix') tail += '$';
    return tail;
  }

  // Compiles the variables of `pieces` in order, after the first `skip.n` (taken from the base template),
  // refusing a name used twice.
  private collectVariables(pieces: readonly TemplatePiece[], into: CompiledVariable[], names: string[], skip: { skip: number }): void {
    for (const p of pieces) {
      if ('group' in p) {
        this.collectVariables(p.group, into, names, skip);
      } else if ('name' in p) {
        if (skip.skip > 0) {
          skip.skip--;
          continue;
        }
        if (names.includes(p.name)) {
          throw new MuxError(`mux: duplicated route variable "${p.name}" in "${this.template}"`);
        }
        const [node, validator, size] = compileVariable(p.name, p.pattern, this.template);
        into.push({ name: p.name, node, validator, pattern: p.pattern, size });
        names.push(p.name);
      }
    }
  }

  // The source of some pieces as shown: text quoted, variables as named groups v0, v1, ... in order.
  private shownOf(pieces: readonly TemplatePiece[], counter: { n: number }): string {
    let shown = '';
    for (const p of pieces) {
      if ('text' in p) shown += quoteMeta(p.text);
      else if ('group' in p) shown += `(?:${this.shownOf(p.group, counter)})?`;
      else shown += `(?<v${counter.n++}>${p.pattern})`;
    }
    return shown;
  }

  // The parsed matcher of some pieces: text as literals, variables as numbered groups.
  private nodesOf(pieces: readonly TemplatePiece[], counter: { n: number }): Node[] {
    const nodes: Node[] = [];
    for (const p of pieces) {
      if ('text' in p) {
        if (p.text !== '') nodes.push({ type: 'lit', text: p.text });
      } else if ('group' in p) {
        nodes.push({ type: 'rep', min: 0, max: 1, greedy: true, body: { type: 'seq', items: this.nodesOf(p.group, counter) } });
      } else {
        const index = ++counter.n;
        nodes.push({ type: 'cap', index, body: this.variables[index - 1]!.node });
      }
    }
    return nodes;
  }

  /** Parses and compiles a gorilla template; throws MuxError naming the template when it is malformed. */
  static fromTemplate(tpl: string, kind: TemplateKind, options: TemplateOptions = {}): RouteRegexp {
    return RouteRegexp.compile({ template: tpl, pieces: parseTemplate(tpl, kind) }, kind, options);
  }

  /** Compiles parsed pieces (a gorilla template, an Express path, or a concatenation of both). */
  static compile(src: TemplateSource, kind: TemplateKind, options: TemplateOptions = {}): RouteRegexp {
    const last = src.pieces[src.pieces.length - 1];
    const slashes = last !== undefined && 'text' in last ? trailingSlashes(last.text) : 0;
    return RouteRegexp.make(src, kind, options, undefined, trimTrailingSlashes(src.template), slashes);
  }

  /**
   * A subrouter's template: `base` (its parent's path or prefix, trailing slashes removed) followed by
   * `tail`. The base's variables are taken as compiled, and nothing of the base's text is read.
   */
  static join(base: RouteRegexp, tail: TemplateSource, kind: TemplateKind, options: TemplateOptions = {}): RouteRegexp {
    const head = base.prefixPieces();
    const src = { template: base.trimmedTemplate + tail.template, pieces: joinPieces(head, tail.pieces) };
    // The tail's own trailing slashes are the whole template's: the base's were removed.
    const ownTrimmed = trimTrailingSlashes(tail.template);
    const trimmed = ownTrimmed === '' ? base.trimmedTemplate : base.trimmedTemplate + ownTrimmed;
    // The last piece is the tail's last, or the base's last text with the tail's text appended (whose
    // trailing slashes are then the tail text's, the base's having been removed), or the base's own
    // last piece, trimmed.
    const last = tail.pieces[tail.pieces.length - 1];
    const slashes = last !== undefined && 'text' in last ? trailingSlashes(last.text) : 0;
    return RouteRegexp.make(src, kind, options, base, trimmed, slashes);
  }

  private static make(src: TemplateSource, kind: TemplateKind, options: TemplateOptions, base: RouteRegexp | undefined, trimmedTemplate: string, lastTextSlashes: number): RouteRegexp {
    const strictSlash = kind === 'path' && !!options.strictSlash;
    let pieces = src.pieces;
    const last = pieces[pieces.length - 1];
    const endSlash = strictSlash && last !== undefined && 'text' in last && lastTextSlashes > 0;
    if (endSlash) {
      const text = (last as { text: string }).text.slice(0, -1);
      pieces = text === '' ? pieces.slice(0, -1) : [...pieces.slice(0, -1), { text }];
      const before = pieces[pieces.length - 1];
      lastTextSlashes = text !== '' ? lastTextSlashes - 1 : before !== undefined && 'text' in before ? trailingSlashes(before.text) : 0;
    }
    // A template joined onto a prefix that kept all of its pieces starts with that prefix's RegExp.
    const joinedOnto = base !== undefined && base.kind === 'prefix' && base.lastTextSlashes === 0 ? base : undefined;
    return new RouteRegexp(src.template, kind, fitted(pieces), strictSlash, endSlash, !!options.useEncodedPath, base, joinedOnto, trimmedTemplate, lastTextSlashes);
  }

  /** This template's pieces with trailing slashes removed, for a subrouter to append its own to. */
  prefixPieces(): TemplatePiece[] {
    const pieces = [...this.pieces];
    const n = this.lastTextSlashes;
    if (n > 0) {
      const last = pieces[pieces.length - 1] as { text: string };
      if (last.text.length === n) pieces.pop();
      else pieces[pieces.length - 1] = { text: last.text.slice(0, last.text.length - n) };
    }
    return pieces;
  }

  /** @internal the check a variable's whole value must pass (`^(?:pattern)$`). */
  validatorOf(name: string): Validator | undefined {
    return this.variables.find((v) => v.name === name)?.validator;
  }

  test(input: string): boolean {
    const lit = this.literal;
    if (lit === undefined) return input.length < LONG_INPUT ? this.regexp.test(input) : this.testLong(input);
    if (this.kind === 'prefix') return input.startsWith(lit);
    return input === lit || (this.strictSlash && input.length === lit.length + 1 && input.endsWith('/') && input.startsWith(lit));
  }

  // Routes with the same template test the same input: a long input's answer is kept (200 routes with
  // `queries('d', '{y}-{m}-{d}')` cost 0.1-0.2 s for a 15,000-character value, 200 `pathPrefix('/{a}-{b}')`
  // routes 40 ms for an 8 KB path, testing it once per route). The answer depends on the input and on the
  // program the RegExp runs (not on the template's text: `expressPath('/{x}')` and `'/{x}'` differ).
  private testLong(input: string): boolean {
    const key = (this.longKey ??= programKey(this.regexp));
    if (key === lastLong.key && input === lastLong.input) return lastLong.answer;
    const answer = this.regexp.test(input);
    lastLong.key = key;
    lastLong.input = input;
    lastLong.answer = answer;
    return answer;
  }

  /**
   * Adds the variables of a matching input to `into` (a variable in an unmatched optional group is left
   * out). `m` is the input's exec result when the caller already has it.
   */
  extract(input: string, into: Record<string, string>, m: RegExpExecArray | null = this.regexp.exec(input)): void {
    if (m === null) return;
    for (let i = 0; i < this.varNames.length; i++) {
      const v = m[i + 1];
      if (v !== undefined) into[this.varNames[i]!] = v;
    }
  }

  /**
   * Builds this part of a URL from variable values (gorilla's routeRegexp.url). Every value given is
   * checked against its own variable's pattern: gorilla checks them only when the whole result does not
   * fit, so `/{a}{b:[0-9]+}` built `/xa2` from b=a2 and `/{a:.*}/{b}` took b=y/z, URLs that route back
   * with other values.
   */
  build(values: Record<string, string>): string {
    // A missing variable is told first (as gorilla tells it); then each value written is checked.
    const used: string[] = [];
    const spans: number[] = [];
    let out = this.buildPieces(this.pieces, values, false, used, spans, 0)!;
    if (this.endSlash) out += '/';
    for (const { name, validator, pattern } of this.variables) {
      const value = values[name]!;
      if (used.includes(name) && !validator.test(value)) {
        throw new MuxError(
          // (An alternation is shown grouped: the value is checked against the whole pattern. The value
          // is quoted with its control characters escaped: it may come from a request, and end in a log.)
          `mux: variable ${quoteCut(value)} doesn't match, expected "^${pattern.includes('|') ? `(?:${pattern})` : pattern}$" ` +
            `(variable "${name}" of template "${this.template}")`,
        );
      }
    }
    if (this.kind !== 'query' && this.kind !== 'host' && out.includes('.')) this.refuseDotSegments(out, used, spans);
    return out;
  }

  // A value that makes a whole segment `.` or `..` (`/u/{name}` with `..`, `/f/{rest:.*}` with
  // `../../admin`) builds a URL that clients resolve to another path before sending it (and that a
  // router cleaning paths would redirect): refused, naming the variable.
  private refuseDotSegments(path: string, used: readonly string[], spans: readonly number[]): void {
    for (let s = 0; s <= path.length; ) {
      let e = path.indexOf('/', s);
      if (e === -1) e = path.length;
      const segment = path.slice(s, e);
      if (segment === '.' || segment === '..') {
        // A value made it when it lies in the segment or touches it: an empty value beside a `.` of the
        // template's text (`/t/{a:[a-z]*}.` with a=""), or a value ending with the `/` before it.
        for (let i = 0; i < used.length; i++) {
          if (spans[2 * i]! <= e && s <= spans[2 * i + 1]!) {
            throw new MuxError(
              `mux: variable ${quoteCut(path.slice(spans[2 * i], spans[2 * i + 1]))} makes a dot segment ` +
                `("${segment}") in the built path, which clients resolve to another path (variable "${used[i]}" of template "${this.template}")`,
            );
          }
        }
      }
      s = e + 1;
    }
  }

  // Returns undefined when a variable of an optional group is missing (the group is then left out).
  // `used` gets the names of the variables written, `spans` where each was written (start and end, from
  // `base`: where this output starts in the whole).
  private buildPieces(pieces: readonly TemplatePiece[], values: Record<string, string>, optional: boolean, used: string[], spans: number[], base: number): string | undefined {
    let out = '';
    for (const p of pieces) {
      if ('text' in p) {
        out += p.text;
      } else if ('group' in p) {
        const mark = used.length;
        const group = this.buildPieces(p.group, values, true, used, spans, base + out.length);
        if (group === undefined) {
          used.length = mark;
          spans.length = 2 * mark;
        } else out += group;
      } else {
        const v = values[p.name];
        if (typeof v !== 'string') {
          if (optional) return undefined;
          throw new MuxError(`mux: missing route variable "${p.name}" for template "${this.template}"`);
        }
        const written = this.kind === 'query' ? queryEscape(v) : v;
        spans.push(base + out.length, base + out.length + written.length);
        out += written;
        used.push(p.name);
      }
    }
    return out;
  }
}

// Pieces one after the other, the text where they meet made one piece.
function joinPieces(head: TemplatePiece[], tail: readonly TemplatePiece[]): TemplatePiece[] {
  const last = head[head.length - 1];
  const first = tail[0];
  if (last !== undefined && first !== undefined && 'text' in last && 'text' in first) {
    return [...head.slice(0, -1), { text: last.text + first.text }, ...tail.slice(1)];
  }
  return [...head, ...tail];
}

/** A variable's check: whether all of `s`, or of `s` from `start` to `end`, matches its pattern. */
export interface Validator {
  test(s: string): boolean;
  testIn(s: string, start: number, end: number): boolean;
}

class RegExpValidator implements Validator {
  constructor(/** @internal */ readonly regexp: RegExp) {}
  test(s: string): boolean {
    return this.regexp.test(s);
  }
  testIn(s: string, start: number, end: number): boolean {
    return this.regexp.test(s.slice(start, end));
  }
}

/**
 * `^(?:[set]{min,max})$`, the shape of most variables' patterns (`[0-9]+`, `\d+`, `[a-z0-9-]+`, `[^.]+`),
 * checked by walking the code points. (A RegExp call costs more than the few characters it checks, and
 * the index checks a segment in place, without cutting it out of the path first.)
 */
class SetRunValidator implements Validator {
  constructor(
    private readonly set: CharSet,
    private readonly min: number,
    private readonly max: number,
  ) {}
  test(s: string): boolean {
    return this.testIn(s, 0, s.length);
  }
  testIn(s: string, start: number, end: number): boolean {
    let count = 0;
    for (let i = start; i < end; count++) {
      const cp = s.codePointAt(i)!;
      // A pair of surrogates is one code point, as in a `u`-mode RegExp; one that would cross `end` is
      // not (the RegExp would see the cut string's lone surrogate).
      const pair = cp > 0xffff && i + 1 < end;
      if (!this.set.has(pair ? cp : s.charCodeAt(i))) return false;
      i += pair ? 2 : 1;
    }
    return count >= this.min && count <= this.max;
  }
}

/** A validator for a parsed pattern: a set run checked in place where it is one, else its RegExp. */
function validatorFor(node: Node): Validator | undefined {
  if (node.type === 'rep' && node.body.type === 'set') return new SetRunValidator(node.body.set, node.min, node.max);
  return undefined;
}

// Parsed patterns and validators by pattern: a route table repeats the same few patterns. The cache
// outlives routers, so it keeps only the VARIABLE_CACHE_SIZE patterns used last: an app that builds
// routers again and again from changing patterns (config reloads, tenants) would otherwise keep every
// pattern it ever saw (a compiled linear-time validator is kilobytes).
const variableCache = new Map<string, [Node, Validator, number]>();
/** @internal how many patterns the cache keeps. */
export const VARIABLE_CACHE_SIZE = 500;

/** @internal how many patterns the cache holds now (for the tests). */
export function cachedVariableCount(): number {
  return variableCache.size;
}

// A variable's parsed pattern and its validator (`^(?:pattern)$`), or a MuxError naming the template.
function compileVariable(name: string, pattern: string, template: string): [Node, Validator, number] {
  const known = variableCache.get(pattern);
  if (known !== undefined) {
    // Used again: moved to the back (a Map iterates in insertion order; the front is evicted first).
    variableCache.delete(pattern);
    variableCache.set(pattern, known);
    return known;
  }
  const compiled = compileVariableOnce(name, pattern, template);
  if (variableCache.size >= VARIABLE_CACHE_SIZE) variableCache.delete(variableCache.keys().next().value!);
  variableCache.set(pattern, compiled);
  return compiled;
}

function compileVariableOnce(name: string, pattern: string, template: string): [Node, Validator, number] {
  const tag = `{${name}:${pattern}}`;
  let node: Node;
  try {
    node = parsePattern(pattern);
  } catch (err) {
    if (!(err instanceof PatternError)) throw err;
    if (err.kind === 'nonlinear') {
      throw new MuxError(`mux: pattern of "${tag}" in template "${template}" is refused: ${err.message}`);
    }
    throw new MuxError(`mux: error compiling regex for "${tag}" in "${template}": ${err.message}`);
  }
  // A group that captures would shift every later variable: gorilla refuses it, and so do we.
  if (hasCapture(node)) {
    throw new MuxError(
      `mux: route ${template} contains capture groups in its regexp. ` +
        'Only non-capturing groups are accepted: e.g. (?:pattern) instead of (pattern)',
    );
  }
  const size = programSize(node);
  const run = validatorFor(node);
  if (run !== undefined) return [node, run, size];
  let validator: Validator;
  try {
    validator = new RegExpValidator(compileLinear({ type: 'seq', items: [START, node, END] }));
  } catch (err) {
    throw new MuxError(`mux: error compiling regex for "${tag}" in "${template}": ${(err as Error).message}`);
  }
  return [node, validator, size];
}

/** Templates whose variables' programs are larger than this together are compiled whole at registration. */
const EAGER_COMPILE_SIZE = 20_000;

/** What a compiled template runs, as a string: two RegExps with the same one give the same answers. */
function programKey(re: RegExp): string {
  if (re instanceof LinearRegExp) return `re2 ${re.re2Source}`;
  if (re instanceof SequenceRegExp) return `sequence ${re.source}`;
  return `js ${re.flags} ${re.source}`;
}

// Shorter inputs are tested each time (see RouteRegexp.testLong): remembering costs more than testing.
const LONG_INPUT = 256;
// The last long input a RouteRegexp tested, with its key and answer.
const lastLong = { key: '', input: '', answer: false };

// Roughly the size of the program a pattern compiles to: repetitions count their body as many times as
// they may repeat it (`(?:ab|cd){1000}` is thousands of instructions).
function programSize(node: Node): number {
  switch (node.type) {
    case 'seq':
      return node.items.reduce((n, item) => n + programSize(item), 0);
    case 'alt':
      return node.alts.reduce((n, alt) => n + programSize(alt) + 1, 0);
    case 'rep':
      return programSize(node.body) * (node.max === Infinity ? Math.max(node.min, 1) : Math.max(node.max, 1)) + 1;
    case 'cap':
      return programSize(node.body);
    case 'lit':
      return node.text.length;
    default:
      return 1;
  }
}
