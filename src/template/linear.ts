// Turns a parsed pattern or a joined template into something that matches in time linear in the input.
//
// V8's RegExp backtracks, so it is used only where a simple proof shows its backtracking stays linear:
// every loop that may give characters back is a repeat of one character set, and the set shares no
// character with what can come right after it (so each character given back fails the continuation at
// once), or is bounded; the number of alternative paths through the whole pattern is small. The common
// templates (`/users/{id}`, `/users/{id:[0-9]+}`, `{sub}.example.com`) pass. Templates of literal text
// and runs of one set that fail it (`{year}-{month}-{day}`, `{name}.{ext}`) run on the sequence matcher
// (sequence.ts); everything else (alternations of loops, case folding beyond ASCII) on re2js, a port
// of Go's RE2: gorilla's own engine, so its results are gorilla's.

import { RE2JS } from 're2js';
import { CharSet, someNode, type Node, type Property } from './pattern.js';
import { SequenceMatcher, sequencePlan, type Plan } from './sequence.js';

/** What can come first after a point: some character sets, the end of the input, or anything (the match can end there). */
interface First {
  readonly sets: readonly CharSet[];
  readonly end: boolean;
  readonly any: boolean;
}

const ALL = CharSet.of([0, 0x10ffff]);
const ANY: First = { sets: [], end: false, any: true };
const END: First = { sets: [], end: true, any: false };
/** The most backtracking paths through a pattern that V8 may take. */
const MAX_PATHS = 64;
/** The longest count of a repeat that V8 searches for at every position of the input (see `analyze`). */
const SHORT_REPEAT = 16;

function union(a: First, b: First): First {
  return { sets: [...a.sets, ...b.sets], end: a.end || b.end, any: a.any || b.any };
}

function setFirst(set: CharSet): First {
  return { sets: [set], end: false, any: false };
}

/**
 * How many paths V8's backtracking can take through `node` followed by something that starts with
 * `follow`, and what `node` followed by that starts with; undefined when linear time cannot be shown.
 * `unanchored`: the pattern is searched for at every position, so a loop that can read far and still
 * fail makes it quadratic; only loops at the end (followed by `any`) are allowed.
 */
function analyze(node: Node, follow: First, unanchored: boolean): { first: First; paths: number } | undefined {
  switch (node.type) {
    case 'lit':
      return node.text === '' ? { first: follow, paths: 1 } : { first: setFirst(CharSet.of([node.text.codePointAt(0)!, node.text.codePointAt(0)!])), paths: 1 };
    case 'set':
      return node.set.fold ? undefined : { first: setFirst(node.set), paths: 1 };
    case 'assert':
      // `$` needs the end; the others look at characters: whatever follows may be tried.
      return node.kind === 'end' ? { first: END, paths: 1 } : { first: { sets: [ALL], end: follow.end, any: false }, paths: 1 };
    case 'cap':
      return analyze(node.body, follow, unanchored);
    case 'seq': {
      let first = follow;
      let paths = 1;
      for (let i = node.items.length - 1; i >= 0; i--) {
        const r = analyze(node.items[i]!, first, unanchored);
        if (r === undefined) return undefined;
        first = r.first;
        paths *= r.paths;
        if (paths > MAX_PATHS) return undefined;
      }
      return { first, paths };
    }
    case 'alt': {
      let first: First = { sets: [], end: false, any: false };
      let paths = 0;
      for (const a of node.alts) {
        const r = analyze(a, follow, unanchored);
        if (r === undefined) return undefined;
        first = union(first, r.first);
        paths += r.paths;
      }
      return paths > MAX_PATHS ? undefined : { first, paths };
    }
    case 'rep': {
      const body = node.body;
      // An optional group (`(?:…)?`, as Express paths make): the group, or nothing.
      if (body.type !== 'set' && node.min === 0 && node.max === 1) return analyze({ type: 'alt', alts: [body, { type: 'seq', items: [] }] }, follow, unanchored);
      if (body.type !== 'set' || body.set.fold) return undefined;
      const set = body.set;
      const first = node.min > 0 ? setFirst(set) : union(setFirst(set), follow);
      const unbounded = node.max === Infinity;
      // Searched for at every position, the repeat reads up to `max` characters from each before the
      // continuation can fail, or `min` when it ends the match: a long count (`a{1000}b`, `[^x]{0,1000}x`)
      // made a 16 KiB header cost 0.2 s. Only short ones run on V8 then.
      if (unanchored && (follow.any ? node.min : node.max) > SHORT_REPEAT) return undefined;
      if (node.min === node.max) return { first: node.min > 0 ? first : follow, paths: 1 };
      if (follow.any || follow.sets.every((s) => set.disjoint(s))) return { first, paths: 1 };
      if (unbounded) return undefined;
      return { first, paths: node.max - node.min + 1 };
    }
  }
}

