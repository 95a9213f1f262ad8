import { RouteRegexp, type Validator } from '../../template/template.js';
import type { LayoutSegment } from '../../template/layout.js';
import { append } from '../../small-arrays.js';
import type { VarSetter } from './compiled-walk.js';
import type { Check, Leaf } from './leaves.js';

export type { Validator };

/**
 * How the trie checks one leaf. Plans sit at the node of their leading placed segments, in flattened
 * order; `decided` is false for a leaf that only evaluation can check (finding it first ends the
 * search, and the scan decides).
 */
export interface Plan {
  readonly leaf: Leaf;
  readonly order: number;
  readonly decided: boolean;
  /** The leaf's other checks (methods, host, headers...); undefined for an undecided leaf. */
  readonly check: Check | undefined;
  /** True when `check.extras` is not empty: the request's path and method alone do not decide the leaf. */
  readonly hasExtras: boolean;
  /**
   * One entry per variable segment passed in the trie: a whole-segment variable's validator (undefined
   * for `[^/]+`, any non-empty segment), or null for a segment of text and variables (its node checked it).
   */
  readonly params: readonly (Validator | null | undefined)[];
  /** The mixed segments by depth, for extracting their variables. */
  readonly patternSegments: readonly { readonly depth: number; readonly pattern: SegmentPattern }[];
  /** A last variable spanning the rest of the path: its validator. */
  readonly tail: Validator | undefined;
  /** Sets the whole-segment and tail variables. */
  readonly setVars: VarSetter | undefined;
  /** The path template, when the trie does not check all of it (its RegExp does). */
  readonly regexp: RouteRegexp | undefined;
  /** The path template when it is under strict slash (a redirect may be due). */
  readonly strictSlash: RouteRegexp | undefined;
  /**
   * The variables in the order the scan sets them (host, path, queries, then enclosing routes'), when
   * the index sets them in another: a mixed segment before a whole-segment variable is extracted after
   * it. Undefined when the orders agree (the usual case).
   */
  readonly varOrder: readonly string[] | undefined;
  /**
   * True when settling the plan only sets its whole-segment and tail variables (no host, pattern,
   * RegExp or matcher variables, no reordering, no strict-slash check): the usual plan, settled on a
   * short path without reading the rest.
   */
  readonly onlySetVars: boolean;
  /**
   * The plan ends where the path does, with the trie checking all of its template and no tail, and its
   * segments of text are neither empty nor start with a dot: a path it matches is clean when its variable
   * segments are not empty and do not start with a dot either (see `provesClean`).
   */
  readonly cleanTexts: boolean;
  /**
   * The request (see `Search.newRequest`) for which a matcher other than a query's failed: the plan cannot
   * match it, and says nothing about 405.
   */
  ruledOutIn: number;
}

/**
 * How a segment of text and variables is checked on a request's segment, and its variables taken. With
 * one variable (`v{version:[0-9]+}`, `{name}.json`) the text around it is compared and the variable's
 * own validator checks the rest, as the template's RegExp would (one way to split, no search); with
 * several, the segment's own anchored template does it.
 */
export class SegmentPattern {
  private readonly prefix: string;
  private readonly suffix: string;
  /**
   * For one variable between fixed texts: its name and the lengths of the texts before and after it (the
   * route's var setter then takes it from the segment directly); undefined with several variables.
   */
  readonly single: { readonly name: string; readonly before: number; readonly after: number } | undefined;
  /** The variable's validator; undefined for the default pattern (any non-empty text without `/`). */
  private readonly validator: Validator | undefined;
  private readonly rr: RouteRegexp | undefined;

  constructor(segment: LayoutSegment & { kind: 'pattern' }) {
    const vars = segment.variables;
    const at = segment.pieces.findIndex((p) => 'name' in p);
    const text = (from: number, to: number) => segment.pieces.slice(from, to).map((p) => ('text' in p ? p.text : '')).join('');
    if (vars.length === 1) {
      this.prefix = text(0, at);
      this.suffix = text(at + 1, segment.pieces.length);
      const name = vars[0]!.name;
      this.single = { name, before: this.prefix.length, after: this.suffix.length };
      const rr = RouteRegexp.compile({ template: segment.key, pieces: [{ name, pattern: vars[0]!.pattern }] }, 'path');
      this.validator = vars[0]!.pattern === DEFAULT_SEGMENT_PATTERN ? undefined : rr.validatorOf(name);
      this.rr = undefined;
    } else {
      this.prefix = this.suffix = '';
      this.single = this.validator = undefined;
      this.rr = RouteRegexp.compile({ template: segment.key, pieces: segment.pieces }, 'path');
    }
  }

  /**
   * Whether the segment of `path` from `s` to `e` matches. (Checked in place: with one variable, the
   * text around it is compared where it stands and the variable's validator checks the rest, without
   * cutting the segment out of the path.)
   */
  test(path: string, s: number, e: number): boolean {
    if (this.rr !== undefined) return this.rr.test(path.slice(s, e));
    const from = s + this.prefix.length;
    const to = e - this.suffix.length;
    if (to < from || !path.startsWith(this.prefix, s) || !path.startsWith(this.suffix, to)) return false;
    return this.validator === undefined ? to > from : this.validator.testIn(path, from, to);
  }

  /** The names of the segment's variables, in template order. */
  get varNames(): readonly string[] {
    return this.rr !== undefined ? this.rr.varNames : [this.single!.name];
  }

