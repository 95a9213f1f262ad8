// A variable's pattern, parsed. Users write gorilla's patterns (Go RE2 syntax) or JavaScript's; the few RE2
// spellings JavaScript lacks are respelled first (`(?i)`, `\pL`, `\p{Greek}`, `\x{...}`, `\Q...\E`,
// `[[:alpha:]]`), then @eslint-community/regexpp parses the result and the tree is turned into a small
// node set (character sets, sequences, alternations, repeats, assertions) that carries RE2's meanings:
// `.` is "anything but \n", `\s \d \w` are ASCII, and case-insensitive sets fold as Unicode simple folding.

import { RegExpParser } from '@eslint-community/regexpp';
import type { AST } from '@eslint-community/regexpp';

/** A pattern that cannot be used: bad syntax, or a construct that is refused. `kind` says which. */
export class PatternError extends Error {
  constructor(
    message: string,
    readonly kind: 'syntax' | 'nonlinear',
  ) {
    super(message);
    this.name = 'PatternError';
  }
}

export type Node =
  | { readonly type: 'set'; readonly set: CharSet }
  | { readonly type: 'seq'; readonly items: readonly Node[] }
  | { readonly type: 'alt'; readonly alts: readonly Node[] }
  | { readonly type: 'rep'; readonly min: number; readonly max: number; readonly greedy: boolean; readonly body: Node }
  | { readonly type: 'assert'; readonly kind: AssertKind }
  /** A capturing group: a template variable (`index` from 1, in template order), or one written in a pattern (-1). */
  | { readonly type: 'cap'; readonly index: number; readonly body: Node }
  /** Literal text (a template's text between variables). */
  | { readonly type: 'lit'; readonly text: string };

/** `start`/`end`: of the text; `lineStart`/`lineEnd`: also after/before `\n` (RE2's `(?m)`); `word`/`notWord`: `\b`/`\B` (ASCII). */
export type AssertKind = 'start' | 'end' | 'lineStart' | 'lineEnd' | 'word' | 'notWord';

/** A Unicode property as JavaScript spells it: `key` alone (`L`, `Any`) or `key=value` (`Script=Greek`). */
export interface Property {
  readonly key: string;
  readonly value: string | null;
  readonly negate: boolean;
}

const MAX_CP = 0x10ffff;

/**
 * A set of code points: explicit ranges plus Unicode properties, possibly negated; `fold` means it also
 * holds every character whose simple case folding equals a member's (RE2's `(?i)`).
 */
export class CharSet {
  private tester: RegExp | undefined;
  /** Membership of the ASCII characters, filled on first use. */
  private ascii: Uint8Array | undefined;

  constructor(
    /** Sorted, disjoint, non-adjacent `[lo, hi]` pairs, flattened. */
    readonly ranges: readonly number[],
    readonly props: readonly Property[],
    readonly negate: boolean,
    readonly fold: boolean,
  ) {}

  static of(ranges: number[], props: Property[] = [], negate = false, fold = false): CharSet {
    return new CharSet(normalize(ranges), props, negate, fold);
  }

  /** This set as a JavaScript `u`-mode class (case folding is not written: see `fold`). */
  jsClass(): string {
    let out = this.negate ? '[^' : '[';
    const r = this.ranges;
    for (let i = 0; i < r.length; i += 2) {
      out += r[i] === r[i + 1] ? jsChar(r[i]!) : `${jsChar(r[i]!)}-${jsChar(r[i + 1]!)}`;
    }
    for (const p of this.props) out += `\\${p.negate ? 'P' : 'p'}{${p.value === null ? p.key : `${p.key}=${p.value}`}}`;
    return out + ']';
  }

  /** Whether the set holds code point `cp` (case folding applied when `fold`). */
  has(cp: number): boolean {
    if (cp < 128) {
      this.ascii ??= Uint8Array.from({ length: 128 }, (_, c) => (this.lookup(c) ? 1 : 0));
      return this.ascii[cp] === 1;
    }
    return this.lookup(cp);
  }

