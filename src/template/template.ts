import { MuxError } from '../errors.js';
import { compileLinear } from './linear.js';
import { CharSet, hasCapture, parsePattern, PatternError, type Node } from './pattern.js';
import { queryEscape } from '../url/url-escape.js';
import { fitted } from '../small-arrays.js';

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
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47 /* / */) end--;
  return end === s.length ? s : s.slice(0, end);
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

/**
 * A compiled template (gorilla's routeRegexp): the RegExp that matches it, the pieces that build URLs
 * back from it, and one validator per variable. Each matches in time linear in its input: V8's RegExp
 * where that can be shown, re2js elsewhere (see linear.ts).
 */
export class RouteRegexp {
  /** Variable names in template order. */
  readonly varNames: readonly string[];
  /** The matching RegExp's parsed form; compiled on first use (see `regexp`). */
  private readonly matcherNodes: Node;
  private compiled: RegExp | undefined;
  /** The RegExp source as built (RegExp#source would show `/` as `\/`), as `getPathRegexp()` reports it. */
  readonly source: string;
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
  /** For a query template: the literal key it looks up. */
  readonly queryKey: string;
  /** The whole template when it is plain text (no variables), for string comparison. */
  private readonly literal: string | undefined;
  /** Per variable name: its validator and its pattern as written (for messages). */
  // (An array in varNames order, not a Map: a Map's hash table cost 200 bytes per route.)
  private variables: { name: string; validator: Validator; pattern: string }[] = [];

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
  ) {
    const names: string[] = [];
    // Variables are numbered groups when matching (named groups make every exec build a `groups`
    // object); the source reported by getPathRegexp shows them named, as gorilla's does.
    const [shown, nodes] = this.sourceOf(pieces, names);
    this.variables = fitted(this.variables);
    let tail = '';
    const all: Node[] = [START, ...nodes];
    if (strictSlash) {
      tail += '[/]?';
      all.push({ type: 'rep', min: 0, max: 1, greedy: true, body: { type: 'set', set: CharSet.of([0x2f, 0x2f]) } });
    }
    if (kind === 'query' && template.slice(template.indexOf('=') + 1) === '') {
      tail += DEFAULT_PATTERN.query;
      all.push(parsePattern(DEFAULT_PATTERN.query));
    }
    if (kind !== 'prefix') {
      tail += '$';
      all.push(END);
    }
    this.source = '^' + shown + tail;
    // Every piece was checked above; the joined matcher is compiled when first needed (a route the
    // index settles by its segments never needs it, and a table of 10,000 routes registers faster).
    this.matcherNodes = { type: 'seq', items: fitted(all) };
    this.varNames = fitted(names);
    // A path, prefix or host of plain text is compared as a string, without the RegExp.
    this.literal = kind !== 'query' && pieces.every((p) => 'text' in p)
      ? pieces.map((p) => (p as { text: string }).text).join('')
      : undefined;
    this.wildcardHostPort = kind === 'host' && !this.source.includes(':');
    this.queryKey = kind === 'query' ? template.slice(0, template.indexOf('=')) : '';
  }

  /** The RegExp matching the whole template (linear in its input), compiled on first use. */
  get regexp(): RegExp {
    if (this.compiled === undefined) {
      try {
        this.compiled = compileLinear(this.matcherNodes);
      } catch (err) {
        throw new MuxError(`mux: invalid regular expression for template "${this.template}": ${(err as Error).message}`);
      }
    }
    return this.compiled;
  }

  // The RegExp source of some pieces as shown (variables named v0, v1, ... in order, with their patterns
  // as written), and their parsed nodes (variables as numbered groups).
  private sourceOf(pieces: readonly TemplatePiece[], names: string[]): [string, Node[]] {
    let shown = '';
    const nodes: Node[] = [];
    for (const p of pieces) {
      if ('text' in p) {
        shown += quoteMeta(p.text);
        if (p.text !== '') nodes.push({ type: 'lit', text: p.text });
      } else if ('group' in p) {
        const [s, inner] = this.sourceOf(p.group, names);
        shown += `(?:${s})?`;
        nodes.push({ type: 'rep', min: 0, max: 1, greedy: true, body: { type: 'seq', items: inner } });
      } else {
        if (names.includes(p.name)) {
          throw new MuxError(`mux: duplicated route variable "${p.name}" in "${this.template}"`);
        }
        const [node, validator] = compileVariable(p.name, p.pattern, this.template);
        this.variables.push({ name: p.name, validator, pattern: p.pattern });
        shown += `(?<v${names.length}>${p.pattern})`;
        names.push(p.name);
        nodes.push({ type: 'cap', index: names.length, body: node });
      }
    }
    return [shown, nodes];
  }

  /** Parses and compiles a gorilla template; throws MuxError naming the template when it is malformed. */
  static fromTemplate(tpl: string, kind: TemplateKind, options: TemplateOptions = {}): RouteRegexp {
    return RouteRegexp.compile({ template: tpl, pieces: parseTemplate(tpl, kind) }, kind, options);
  }

  /** Compiles parsed pieces (a gorilla template, an Express path, or a concatenation of both). */
  static compile(src: TemplateSource, kind: TemplateKind, options: TemplateOptions = {}): RouteRegexp {
    const strictSlash = kind === 'path' && !!options.strictSlash;
    let pieces = src.pieces;
    const last = pieces[pieces.length - 1];
    const endSlash = strictSlash && last !== undefined && 'text' in last && last.text.endsWith('/');
    if (endSlash) {
      const text = (last as { text: string }).text.slice(0, -1);
      pieces = text === '' ? pieces.slice(0, -1) : [...pieces.slice(0, -1), { text }];
    }
    return new RouteRegexp(src.template, kind, fitted(pieces), strictSlash, endSlash, !!options.useEncodedPath);
  }

  /** This template's pieces with trailing slashes removed, for a subrouter to append its own to. */
  prefixPieces(): TemplatePiece[] {
    const pieces = [...this.pieces];
    const last = pieces[pieces.length - 1];
    if (last !== undefined && 'text' in last) {
      const text = trimTrailingSlashes(last.text);
      if (text === '') pieces.pop();
      else pieces[pieces.length - 1] = { text };
    }
    return pieces;
  }

  /** @internal the RegExp a variable's whole value must match (`^(?:pattern)$`). */
  validatorOf(name: string): Validator | undefined {
    return this.variables.find((v) => v.name === name)?.validator;
  }

  test(input: string): boolean {
    const lit = this.literal;
    if (lit === undefined) return this.regexp.test(input);
    if (this.kind === 'prefix') return input.startsWith(lit);
    return input === lit || (this.strictSlash && input.length === lit.length + 1 && input.endsWith('/') && input.startsWith(lit));
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

  /** Builds this part of a URL from variable values (gorilla's routeRegexp.url). */
  build(values: Record<string, string>): string {
    let out = this.buildPieces(this.pieces, values, false)!;
    if (this.endSlash) out += '/';
    // Checking the whole result is enough when it fits; the per-variable check names the culprit.
    if (!this.regexp.test(out)) {
      for (const { name, validator, pattern } of this.variables) {
        const value = values[name];
        if (value !== undefined && !validator.test(value)) {
          throw new MuxError(
            `mux: variable "${value}" doesn't match, expected "^${pattern}$" ` +
              `(variable "${name}" of template "${this.template}")`,
          );
        }
      }
    }
    return out;
  }

  // Returns undefined when a variable of an optional group is missing (the group is then left out).
  private buildPieces(pieces: readonly TemplatePiece[], values: Record<string, string>, optional: boolean): string | undefined {
    let out = '';
    for (const p of pieces) {
      if ('text' in p) {
        out += p.text;
      } else if ('group' in p) {
        out += this.buildPieces(p.group, values, true) ?? '';
      } else {
        const v = values[p.name];
        if (typeof v !== 'string') {
          if (optional) return undefined;
          throw new MuxError(`mux: missing route variable "${p.name}" for template "${this.template}"`);
        }
        out += this.kind === 'query' ? queryEscape(v) : v;
      }
    }
    return out;
  }
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

// Parsed patterns and validators by pattern: a route table repeats the same few patterns.
const variableCache = new Map<string, [Node, Validator]>();

// A variable's parsed pattern and its validator (`^(?:pattern)$`), or a MuxError naming the template.
function compileVariable(name: string, pattern: string, template: string): [Node, Validator] {
  const known = variableCache.get(pattern);
  if (known !== undefined) return known;
  const compiled = compileVariableOnce(name, pattern, template);
  variableCache.set(pattern, compiled);
  return compiled;
}

function compileVariableOnce(name: string, pattern: string, template: string): [Node, Validator] {
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
  const run = validatorFor(node);
  if (run !== undefined) return [node, run];
  let validator: Validator;
  try {
    validator = new RegExpValidator(compileLinear({ type: 'seq', items: [START, node, END] }));
  } catch (err) {
    throw new MuxError(`mux: error compiling regex for "${tag}" in "${template}": ${(err as Error).message}`);
  }
  return [node, validator];
}
