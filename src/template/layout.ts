import { fitted } from '../small-arrays.js';
import { parsePattern, patternCanMatch, someNode, type Node } from './pattern.js';
import type { RouteRegexp, TemplatePiece } from './template.js';

type Variable = { readonly name: string; readonly pattern: string };

/** One segment of a path template that `/` bounds on both sides in every match. */
export type LayoutSegment =
  /** Plain text. */
  | { readonly kind: 'text'; readonly text: string }
  /** One variable that is the whole segment. */
  | { readonly kind: 'param'; readonly variable: Variable }
  /** Text and variables mixed within the segment (`v{version}`, `{name}.{ext}`); `key` is its template text. */
  | { readonly kind: 'pattern'; readonly key: string; readonly pieces: readonly TemplatePiece[]; readonly variables: readonly Variable[] };

/**
 * Where a path template's segments are, from its parse: every segment up to the first one whose end a
 * variable hides. A variable hides it when its pattern may match `/` (decided by parsing the pattern,
 * and assumed when that cannot be proven otherwise). In a match, a segment of the layout always spans
 * exactly one request segment, so it can be checked on that segment alone with the same result.
 */
export interface SegmentLayout {
  /** The leading segments bounded by `/`, after the template's leading `/`. */
  readonly segments: readonly LayoutSegment[];
  /** The segments cover the whole template (for a prefix template, its last one may continue in the request). */
  readonly complete: boolean;
  /**
   * A last variable that starts a segment right after `segments` and may span `/`: it takes the rest of
   * the path (`/static/{rest:.*}`). Only for path templates without strict slash.
   */
  readonly tail: Variable | undefined;
}

const NONE: SegmentLayout = { segments: [], complete: false, tail: undefined };
/** The segment layout of a path or prefix template (computed once per template). */
export function segmentLayout(rr: RouteRegexp): SegmentLayout {
  return (rr.layoutMemo ??= computeLayout(rr)) as SegmentLayout;
}

function computeLayout(rr: RouteRegexp): SegmentLayout {
  if (rr.kind !== 'path' && rr.kind !== 'prefix') return NONE;
  const flat = flatten(rr.pieces);
  // A template that does not start with `/` (the empty template) has no segments to place.
  const first = flat[0];
  if (typeof first !== 'string' || first[0] !== '/') return NONE;
  const segments: LayoutSegment[] = [];
  // The parts of the segment being read: one array, emptied at each `/` (toSegment keeps copies only).
  const current: (string | Variable)[] = [];
  const close = () => {
    segments.push(toSegment(current));
    current.length = 0;
  };
  for (let i = 0; i < flat.length; i++) {
    const p = flat[i]!;
    if (p === GROUP) return { segments: fitted(segments), complete: false, tail: undefined };
    if (typeof p === 'string') {
      let start = i === 0 ? 1 : 0;
      for (let slash = p.indexOf('/', start); slash !== -1; slash = p.indexOf('/', start)) {
        // A segment of text alone (most of them) is made without gathering its parts.
        if (current.length === 0) segments.push({ kind: 'text', text: p.slice(start, slash) });
        else {
          if (slash > start) current.push(p.slice(start, slash));
          close();
        }
        start = slash + 1;
      }
      if (start < p.length) current.push(p.slice(start));
    } else if (assertsContext(p.pattern)) {
      return { segments: fitted(segments), complete: false, tail: undefined };
    } else if (patternCanMatch(p.pattern, '/')) {
      // Its end, and every later segment's, depends on the request: placing stops here.
      const tail = rr.kind === 'path' && !rr.strictSlash && current.length === 0 && i === flat.length - 1 ? p : undefined;
      return { segments: fitted(segments), complete: false, tail };
    } else {
      current.push(p);
    }
  }
  close();
  return { segments: fitted(segments), complete: true, tail: undefined };
}

function toSegment(parts: readonly (string | Variable)[]): LayoutSegment {
  const variables = parts.filter((p): p is Variable => typeof p !== 'string');
  if (variables.length === 0) return { kind: 'text', text: parts.join('') };
  if (parts.length === 1) return { kind: 'param', variable: variables[0]! };
  const pieces = parts.map((p): TemplatePiece => (typeof p === 'string' ? { text: p } : { name: p.name, pattern: p.pattern }));
  const key = parts.map((p) => (typeof p === 'string' ? p : `{${p.name}:${p.pattern}}`)).join('');
  return { kind: 'pattern', key, pieces, variables };
}

// A pattern with an assertion (`^`, `$`, `\b`, `\B`, their `(?m)` forms) looks at the text around the
// variable, which is the whole path in the template's regexp: checked on its segment alone, `^` would hold
// at the segment's start and `\b` at its edges. Such a variable ends what can be placed.
function assertsContext(pattern: string): boolean {
  try {
    return hasAssertion(parsePattern(pattern));
  } catch {
    return true;
  }
}

function hasAssertion(node: Node): boolean {
  return someNode(node, (n) => n.type === 'assert');
}

const GROUP = Symbol('group');

// Text and variables in order; an optional group (Express paths) ends what can be laid out.
function flatten(pieces: readonly TemplatePiece[]): (string | Variable | typeof GROUP)[] {
  const out: (string | Variable | typeof GROUP)[] = [];
  for (const p of pieces) {
    if ('group' in p) {
      out.push(GROUP);
      break;
    }
    const last = out[out.length - 1];
    if ('text' in p && typeof last === 'string') out[out.length - 1] = last + p.text;
    else out.push('text' in p ? p.text : p);
  }
  return out;
}