  private lookup(cp: number): boolean {
    if (!this.fold && this.props.length === 0) return inRanges(this.ranges, cp) !== this.negate;
    this.tester ??= new RegExp(this.jsClass(), this.fold ? 'iu' : 'u');
    return this.tester.test(String.fromCodePoint(cp));
  }

  /** The members when the set is a few explicit code points (no fold, no property, not negated), else undefined. */
  members(limit = 256): number[] | undefined {
    if (this.fold || this.negate || this.props.length > 0) return undefined;
    const out: number[] = [];
    const r = this.ranges;
    for (let i = 0; i < r.length; i += 2) {
      for (let c = r[i]!; c <= r[i + 1]!; c++) {
        if (out.length >= limit) return undefined;
        out.push(c);
      }
    }
    return out;
  }

  /** True when no character is in both sets; false when some is, or when that cannot be shown cheaply. */
  disjoint(other: CharSet): boolean {
    const mine = this.members();
    if (mine !== undefined) return mine.every((c) => !other.has(c));
    const theirs = other.members();
    if (theirs !== undefined) return theirs.every((c) => !this.has(c));
    return false;
  }
}

function jsChar(cp: number): string {
  // Letters and digits as they are (readable); everything else as \u{...}, valid anywhere in a `u` class.
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return String.fromCharCode(cp);
  return `\\u{${cp.toString(16)}}`;
}

function inRanges(r: readonly number[], cp: number): boolean {
  for (let i = 0; i < r.length; i += 2) if (cp >= r[i]! && cp <= r[i + 1]!) return true;
  return false;
}

function normalize(ranges: number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i]!, ranges[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

/** The code points not in `ranges` (normalized). */
function complement(ranges: readonly number[]): number[] {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i]! > next) out.push(next, ranges[i]! - 1);
    next = ranges[i + 1]! + 1;
  }
  if (next <= MAX_CP) out.push(next, MAX_CP);
  return out;
}

// RE2's Perl classes, ASCII only.
const DIGIT = [0x30, 0x39];
const SPACE = normalize([0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20]);
const WORD = normalize([0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a]);
const NEWLINE = [0x0a, 0x0a];

// RE2's POSIX classes (ASCII), as code point ranges.
const POSIX: Readonly<Record<string, readonly number[]>> = {
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  ascii: [0x00, 0x7f],
  blank: [0x09, 0x09, 0x20, 0x20],
  cntrl: [0x00, 0x1f, 0x7f, 0x7f],
  digit: [0x30, 0x39],
  graph: [0x21, 0x7e],
  lower: [0x61, 0x7a],
  print: [0x20, 0x7e],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  space: [0x09, 0x0d, 0x20, 0x20],
  upper: [0x41, 0x5a],
  word: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a],
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
};

// Characters a `u`-mode identity escape accepts (outside a class; inside, `-` too).
const JS_ESCAPABLE = new Set('^$\\.*+?()[]{}|/');

// A quantifier as RE2 reads one: `*`, `+`, `?`, or a repetition count `{n}`, `{n,}`, `{n,m}`.
const QUANTIFIER = /^(?:[*+?]|\{[0-9]+(?:,[0-9]*)?\})/;

/**
 * Respells the RE2-only parts of a pattern in JavaScript syntax (ES2025 modifiers included), so that a
 * JavaScript parser reads it. A flag group `(?i)` becomes a modifier group `(?i:` closed at the end of
 * each alternative of the group it is in. RE2's `U` flag (ungreedy: `*` is lazy and `*?` greedy), which
 * JavaScript lacks, is applied here: each quantifier in its scope is written with the other greediness.
 */
