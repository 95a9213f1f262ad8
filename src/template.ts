import { MuxError } from './errors.js';
import { toJsPattern } from './regexp-dialect.js';
import { queryEscape } from './url-escape.js';

/** What a template is matched against: a whole path, a path prefix, a host, or one `key=value` query pair. */
export type TemplateKind = 'path' | 'prefix' | 'host' | 'query';

export interface TemplateOptions {
  strictSlash?: boolean;
  useEncodedPath?: boolean;
}

/** A parsed template: literal text and variables, in order. */
export type TemplatePiece = { text: string } | { name: string; pattern: string };

const DEFAULT_PATTERN: Record<TemplateKind, string> = {
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

/**
 * A compiled template (gorilla's routeRegexp): the RegExp that matches it, the pieces that build URLs
 * back from it, and one validator per variable.
 */
export class RouteRegexp {
  /** Variable names in template order. */
  readonly varNames: readonly string[];
  readonly regexp: RegExp;
  /** The RegExp source as built (RegExp#source would show `/` as `\/`), as `getPathRegexp()` reports it. */
  readonly source: string;
  /** For a host template without a port: the request's port is ignored. */
  readonly wildcardHostPort: boolean;
  /** For a query template: the literal key it looks up. */
  readonly queryKey: string;
  private readonly validators: readonly RegExp[];
  /** Each variable's pattern as written, for error messages. */
  private readonly patterns: readonly string[];

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
    const validators: RegExp[] = [];
    const patterns: string[] = [];
    let source = '^';
    for (const p of pieces) {
      if ('text' in p) {
        source += quoteMeta(p.text);
        continue;
      }
      if (names.includes(p.name)) throw new MuxError(`mux: duplicated route variable "${p.name}" in "${template}"`);
      const js = toJsPattern(p.pattern);
      validators.push(compileVariable(p.name, p.pattern, js, template));
      source += `(?<v${names.length}>${js})`;
      patterns.push(p.pattern);
      names.push(p.name);
    }
    if (strictSlash) source += '[/]?';
    if (kind === 'query' && template.slice(template.indexOf('=') + 1) === '') source += DEFAULT_PATTERN.query;
    if (kind !== 'prefix') source += '$';
    this.regexp = compile(source, template);
    this.source = source;
    this.varNames = names;
    this.validators = validators;
    this.patterns = patterns;
    this.wildcardHostPort = kind === 'host' && !source.includes(':');
    this.queryKey = kind === 'query' ? template.slice(0, template.indexOf('=')) : '';
  }

  /** Parses and compiles a gorilla template; throws MuxError naming the template when it is malformed. */
  static fromTemplate(tpl: string, kind: TemplateKind, options: TemplateOptions = {}): RouteRegexp {
    const strictSlash = kind === 'path' && !!options.strictSlash;
    const endSlash = strictSlash && tpl.endsWith('/');
    const pieces = parseTemplate(endSlash ? tpl.slice(0, -1) : tpl, kind);
    return new RouteRegexp(tpl, kind, pieces, strictSlash, endSlash, !!options.useEncodedPath);
  }

  test(input: string): boolean {
    return this.regexp.test(input);
  }

  /** Adds the variables of a matching input to `into`. */
  extract(input: string, into: Record<string, string>): void {
    const m = this.regexp.exec(input);
    if (m === null) return;
    for (let i = 0; i < this.varNames.length; i++) into[this.varNames[i]!] = m[i + 1] ?? '';
  }

  /** Builds this part of a URL from variable values (gorilla's routeRegexp.url). */
  build(values: Record<string, string>): string {
    let out = '';
    for (const p of this.pieces) {
      if ('text' in p) {
        out += p.text;
        continue;
      }
      const v = values[p.name];
      if (typeof v !== 'string') {
        throw new MuxError(`mux: missing route variable "${p.name}" for template "${this.template}"`);
      }
      out += this.kind === 'query' ? queryEscape(v) : v;
    }
    if (this.endSlash) out += '/';
    // Checking the whole result is enough when it fits; the per-variable check names the culprit.
    if (!this.regexp.test(out)) {
      for (let i = 0; i < this.varNames.length; i++) {
        const name = this.varNames[i]!;
        if (!this.validators[i]!.test(values[name]!)) {
          throw new MuxError(
            `mux: variable "${values[name]}" doesn't match, expected "^${this.patterns[i]}$" ` +
              `(variable "${name}" of template "${this.template}")`,
          );
        }
      }
    }
    return out;
  }
}

function compile(source: string, template: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch (err) {
    throw new MuxError(`mux: invalid regular expression for template "${template}": ${(err as Error).message}`);
  }
}

// `pattern` as written (for messages), `js` as JavaScript reads it.
function compileVariable(name: string, pattern: string, js: string, template: string): RegExp {
  const tag = `{${name}:${pattern}}`;
  let validator: RegExp;
  try {
    validator = new RegExp(`^(?:${js})$`, 'u');
  } catch (err) {
    throw new MuxError(`mux: error compiling regex for "${tag}" in "${template}": ${(err as Error).message}`);
  }
  // A group that captures would shift every later variable: gorilla refuses it, and so do we.
  const groups = new RegExp(`(?:${js})|`, 'u').exec('')!.length - 1;
  if (groups > 0) {
    throw new MuxError(
      `mux: route ${template} contains capture groups in its regexp. ` +
        'Only non-capturing groups are accepted: e.g. (?:pattern) instead of (pattern)',
    );
  }
  return validator;
}