/** Whether V8's RegExp matches `node` in linear time (as far as the analysis above can show). */
export function v8IsLinear(node: Node): boolean {
  const unanchored = !startsAnchored(node);
  const r = analyze(node, ANY, unanchored);
  return r !== undefined && r.paths <= MAX_PATHS;
}

function startsAnchored(node: Node): boolean {
  if (node.type === 'assert') return node.kind === 'start';
  if (node.type === 'seq') return node.items.length > 0 && startsAnchored(node.items[0]!);
  if (node.type === 'cap') return startsAnchored(node.body);
  return false;
}

// ---- JavaScript source (no case folding: folded sets never go to V8) ----

function jsLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function jsSet(set: CharSet): string {
  const r = set.ranges;
  if (!set.negate && set.props.length === 0 && r.length === 2 && r[0] === r[1]) return jsLiteral(String.fromCodePoint(r[0]!));
  return set.jsClass();
}

/** `node` as JavaScript `u`-mode source; template variables are numbered groups. */
export function toJs(node: Node): string {
  switch (node.type) {
    case 'lit':
      return jsLiteral(node.text);
    case 'set':
      return jsSet(node.set);
    case 'seq':
      return node.items.map((n) => (n.type === 'alt' ? `(?:${toJs(n)})` : toJs(n))).join('');
    case 'alt':
      return node.alts.map(toJs).join('|');
    case 'rep':
      return jsAtom(node.body) + quantifier(node.min, node.max, node.greedy);
    case 'cap':
      return node.index < 0 ? `(?:${toJs(node.body)})` : `(${toJs(node.body)})`;
    case 'assert':
      return { start: '^', end: '$', lineStart: '(?<![^\\n])', lineEnd: '(?![^\\n])', word: '\\b', notWord: '\\B' }[node.kind];
  }
}

function jsAtom(node: Node): string {
  if (node.type === 'set' || (node.type === 'cap' && node.index >= 0)) return toJs(node);
  return `(?:${toJs(node)})`;
}

function quantifier(min: number, max: number, greedy: boolean): string {
  let q: string;
  if (min === 0 && max === 1) q = '?';
  else if (min === 0 && max === Infinity) q = '*';
  else if (min === 1 && max === Infinity) q = '+';
  else if (min === max) q = `{${min}}`;
  else q = max === Infinity ? `{${min},}` : `{${min},${max}}`;
  return greedy ? q : q + '?';
}

// ---- RE2 source, for re2js ----

function re2Char(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}

function re2Literal(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

const propertyRanges = new Map<string, number[]>();

// A property as RE2 names it (`\p{L}`, `\p{Greek}`); one RE2 does not know is spelled as its ranges, as V8 reads them.
function re2Property(p: Property): string {
  const name = p.value !== null && (p.key === 'General_Category' || p.key === 'Script') ? p.value : p.value === null ? p.key : '';
  if (name !== '' && /^[A-Za-z_]+$/.test(name)) {
    try {
      RE2JS.compile(`\\p{${name}}`);
      return `\\${p.negate ? 'P' : 'p'}{${name}}`;
    } catch {
      // not an RE2 name: spelled as ranges below
    }
  }
  const key = `${p.key}=${p.value ?? ''}`;
  let ranges = propertyRanges.get(key);
  if (ranges === undefined) {
    const re = new RegExp(`\\p{${p.value === null ? p.key : `${p.key}=${p.value}`}}`, 'u');
    ranges = [];
    let lo = -1;
    for (let cp = 0; cp <= 0x110000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const inside = cp <= 0x10ffff && re.test(String.fromCodePoint(cp));
      if (inside && lo < 0) lo = cp;
      else if (!inside && lo >= 0) {
        ranges.push(lo, cp - 1 === 0xdfff ? 0xd7ff : cp - 1);
        lo = -1;
      }
    }
    propertyRanges.set(key, ranges);
  }
  let out = '';
  const r = p.negate ? withoutSurrogates(complementOf(ranges)) : ranges;
  for (let i = 0; i < r.length; i += 2) out += `${re2Char(r[i]!)}-${re2Char(r[i + 1]!)}`;
  return out;
}

function complementOf(ranges: readonly number[]): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i]! > next) out.push(next, ranges[i]! - 1);
    next = ranges[i + 1]! + 1;
  }
  if (next <= 0x10ffff) out.push(next, 0x10ffff);
  return out;
}