export function respell(src: string): string {
  let out = '';
  // Per open group: the flag groups opened inside it by `(?flags)`, to close at `|` and `)`.
  const open: string[][] = [[]];
  // Per open group: whether the U flag is on there (set by `(?U)` up to the group's end, across `|`).
  const ungreedy: boolean[] = [false];
  // Per open group, likewise: whether the i flag is on (a negated POSIX class is folded before it is negated).
  const caseless: boolean[] = [false];
  const closeFlags = () => ')'.repeat(open[open.length - 1]!.length);
  // The assertion (`^`, `$`, `\b`, `\B`) just written, if the last thing written is one: RE2 lets one be
  // repeated (`\b+`), JavaScript's `u` mode only a group, so it is wrapped in one before a quantifier.
  let assertion: string | undefined;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const after = assertion;
    assertion = undefined;
    if (c === '\\') {
      const [text, next] = escape(src, i, false);
      out += text;
      if (text === '^' || text === '$' || text === '\\b' || text === '\\B') assertion = text;
      i = next;
    } else if (c === '[') {
      const [text, next] = charClass(src, i, caseless[caseless.length - 1]!);
      out += text;
      i = next;
    } else if (c === '(') {
      const flags = /^\(\?([imsU]*(?:-[imsU]*)?)([:)])/.exec(src.slice(i, i + 12));
      if (flags !== null && flags[1] !== '' && flags[1] !== '-') {
        i += flags[0].length;
        const [on = '', off = ''] = flags[1]!.split('-');
        const u = on.includes('U') ? true : off.includes('U') ? false : ungreedy[ungreedy.length - 1]!;
        const ci = on.includes('i') ? true : off.includes('i') ? false : caseless[caseless.length - 1]!;
        // The flags JavaScript knows; U is applied to the quantifiers instead.
        const jsOff = off.replace('U', '');
        const jsFlags = on.replace('U', '') + (jsOff === '' ? '' : '-' + jsOff) || undefined;
        if (flags[2] === ')') {
          ungreedy[ungreedy.length - 1] = u;
          caseless[caseless.length - 1] = ci;
          if (jsFlags !== undefined) {
            const group = `(?${jsFlags}:`;
            open[open.length - 1]!.push(group);
            out += group;
          }
        } else {
          open.push([]);
          ungreedy.push(u);
          caseless.push(ci);
          out += jsFlags === undefined ? '(?:' : `(?${jsFlags}:`;
        }
      } else if (src.startsWith('(?P<', i)) {
        open.push([]);
        ungreedy.push(ungreedy[ungreedy.length - 1]!);
        caseless.push(caseless[caseless.length - 1]!);
        out += '(?<';
        i += 4;
      } else {
        open.push([]);
        ungreedy.push(ungreedy[ungreedy.length - 1]!);
        caseless.push(caseless[caseless.length - 1]!);
        // A group's `(?` and the character after it (`(?:`, `(?=`, `(?<`) are its syntax, not a quantifier.
        const head = src[i + 1] === '?' ? src.slice(i, i + 3) : c;
        out += head;
        i += head.length;
      }
    } else if (c === '|') {
      const flags = open[open.length - 1]!;
      out += closeFlags() + '|' + flags.join('');
      i++;
    } else if (c === ')') {
      out += closeFlags();
      if (open.length > 1) {
        open.pop();
        ungreedy.pop();
        caseless.pop();
      }
      out += c;
      i++;
    } else {
      const quantifier = QUANTIFIER.exec(src.slice(i, i + 24))?.[0];
      if (quantifier !== undefined) {
        if (after !== undefined) out = `${out.slice(0, out.length - after.length)}(?:${after})`;
        // Copied whole (its closing brace is not a literal one); under U, a quantifier is lazy unless
        // written lazy, which makes it greedy.
        i += quantifier.length;
        if (!ungreedy[ungreedy.length - 1]) out += quantifier;
        else if (src[i] === '?') {
          out += quantifier;
          i++;
        } else {
          out += quantifier + '?';
        }
      } else {
        // RE2 reads a brace that is not a repetition (`a{,3}`, `{x}`) and a lone `]` as literal text;
        // JavaScript's `u` mode refuses them unescaped.
        out += c === '{' || c === '}' || c === ']' ? '\\' + c : c;
        if (c === '^' || c === '$') assertion = c;
        i++;
      }
    }
  }
  return out + closeFlags();
}