  /** Adds the variables of the segment of `path` from `s` to `e`, which passed `test`. */
  extract(path: string, s: number, e: number, vars: Record<string, string>): void {
    if (this.rr !== undefined) this.rr.extract(path.slice(s, e), vars);
    else vars[this.single!.name] = path.slice(s + this.prefix.length, e - this.suffix.length);
  }
}

const DEFAULT_SEGMENT_PATTERN = '[^/]+';

/** A child for a segment of text and variables. */
export interface PatternChild {
  readonly key: string;
  readonly pattern: SegmentPattern;
  readonly node: IndexNode;
}

// Above this many literal children, a node looks segments up in a Map instead of comparing in place.
const MAP_ABOVE = 8;

/** A trie node; the compiled walk reads it too. */
export class IndexNode {
  /** Literal children, compared in place while there are few of them. */
  children: IndexNode[] | undefined;
  /** The same children by segment, once there are many. */
  bySegment: Map<string, IndexNode> | undefined;
  /** Children for segments of text and variables, each checked by its own template. */
  patterns: PatternChild[] | undefined;
  /** The same children by segment template (placing thousands of them under one node stays linear). */
  private patternsByKey: Map<string, PatternChild> | undefined;
  /** The child for a whole-segment variable. */
  param: IndexNode | undefined;
  /** Plans whose leaf ends exactly here (a path with this many segments). */
  terminalPlans: Plan[] = [];
  /** Plans checked whenever a request reaches this node (prefixes, tails, templates the trie stops placing). */
  herePlans: Plan[] = [];
  /** The lowest flattened order of the plans here and below. */
  minOrder = Infinity;
  /** The segment's first character code; `/` for the empty segment (the path's next character is then `/` or none). */
  readonly first: number;
  /** The compiled walk of the subtree from this node, when this node starts a compiled function. */
  compiled: ((st: unknown, path: string, s: number) => void) | undefined;
  /** The node whose compiled function holds this node's code. */
  chunk: IndexNode | undefined;
  /** How many times a search entered this node while it starts a chunk not compiled yet. */
  visits = 0;
  /** The search count when the current window of `visits` started (see HOT_WINDOW). */
  firstSearch = 0;

  constructor(
    readonly segment: string,
    /** How many variable segments lie between the root and this node. */
    readonly depth: number,
  ) {
    this.first = segment === '' ? 47 : segment.charCodeAt(0);
  }

  /** The child for a placed segment (made when missing). */
  child(segment: LayoutSegment): IndexNode {
    if (segment.kind === 'param') return (this.param ??= new IndexNode('', this.depth + 1));
    if (segment.kind === 'pattern') {
      this.patterns ??= [];
      const byKey = (this.patternsByKey ??= new Map());
      let p = byKey.get(segment.key);
      if (p === undefined) {
        this.patterns.push((p = { key: segment.key, pattern: new SegmentPattern(segment), node: new IndexNode('', this.depth + 1) }));
        byKey.set(segment.key, p);
      }
      return p.node;
    }
    const text = segment.text;
    this.children ??= [];
    let next = this.bySegment !== undefined ? this.bySegment.get(text) : this.children.find((n) => n.segment === text);
    if (next === undefined) {
      this.children = append(this.children, (next = new IndexNode(text, this.depth)));
      if (this.bySegment !== undefined || this.children.length > MAP_ABOVE) {
        this.bySegment ??= new Map(this.children.map((n) => [n.segment, n]));
        this.bySegment.set(text, next);
      }
    }
    return next;
  }

  /** The child for a segment of text and variables placed here, by its template. */
  patternChild(key: string): PatternChild | undefined {
    return this.patternsByKey?.get(key);
  }

  /** The literal child for the segment of `path` from `start` to `end`. */
  literal(path: string, start: number, end: number): IndexNode | undefined {
    if (this.bySegment !== undefined) return this.bySegment.get(path.slice(start, end));
    const children = this.children!;
    const length = end - start;
    const first = start < end ? path.charCodeAt(start) : 47;
    for (let i = 0; i < children.length; i++) {
      const n = children[i]!;
      if (n.first === first && n.segment.length === length && path.startsWith(n.segment, start)) return n;
    }
    return undefined;
  }
}

/** The nodes of these placed segments from the root, root first (made when missing). */
export function reach(root: IndexNode, segments: readonly LayoutSegment[]): IndexNode[] {
  const passed = [root];
  let node = root;
  for (const segment of segments) passed.push((node = node.child(segment)));
  return passed;
}

/**
 * Puts a plan at the last of the nodes passed: as a terminal plan (the path ends there) or a here plan.
 * Returns the nodes whose subtree changed.
 */
export function attach(passed: IndexNode[], plan: Plan, terminal: boolean, emptyToo: boolean): IndexNode[] {
  const node = passed[passed.length - 1]!;
  if (!terminal) node.herePlans = append(node.herePlans, plan);
  else {
    node.terminalPlans = append(node.terminalPlans, plan);
    // Under strict slash `^/a[/]?$` also ends one empty segment further.
    if (emptyToo) {
      passed = [...passed, node.child(EMPTY)];
      const empty = passed[passed.length - 1]!;
      empty.terminalPlans = append(empty.terminalPlans, plan);
    }
  }
  for (const n of passed) if (plan.order < n.minOrder) n.minOrder = plan.order;
  return passed;
}

const EMPTY: LayoutSegment = { kind: 'text', text: '' };
