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
    this.pieces = toPieces(tokens);
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

function toPieces(tokens: readonly Token[]): TemplatePiece[] {
  const pieces: TemplatePiece[] = [];
  let previousText = '';
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        pieces.push({ text: t.value });
        previousText = t.value;
        break;
      case 'param':
        pieces.push({ name: t.name, pattern: paramPattern(previousText) });
        previousText = '';
        break;
      case 'wildcard':
        pieces.push({ name: t.name, pattern: WILDCARD_PATTERN });
        previousText = '';
        break;
      case 'group':
        pieces.push({ group: toPieces(t.tokens) });
        previousText = '';
        break;
    }
  }
  return pieces;
}

/**
 * One segment, as path-to-regexp matches a parameter. Right after literal text within a segment
 * (`/:name.:ext`) the parameter also excludes that text's characters, which keeps `/:a-:b` from
 * backtracking (path-to-regexp's own guard against ReDoS).
 */
function paramPattern(previousText: string): string {
  const inSegment = previousText.slice(previousText.lastIndexOf('/') + 1);
  const excluded = [...new Set(inSegment)].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
  return `[^/${excluded}]+`;
}