// One escape at `src[i] === '\\'`: [its JavaScript spelling, the index after it].
function escape(src: string, i: number, inClass: boolean): [string, number] {
  const k = src[i + 1];
  if (k === undefined) return ['\\', i + 1];
  if ((k === 'p' || k === 'P') && src[i + 2] !== undefined && src[i + 2] !== '{') {
    return [`\\${k}{${src[i + 2]}}`, i + 3];
  }
  if ((k === 'p' || k === 'P') && src[i + 2] === '{') {
    const close = src.indexOf('}', i);
    if (close === -1) return [src.slice(i), src.length];
    let name = src.slice(i + 3, close);
    let negate = k === 'P';
    if (name.startsWith('^')) {
      name = name.slice(1);
      negate = !negate;
    }
    return [`\\${negate ? 'P' : 'p'}{${jsProperty(name)}}`, close + 1];
  }
  if (k === 'x' && src[i + 2] === '{') {
    const close = src.indexOf('}', i);
    if (close !== -1) return [`\\u{${src.slice(i + 3, close)}}`, close + 1];
  }
  if (k === 'Q') {
    const end = src.indexOf('\\E', i + 2);
    const quoted = src.slice(i + 2, end === -1 ? src.length : end);
    let text = '';
    for (const ch of quoted) text += /[0-9A-Za-z]/.test(ch) ? ch : `\\u{${ch.codePointAt(0)!.toString(16)}}`;
    return [text, end === -1 ? src.length : end + 2];
  }
  if (!inClass && k === 'A') return ['^', i + 2];
  if (!inClass && k === 'z') return ['$', i + 2];
  // RE2's bell, and its octal escapes: `\0` and up to two more octal digits, or `\1`-`\7` and one or two
  // more (a lone `\1` is a backreference, refused by both). `u` mode has neither.
  if (k === 'a') return ['\\x07', i + 2];
  const octal = /^\\(?:0[0-7]{0,2}|[1-7][0-7]{1,2})/.exec(src.slice(i, i + 4))?.[0];
  // (`\0` alone too: `u` mode refuses `\0` before a digit, where RE2 reads `\08` as NUL, then 8.)
  if (octal !== undefined) return [`\\u{${parseInt(octal.slice(1), 8).toString(16)}}`, i + octal.length];
  // RE2 reads any escaped ASCII character that is not a letter or digit as itself (punctuation, a space,
  // a control character, DEL); JavaScript's `u` mode escapes only its syntax characters.
  if (k.charCodeAt(0) < 0x80 && !/[0-9A-Za-z]/.test(k) && !JS_ESCAPABLE.has(k) && !(inClass && k === '-')) {
    return [`\\x${k.charCodeAt(0).toString(16).padStart(2, '0')}`, i + 2];
  }
  return [src.slice(i, i + 2), i + 2];
}

// A property name as RE2 writes it (`L`, `Greek`), as JavaScript accepts it (`L`, `Script=Greek`).
function jsProperty(name: string): string {
  for (const candidate of [name, `Script=${name}`]) {
    try {
      new RegExp(`\\p{${candidate}}`, 'u');
      return candidate;
    } catch {
      // try the next spelling
    }
  }
  return name;
}