function withoutSurrogates(ranges: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < ranges.length; i += 2) {
    const lo = ranges[i]!;
    const hi = ranges[i + 1]!;
    if (hi < 0xd800 || lo > 0xdfff) out.push(lo, hi);
    else {
      if (lo < 0xd800) out.push(lo, 0xd7ff);
      if (hi > 0xdfff) out.push(0xe000, hi);
    }
  }
  return out;
}

function re2Set(set: CharSet): string {
  let body = '';
  const r = set.ranges;
  for (let i = 0; i < r.length; i += 2) body += r[i] === r[i + 1] ? re2Char(r[i]!) : `${re2Char(r[i]!)}-${re2Char(r[i + 1]!)}`;
  for (const p of set.props) body += re2Property(p);
  let out: string;
  if (body === '') out = set.negate ? `[${re2Char(0)}-${re2Char(0x10ffff)}]` : `[^${re2Char(0)}-${re2Char(0x10ffff)}]`;
  else out = `[${set.negate ? '^' : ''}${body}]`;
  return set.fold ? `(?i:${out})` : out;
}

/** `node` as RE2 source; template variables are numbered groups, groups of a pattern's own are not. */
export function toRe2(node: Node): string {
  switch (node.type) {
    case 'lit':
      return re2Literal(node.text);
    case 'set':
      return re2Set(node.set);
    case 'seq':
      return node.items.map((n) => (n.type === 'alt' ? `(?:${toRe2(n)})` : toRe2(n))).join('');
    case 'alt':
      return node.alts.map(toRe2).join('|');
    case 'rep':
      return (node.body.type === 'set' && !node.body.set.fold ? toRe2(node.body) : `(?:${toRe2(node.body)})`) + quantifier(node.min, node.max, node.greedy);
    case 'cap':
      return node.index < 0 ? `(?:${toRe2(node.body)})` : `(${toRe2(node.body)})`;
    case 'assert':
      return { start: '^', end: '$', lineStart: '(?m:^)', lineEnd: '(?m:$)', word: '\\b', notWord: '\\B' }[node.kind];
  }
}

/**
 * A RegExp whose `exec` and `test` run on re2js (linear time). It is a RegExp so that code written for
 * RegExp keeps working; its `source` is the JavaScript spelling, for display only.
 */
export class LinearRegExp extends RegExp {
  readonly #re: RE2JS;
  readonly #groups: number;

  constructor(jsSource: string, re2Source: string) {
    let shown = jsSource;
    try {
      new RegExp(shown, 'u');
    } catch {
      shown = '(?:)';
    }
    super(shown, 'u');
    this.#re = RE2JS.compile(re2Source);
    this.#groups = this.#re.groupCount();
  }

  /** The RE2 program's source. */
  get re2Source(): string {
    return this.#re.pattern();
  }

  override exec(input: string): RegExpExecArray | null {
    const m = this.#re.matcher(input);
    if (!m.find()) return null;
    const out: (string | undefined)[] = [m.group(0) ?? ''];
    for (let i = 1; i <= this.#groups; i++) out.push(m.group(i) ?? undefined);
    return Object.assign(out, { index: m.start(0), input, groups: undefined }) as unknown as RegExpExecArray;
  }

  override test(input: string): boolean {
    return this.#re.test(input);
  }
}

/**
 * A RegExp whose `exec` and `test` run the sequence matcher (sequence.ts): literal text and runs of one
 * character set, in O(n × atoms).
 */
export class SequenceRegExp extends RegExp {
  readonly #matcher: SequenceMatcher;

  constructor(jsSource: string, plan: Plan) {
    super(jsSource, 'u');
    this.#matcher = new SequenceMatcher(plan);
  }

  override exec(input: string): RegExpExecArray | null {
    const m = this.#matcher.exec(input);
    return m === null ? null : (Object.assign(m, { index: 0, input, groups: undefined }) as unknown as RegExpExecArray);
  }

  override test(input: string): boolean {
    return this.#matcher.test(input);
  }
}

/**
 * Compiles `node` into a RegExp that matches in linear time: V8's own when the analysis shows its
 * backtracking linear; else the sequence matcher when the template has its shape; else re2js. Throws
 * what RE2 throws for a pattern it refuses.
 */
export function compileLinear(node: Node): RegExp {
  const js = toJs(node);
  if (v8IsLinear(node)) return new RegExp(js, 'u');
  const plan = sequencePlan(node);
  if (plan !== undefined && !hasFold(node)) return new SequenceRegExp(js, plan);
  return new LinearRegExp(js, toRe2(node));
}

function hasFold(node: Node): boolean {
  return someNode(node, (n) => n.type === 'set' && n.set.fold);
}
