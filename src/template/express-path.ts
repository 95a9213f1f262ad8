import { parse, PathError, type Token } from 'path-to-regexp';
import { MuxError } from '../errors.js';
import type { TemplatePiece, TemplateSource } from './template.js';

// A `*wildcard` takes the rest of the path, across slashes.
const WILDCARD_PATTERN = '[\\s\\S]+';

/**
 * An Express-style path (`/users/:id`, `/files/*rest`, `/docs{/:page}`), read with path-to-regexp's
 * parser and turned into tsmux's own template pieces, so it mixes with gorilla templates in subrouters.
 */
export class ExpressPath<P extends string = string> implements TemplateSource {
  /** The pattern as written; its literal type gives the route's typed vars. */
  readonly template: P;
  /** The pattern as tsmux template pieces. */
  readonly pieces: readonly TemplatePiece[];

  /** Parses the pattern; a malformed one throws a `MuxError` naming it. */
  constructor(pattern: P) {
    if (typeof pattern !== 'string') throw new MuxError(`mux: expressPath needs a string, got ${typeof pattern}`);
    let tokens: Token[];
    try {
      tokens = parse(pattern).tokens;
    } catch (err) {
      if (err instanceof PathError) throw new MuxError(`mux: invalid Express path "${pattern}": ${err.message}`);
      throw err;
    }
    this.template = pattern;
    this.pieces = toPieces(tokens, pattern);
  }

  /** The pattern as written. */
  toString(): string {
    return this.template;
  }
}

/** An Express-style path, accepted wherever a path template string is; its parameters are typed vars. */
export function expressPath<P extends string>(pattern: P): ExpressPath<P> {
  return new ExpressPath(pattern);
}

/** A path template: a gorilla template string or an Express path. */
export type PathTemplate = string | ExpressPath;

// What path-to-regexp's matcher knows at a point of the pattern: whether a parameter came before in
// the segment, and the text since the last parameter or wildcard. (An optional group is read as present:
// path-to-regexp tries the pattern with its groups first.)
interface Context {
  /** A parameter or wildcard came before, anywhere in the pattern. */
  captured: boolean;
  /** A parameter came before in the current segment. */
  paramInSegment: boolean;
  /** A wildcard came before in the current segment. */
  wildcardInSegment?: boolean;
  /** The text since the last parameter or wildcard. */
  since: string;
}

// `groupAfter`: an optional group follows these tokens (they are a group's, at its end).
function toPieces(tokens: readonly Token[], pattern: string, ctx: Context = { captured: false, paramInSegment: false, since: '' }, groupAfter = false): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case 'text':
        pieces.push({ text: t.value });
        ctx.since += t.value;
        if (t.value.includes('/')) ctx.paramInSegment = ctx.wildcardInSegment = false;
        break;
      case 'param':
      case 'wildcard': {
        // Two captures with no text between them cannot be told apart: path-to-regexp refuses them.
        if (ctx.captured && ctx.since === '') throw new MuxError(`mux: invalid Express path "${pattern}": Missing text before "${t.name}" ${t.type}`);
        // Right before an optional group, the shortest value first: path-to-regexp tries the pattern
        // with the group before the pattern without it (`/users/:id{.:format}` reads `42.json` as 42 and json).
        const beforeGroup = i + 1 < tokens.length ? tokens[i + 1]!.type === 'group' : groupAfter;
        const re = t.type === 'wildcard' ? WILDCARD_PATTERN : paramPattern(ctx, wildcardLater(tokens, i));
        pieces.push({ name: t.name, pattern: beforeGroup ? lazy(re) : re });
        ctx.captured = true;
        ctx.paramInSegment = t.type === 'param';
        if (t.type === 'wildcard') ctx.wildcardInSegment = true;
        ctx.since = '';
        break;
      }
      case 'group':
        pieces.push({ group: toPieces(t.tokens, pattern, ctx, i + 1 < tokens.length ? tokens[i + 1]!.type === 'group' : groupAfter) });
        break;
    }
  }
  return pieces;
}

/**
 * One segment's parameter, as path-to-regexp matches it: anything but `/`; after another parameter in
 * the same segment and one character of text (`/:name.:ext`, `/:a-:b`), not that character, or that
 * character alone (the first parameter then takes the longest value the rest allows, as there).
 * path-to-regexp keeps a longer text out of the second parameter with a lookahead, which RE2 has not: the
 * second parameter then takes anything but `/` (the first still ends at the text's last occurrence).
 */
function paramPattern(ctx: Context, textBeforeWildcard: string | undefined): string {
  // Beside a wildcard in the same segment (`*path.:ext`, `:user@*rest`), path-to-regexp keeps the text
  // between them out of the parameter: the wildcard then ends at the text's last occurrence, the
  // parameter at its first.
  if (ctx.wildcardInSegment === true) return excluding(ctx.since);
  if (textBeforeWildcard !== undefined) return excluding(textBeforeWildcard);
  const text = ctx.since;
  if (!ctx.paramInSegment || [...text].length !== 1) return '[^/]+';
  return `${excluding(text)}|${quoteMeta(text)}`;
}

// A parameter's run without `/` nor `text` (one character; a longer text, which only a lookahead could
// keep out, is left in).
function excluding(text: string): string {
  if ([...text].length !== 1) return '[^/]+';
  return `[^/${text.replace(/[\\\]^-]/g, '\\$&')}]+`;
}

// The text between the parameter at `i` and a wildcard later in its segment (among these tokens), if any.
function wildcardLater(tokens: readonly Token[], i: number): string | undefined {
  let text = '';
  for (let k = i + 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.type === 'wildcard') return text;
    if (t.type !== 'text' || t.value.includes('/')) return undefined;
    text += t.value;
  }
  return undefined;
}

// `pattern` (a run `X+`, or alternatives whose first is one) taking its shortest run first.
function lazy(pattern: string): string {
  return pattern.replace(/\+/, '+?');
}

// A character as a pattern matching it literally.
function quoteMeta(c: string): string {
  return /[\\.+*?()|[\]{}^$]/.test(c) ? `\\${c}` : c;
}