// A class at `src[i] === '['`: RE2's leading `]` is a literal; `[:alpha:]` is a POSIX class. (`caseless`:
// under `(?i)`, where RE2 folds a negated POSIX class before negating it.)
function charClass(src: string, start: number, caseless: boolean): [string, number] {
  let out = '[';
  let i = start + 1;
  if (src[i] === '^') out += src[i++];
  if (src[i] === ']') {
    out += '\\]';
    i++;
  }
  while (i < src.length && src[i] !== ']') {
    if (src[i] === '\\') {
      const [text, next] = escape(src, i, true);
      out += text;
      i = next;
      // After a class escape (`\d`, `\w`, `\pL`), RE2 reads `-` as itself (`[\w-.]`), as JavaScript
      // does outside `u` mode; `u` mode refuses it unescaped.
      if (/^\\[dDwWsSpP]/.test(text) && src[i] === '-' && src[i + 1] !== ']') {
        out += '\\-';
        i++;
      }
      continue;
    }
    const posix = /^\[:(\^?)([^:\]]*):\]/.exec(src.slice(i, i + 40));
    // RE2 reads `[:name:]` in a class as a POSIX class, and refuses a name it does not know.
    if (posix !== null && !Object.hasOwn(POSIX, posix[2]!)) throw new PatternError(`invalid character class range "${posix[0]}"`, 'syntax');
    const ranges = posix !== null ? POSIX[posix[2]!] : undefined;
    if (ranges !== undefined) {
      // `[:^alpha:]` is the complement, written as ranges (a class cannot hold a negated class). Under
      // `(?i)` it is the complement of the folded class, as in RE2: `(?i)[[:^upper:]]` holds no letter.
      const r = posix![1] === '^' ? complement(caseless ? foldAscii(ranges) : ranges) : ranges;
      for (let j = 0; j < r.length; j += 2) out += `\\u{${r[j]!.toString(16)}}-\\u{${r[j + 1]!.toString(16)}}`;
      i += posix![0].length;
      continue;
    }
    if (src[i] === '[') out += '\\[';
    else out += src[i];
    i++;
  }
  return [out + (i < src.length ? ']' : ''), i + 1];
}

interface Flags {
  readonly ignoreCase: boolean;
  readonly multiline: boolean;
  readonly dotAll: boolean;
}

const parser = new RegExpParser({ ecmaVersion: 2025 });
const parsed = new Map<string, Node | PatternError>();

/** Parses a pattern into nodes with RE2's meanings; throws PatternError (message without the template). */
export function parsePattern(pattern: string): Node {
  let result = parsed.get(pattern);
  if (result === undefined) {
    try {
      // The parser and the conversion recurse once per group: a deeper pattern would overflow the stack.
      // (Counted as written: the respelling adds a group for each flag group such as `(?i)`.)
      if (nestingDepth(pattern) > MAX_NESTING) throw new PatternError(`expression nests too deeply (groups more than ${MAX_NESTING} deep)`, 'syntax');
      const src = respell(pattern);
      let ast: AST.Pattern;
      try {
        ast = parser.parsePattern(src, 0, src.length, { unicode: true });
      } catch (err) {
        // The parser's message quotes the respelled source (`Invalid regular expression: /(?U:a+)/u: ...`),
        // not the pattern as written, which the caller's message names: only its reason is kept.
        throw new PatternError((err as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, ''), 'syntax');
      }
      result = alternatives(ast.alternatives, { ignoreCase: false, multiline: false, dotAll: false });
      // RE2 refuses a parse tree over 1,000 levels high; a template adds a few around its variables, and
      // the whole template is compiled only when first used: refused here, at registration.
      if (height(result) > MAX_HEIGHT) throw new PatternError(`expression nests too deeply (more than ${MAX_HEIGHT} levels)`, 'syntax');
    } catch (err) {
      // (A registration made with little stack left may still overflow: refused the same way, and not
      // remembered, as the same pattern may fit with more stack.)
      if (err instanceof RangeError) throw new PatternError(`expression nests too deeply (${err.message})`, 'syntax');
      if (!(err instanceof PatternError)) throw err;
      result = err;
    }
    if (parsed.size > 1000) parsed.clear();
    parsed.set(pattern, result);
  }
  if (result instanceof PatternError) throw result;
  return result;
}

/** How deep groups nest; RE2 refuses parse trees over 1000 levels, tsmux groups over this many. */
const MAX_NESTING = 500;
/** The highest a pattern's tree may be: RE2's 1,000 levels, less what a template adds around a variable. */
const MAX_HEIGHT = 990;

// The height of a pattern's tree, as RE2 counts its parse tree (a node per sequence, alternation,
// repetition and capture; groups without capture add none).
function height(node: Node): number {
  switch (node.type) {
    case 'seq':
      return 1 + node.items.reduce((h, n) => Math.max(h, height(n)), 0);
    case 'alt':
      return 1 + node.alts.reduce((h, n) => Math.max(h, height(n)), 0);
    case 'rep':
    case 'cap':
      return 1 + height(node.body);
    default:
      return 1;
  }
}

// The deepest nesting of groups in a pattern (escapes and classes skipped).
function nestingDepth(src: string): number {
  let depth = 0;
  let max = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (inClass) inClass = c !== 93; /* ] */
    else if (c === 91 /* [ */) inClass = true;
    else if (c === 40 /* ( */) max = Math.max(max, ++depth);
    else if (c === 41 /* ) */) depth--;
  }
  return max;
}

function alternatives(alts: readonly AST.Alternative[], f: Flags): Node {
  const nodes = alts.map((a) => sequence(a.elements, f));
  return nodes.length === 1 ? nodes[0]! : { type: 'alt', alts: nodes };
}

function sequence(elements: readonly AST.Element[], f: Flags): Node {
  const items = elements.map((e) => element(e, f));
  return items.length === 1 ? items[0]! : { type: 'seq', items };
}

function element(e: AST.Element, f: Flags): Node {
  switch (e.type) {
    case 'Character':
      return { type: 'set', set: asciiFolded(CharSet.of([e.value, e.value], [], false, f.ignoreCase)) };
    case 'CharacterSet':
      if (e.kind === 'any') return { type: 'set', set: CharSet.of(f.dotAll ? [0, MAX_CP] : complement(NEWLINE)) };
      return { type: 'set', set: asciiFolded(classOf([e], false, f.ignoreCase)) };
    case 'CharacterClass':
      return { type: 'set', set: asciiFolded(classOf(e.elements, e.negate, f.ignoreCase)) };
    case 'Quantifier':
      // RE2's limit: a larger count is a syntax error in gorilla.
      if (e.min > 1000 || (e.max !== Infinity && e.max > 1000)) throw new PatternError(`invalid repeat count "${e.raw}"`, 'syntax');
      return { type: 'rep', min: e.min, max: e.max, greedy: e.greedy, body: element(e.element, f) };
    case 'Group': {
      let flags = f;
      const m = e.modifiers;
      if (m !== null) {
        const set = (name: keyof Flags) => (m.add[name] ? true : m.remove?.[name] ? false : f[name]);
        flags = { ignoreCase: set('ignoreCase'), multiline: set('multiline'), dotAll: set('dotAll') };
      }
      return alternatives(e.alternatives, flags);
    }
    case 'CapturingGroup':
      return { type: 'cap', index: -1, body: alternatives(e.alternatives, f) };
    case 'Assertion':
      if (e.kind === 'start') return { type: 'assert', kind: f.multiline ? 'lineStart' : 'start' };
      if (e.kind === 'end') return { type: 'assert', kind: f.multiline ? 'lineEnd' : 'end' };
      if (e.kind === 'word') return { type: 'assert', kind: e.negate ? 'notWord' : 'word' };
      throw new PatternError(`${e.kind} "${e.raw}" (RE2 has none, and it cannot be matched in linear time)`, 'nonlinear');
    case 'Backreference':
      throw new PatternError(`backreference "${e.raw}" (RE2 has none, and it cannot be matched in linear time)`, 'nonlinear');
    default:
      throw new PatternError(`unsupported construct "${e.raw}"`, 'syntax');
  }
}

type ClassElement = AST.CharacterClassElement | AST.EscapeCharacterSet | AST.UnicodePropertyCharacterSet;

function classOf(elements: readonly ClassElement[], negate: boolean, fold: boolean): CharSet {
  const ranges: number[] = [];
  const props: Property[] = [];
  for (const el of elements) {
    if (el.type === 'Character') ranges.push(el.value, el.value);
    else if (el.type === 'CharacterClassRange') ranges.push(el.min.value, el.max.value);
    else if (el.type === 'CharacterSet' && (el.kind === 'digit' || el.kind === 'space' || el.kind === 'word')) {
      const base = el.kind === 'digit' ? DIGIT : el.kind === 'space' ? SPACE : WORD;
      // RE2 folds a negated class before negating it: `(?i)\W` holds neither k nor K (U+212A, which folds to k).
      ranges.push(...(el.negate ? complement(fold ? foldAscii(base) : base) : base));
    } else if (el.type === 'CharacterSet' && el.kind === 'property' && !el.strings) {
      props.push({ key: el.key, value: el.value, negate: el.negate });
    } else {
      throw new PatternError(`unsupported class element "${el.raw}"`, 'syntax');
    }
  }
  return CharSet.of(ranges, props, negate, fold);
}

/**
 * A case-insensitive set of ASCII characters, written out: each letter with its other case, and the two
 * characters outside ASCII whose simple case folding is an ASCII letter, ſ (U+017F, s) and K (U+212A,
 * k). Then it needs no folding at match time (and V8 can run it). Other sets are returned as they are.
 */
function asciiFolded(set: CharSet): CharSet {
  const r = set.ranges;
  if (!set.fold || set.props.length > 0 || (r.length > 0 && r[r.length - 1]! >= 128)) return set;
  return CharSet.of(foldAscii(r), [], set.negate, false);
}

/** ASCII ranges with every character whose simple case folding matches one of theirs (normalized). */
function foldAscii(r: readonly number[]): number[] {
  const out = [...r];
  for (let i = 0; i < r.length; i += 2) {
    for (let c = r[i]!; c <= r[i + 1]!; c++) {
      if (c >= 0x41 && c <= 0x5a) out.push(c + 32, c + 32);
      if (c >= 0x61 && c <= 0x7a) out.push(c - 32, c - 32);
      if (c === 0x53 || c === 0x73) out.push(0x17f, 0x17f);
      if (c === 0x4b || c === 0x6b) out.push(0x212a, 0x212a);
    }
  }
  return normalize(out);
}

/** Whether some character set of the tree that can take part in a match holds `cp`. */
function canConsume(node: Node, cp: number): boolean {
  switch (node.type) {
    case 'set':
      return node.set.has(cp);
    case 'seq':
      return node.items.some((n) => canConsume(n, cp));
    case 'alt':
      return node.alts.some((n) => canConsume(n, cp));
    case 'rep':
      return node.max > 0 && canConsume(node.body, cp);
    case 'assert':
      return false;
    case 'cap':
      return canConsume(node.body, cp);
    case 'lit':
      return [...node.text].some((c) => c.codePointAt(0) === cp);
  }
}

/** Whether `test` holds for the node or any node inside it. */
export function someNode(node: Node, test: (n: Node) => boolean): boolean {
  if (test(node)) return true;
  switch (node.type) {
    case 'seq':
      return node.items.some((n) => someNode(n, test));
    case 'alt':
      return node.alts.some((n) => someNode(n, test));
    case 'rep':
    case 'cap':
      return someNode(node.body, test);
    default:
      return false;
  }
}

/** Whether the pattern has a capturing group of its own. */
export function hasCapture(node: Node): boolean {
  return someNode(node, (n) => n.type === 'cap');
}

const canMatch = new Map<string, boolean>();

/**
 * Whether some string the pattern matches contains the character `ch` (such as `/` or `.`), with RE2's
 * meanings (`.` is anything but `\n`; `(?i)` folds case). Conservative: true when the pattern cannot be
 * read, or when it cannot be shown otherwise.
 */
export function patternCanMatch(pattern: string, ch: string): boolean {
  const key = `${ch}\u0000${pattern}`;
  let verdict = canMatch.get(key);
  if (verdict === undefined) {
    const cp = ch.codePointAt(0);
    try {
      verdict = cp === undefined ? false : canConsume(parsePattern(pattern), cp);
    } catch {
      verdict = true;
    }
    if (canMatch.size > 1000) canMatch.clear();
    canMatch.set(key, verdict);
  }
  return verdict;
}
