import type { IndexNode } from './trie.js';

/** The search state a walk drives: it checks the plans met and keeps the bound. */
export interface WalkTarget {
  /** Start and end of each variable segment on the current trie path. */
  readonly segments: number[];
  /** Plans at or after this flattened order cannot change the answer. */
  readonly bound: number;
  consider(plans: readonly unknown[], start: number): void;
  /** Enters a chunk's first node whose function is not compiled (yet): compiles it or interprets it. */
  enter(node: IndexNode, start: number): void;
  /** The children of `node` for segments of text and variables, for the segment from `s` to `e`. */
  patterns(node: IndexNode, s: number, e: number): void;
}

// A function holds at most this many nodes: the optimising compiler's time grows much faster than a
// function's size (one function for the GitHub API's 203 routes took it half a second), and nesting stays
// shallow whatever the template's length. Beyond INLINE_CHILDREN literal children, a node's children are
// looked up in its Map: each literal child chosen in line adds its comparison and a call to its chunk,
// and with 60 of them under each of 50 nodes the compiler spent 0.2 s and more on each function, which
// kept lookups at several microseconds for seconds on end (32 keeps the GitHub API's widest node in line).
const FUNCTION_NODES = 24;
const INLINE_CHILDREN = 32;
const INLINE_PATTERNS = 4;
const SHORT_LITERAL = 8;
// The longest chunk source kept to share its function with chunks of the same shape.
const SHARED_SOURCE = 4096;

/**
 * The code-generating backend of the trie walk: the same order, bounds and checks as the interpreter
 * (`Search.visit`), compiled into small functions, one per chunk of at most FUNCTION_NODES nodes, each
 * switching on the segment's length and comparing the node's literal children as constant strings. The
 * code holds only numbers and JSON string literals, never template text as code.
 *
 * Each chunk's function hangs on the node that starts it (`node.compiled`); where a chunk ends, its code
 * calls the next chunk's function, or the interpreter while that one is not compiled yet. After routes
 * are appended, only the chunks holding the nodes that changed are compiled again.
 */
export class CompiledWalk {
  /** False once the platform refused to generate code (`--disallow-code-generation-from-strings`). */
  available = true;
  /** How many times a search enters a chunk before it is compiled (if it takes its share: see HOT_SHARE). */
  compileAfter = COMPILE_AFTER;
  /** Generated var setters by their variables' names and places: routes share them. */
  readonly setters = new Map<string, VarSetter>();
  /** The factories of chunk functions by their source: chunks of the same shape share one. */
  private readonly factories = new Map<string, ChunkFactory>();

  /**
   * Compiles the chunk starting at `start`. Chunks are compiled lazily, when a search enters one for the
   * COMPILE_AFTER-th time and it takes more than one search in HOT_SHARE: a table of 50,000 routes costs
   * nothing to compile up front, and a path requested once (a 404 probe) costs no compilation at all.
   */
  compile(start: IndexNode): void {
    if (!this.available) return;
    const { source, nodes } = emitChunk(start);
    try {
      // Chunks of the same shape (the same code over their own nodes: `/users/{id}` and `/teams/{id}`
      // below a node with many children) share one function made by one factory: closures made by the
      // same factory share what the engine learns and optimises, so a hundred such paths requested in
      // turn warm one function, not a hundred.
      // (Only short sources are kept as keys: a chunk with a twin is a small subtree, and keeping a large
      // one, such as the root's, cost a table of the GitHub API's size about a fifth more memory.)
      let make = this.factories.get(source);
      if (make === undefined) {
        make = new Function('N', source) as ChunkFactory;
        if (source.length <= SHARED_SOURCE) this.factories.set(source, make);
      }
      start.compiled = make(nodes);
    } catch {
      // Generating code is not allowed here: the interpreter walks everything.
      this.available = false;
    }
  }

  /** After nodes changed (routes appended), the chunks holding them are compiled again when next entered. */
  invalidate(changed: readonly IndexNode[]): void {
    for (const node of changed) {
      const start = node.chunk;
      if (start !== undefined) {
        start.compiled = undefined;
        start.visits = 0;
      }
    }
  }
}

/** How many times, by default, a search enters a chunk before it is compiled. */
export const COMPILE_AFTER = 2;

/**
 * A chunk is compiled only when more than one search in HOT_SHARE enters it, counted over a window of at
 * most HOT_WINDOW searches from its first entry (a new window starts after that, so a path that becomes
 * popular later is compiled then). A generated function pays off on a path requested again and again:
 * the GitHub API's 203 routes requested in turn took 0.3-0.7× find-my-way's time compiled, 0.6-1.0×
 * with their leaves interpreted; but 1,000 paths requested in turn took about 1.2 µs a request with a
 * function each, still after 5,000 requests per path, against 0.42 µs interpreted (the interpreter is one
 * function the engine keeps optimised; a thousand small ones are each entered too seldom).
 */
export const HOT_SHARE = 300;
export const HOT_WINDOW = 10_000;

/**
 * The source of the function for the chunk starting at `start`, the nodes it refers to (`N[i]`), and the
 * nodes where it ends (each the start of another chunk). Exported for the snapshot tests.
 */
export function emitChunk(start: IndexNode): { source: string; nodes: IndexNode[]; frontier: IndexNode[] } {
  const out: Output = { nodes: [], frontier: [], budget: FUNCTION_NODES, root: start };
  const body = emit(start, 's', out);
  const source = `'use strict';\nreturn function (st, path, s) {\nconst L = path.length;\nconst seg = st.segments;\n${body}};`;
  return { source, nodes: out.nodes, frontier: out.frontier };
}

interface Output {
  nodes: IndexNode[];
  frontier: IndexNode[];
  budget: number;
  root: IndexNode;
}

type ChunkFactory = (nodes: IndexNode[]) => IndexNode['compiled'];

// The code entering `child`, whose next segment starts at `e + 1`: inlined while the budget lasts, else a
// call to the child's own chunk (or the interpreter). Its order bound is read from the node, not written
// into the code, so that chunks of the same shape have the same code.
function enter(child: IndexNode, e: string, out: Output): string {
  // (The child is the next node the chunk refers to, inlined or not.)
  const k = out.nodes.length;
  let body: string;
  if (out.budget > 0) {
    const s = `s${out.nodes.length}`;
    body = `const ${s} = ${e} + 1;\n${emit(child, s, out)}`;
  } else {
    out.frontier.push(child);
    child.chunk = child;
    out.nodes.push(child);
    body = `const c = N[${k}];\nif (c.compiled !== undefined) c.compiled(st, path, ${e} + 1); else st.enter(c, ${e} + 1);\n`;
  }
  return `if (N[${k}].minOrder < st.bound) {\n${body}}\n`;
}

// The code for `node`, entered with its next segment starting at the expression `s`.
function emit(node: IndexNode, s: string, out: Output): string {
  out.budget--;
  node.chunk = out.root;
  // Only the chunk's first node keeps a function: an inlined node's old one would be out of date.
  if (node !== out.root) node.compiled = undefined;
  const id = out.nodes.push(node) - 1;
  let code = '';
  if (node.herePlans.length > 0) code += `st.consider(N[${id}].herePlans, ${s});\n`;
  code += `if (${s} > L) {\n`;
  if (node.terminalPlans.length > 0) code += `st.consider(N[${id}].terminalPlans, ${s});\n`;
  code += '}';
  if (node.children === undefined && node.param === undefined && node.patterns === undefined) return code + '\n';
  code += ' else {\n';
  const children = node.children;
  const e = `e${id}`;
  // Where the segment ends, found only when a child needs it (a variable, a pattern, a Map lookup). By
  // indexOf: a loop of comparisons cost about 3 ns a character, indexOf about 14 ns whatever the length
  // (a 13-character owner name in the GitHub API: 44 ns by loop).
  const findEnd = `let ${e} = path.indexOf('/', ${s});\nif (${e} === -1) ${e} = L;\n`;
  let endKnown = false;
  if (children !== undefined && children.length > INLINE_CHILDREN) {
    code += findEnd;
    endKnown = true;
    code += `{ const c = N[${id}].bySegment.get(path.slice(${s}, ${e})); if (c !== undefined && c.minOrder < st.bound) { if (c.compiled !== undefined) c.compiled(st, path, ${e} + 1); else st.enter(c, ${e} + 1); } }\n`;
    for (const c of children) {
      out.frontier.push(c);
      c.chunk = c;
    }
  } else if (children !== undefined) {
    // (The empty segment, where the path ends or another `/` follows at once, is the literal of length 0.)
    code += literalChoice(children, s, [], out) + '\n';
  }
  if (!endKnown && (node.patterns !== undefined || node.param !== undefined)) code += findEnd;
  // Segments of text and variables: the search checks each child's template and walks on, into the
  // child's own chunk.
  if (node.patterns !== undefined) {
    // A few are checked in line, each entering its child's chunk directly (what Search.patterns does,
    // without its call and loop); more go through Search.patterns.
    if (node.patterns.length <= INLINE_PATTERNS) {
      node.patterns.forEach((_, k) => {
        code += `{ const p = N[${id}].patterns[${k}]; const c = p.node;\n`;
        code += `if (c.minOrder < st.bound && p.pattern.test(path, ${s}, ${e})) {\n`;
        code += `seg[${2 * node.depth}] = ${s};\nseg[${2 * node.depth + 1}] = ${e};\n`;
        code += `if (c.compiled !== undefined) c.compiled(st, path, ${e} + 1); else st.enter(c, ${e} + 1);\n} }\n`;
      });
    } else {
      code += `st.patterns(N[${id}], ${s}, ${e});\n`;
    }
    for (const p of node.patterns) {
      out.frontier.push(p.node);
      p.node.chunk = p.node;
    }
  }
  const param = node.param;
  if (param !== undefined) code += `seg[${2 * node.depth}] = ${s};\nseg[${2 * node.depth + 1}] = ${e};\n${enter(param, e, out)}`;
  return code + '}\n';
}

/**
 * The code entering whichever of `group` (literal children, equal at the positions `checked`) the segment
 * starting at `s` is, if any: a switch on the first position where their texts differ, again within each
 * case, down to one literal, compared then at the positions not checked yet. (Trying the literals in turn
 * cost a failed comparison each: 50 segments `organizations-0` to `organizations-49` under one node made
 * the last of them cost 50 comparisons of 15 characters, several microseconds.) At most one literal can
 * match: each must be followed by `/` or the path's end, and no literal holds `/`.
 */
function literalChoice(group: readonly IndexNode[], s: string, checked: readonly number[], out: Output): string {
  if (group.length === 1) return literalEntry(group[0]!, s, checked, out);
  const k = firstDifference(group);
  // A literal that ends at k: the path's end or `/` must follow it there, which no other literal has at k.
  const ended = group.find((c) => c.segment.length === k);
  const byCode = new Map<number, IndexNode[]>();
  for (const c of group) {
    if (c === ended) continue;
    const unit = c.segment.charCodeAt(k);
    const same = byCode.get(unit);
    if (same === undefined) byCode.set(unit, [c]);
    else same.push(c);
  }
  let code = ended === undefined ? '' : `${literalEntry(ended, s, checked, out)} else `;
  code += `switch (path.charCodeAt(${at(s, k)})) {\n`;
  for (const [unit, sub] of byCode) code += `case ${unit}: {\n${literalChoice(sub, s, [...checked, k], out)}\nbreak;\n}\n`;
  return code + '}';
}

// The first position where the texts of `group` (at least two distinct texts) differ, counting a text's
// end as a difference.
function firstDifference(group: readonly IndexNode[]): number {
  for (let k = 0; ; k++) {
    const unit = group[0]!.segment.charCodeAt(k);
    // (Past a text's end charCodeAt gives NaN, which equals nothing: a text ending at k differs there.)
    if (group.some((c) => c.segment.charCodeAt(k) !== unit)) return k;
  }
}

// The code entering literal `child` when the segment at `s` is its text (the positions `checked` are
// known to hold it) followed by `/` or the path's end.
function literalEntry(child: IndexNode, s: string, checked: readonly number[], out: Output): string {
  const text = child.segment;
  const end = `l${out.nodes.length}`;
  const after = at(s, text.length);
  // Up to SHORT_LITERAL characters left to check are compared one by one (a call to startsWith cost about
  // as much as eight comparisons: `lookup` and `username` by code unit took the hono set's dynamic lookup
  // from about 225 to 200 ns); a longer text with startsWith (long chains of comparisons made the
  // optimising compiler slow on big tables).
  const units = [...Array(text.length).keys()].filter((i) => !checked.includes(i));
  // The segment's end is checked first: where a literal is a prefix of its siblings (`comment` beside
  // `comments`), that check tells them apart, after one comparison instead of all of the text's.
  const checks = [`(${after} === L || path.charCodeAt(${after}) === 47)`];
  if (units.length <= SHORT_LITERAL) for (const i of units) checks.push(`path.charCodeAt(${at(s, i)}) === ${text.charCodeAt(i)}`);
  else checks.push(`path.startsWith(${JSON.stringify(text)}, ${s})`);
  return `if (${checks.join(' && ')}) {\nconst ${end} = ${after};\n${enter(child, end, out)}}`;
}

// `s + k` as code.
function at(s: string, k: number): string {
  return k === 0 ? s : `${s} + ${k}`;
}

/**
 * A variable segment's entry in a var setter: a whole-segment variable's name, one variable between
 * fixed texts (its name and the texts' lengths), or null (a segment whose variables the plan extracts).
 */
export type SetterEntry = string | { readonly name: string; readonly before: number; readonly after: number } | null;

/** Adds a route's variables to `vars`: segment ones from the `seg` start/end pairs, a tail from `tail` on. */
export type VarSetter = (vars: Record<string, string>, path: string, seg: readonly number[], tail: number) => void;

/**
 * A VarSetter for variables at these depths (null: not a whole-segment variable). Generated, it stores
 * each name as a constant property (a store under a computed name costs several times more); names
 * enter the code as JSON string literals.
 */
export function varSetter(names: readonly SetterEntry[], tailName: string | undefined, walk: CompiledWalk | undefined): VarSetter {
  const key = JSON.stringify([names, tailName ?? null]);
  const known = walk?.setters.get(key);
  if (known !== undefined) return known;
  const setter = makeVarSetter(names, tailName, walk);
  walk?.setters.set(key, setter);
  return setter;
}

function makeVarSetter(names: readonly SetterEntry[], tailName: string | undefined, walk: CompiledWalk | undefined): VarSetter {
  // `vars["__proto__"] = v` would not store a property: such a name is set by the generic code below.
  if (walk?.available && !names.some((n) => nameOf(n) === '__proto__') && tailName !== '__proto__') {
    const lines: string[] = [];
    names.forEach((entry, i) => {
      if (entry === null) return;
      const [name, before, after] = typeof entry === 'string' ? [entry, 0, 0] : [entry.name, entry.before, entry.after];
      // (Offsets enter the code as numbers; the name as a JSON string literal.)
      const from = before === 0 ? `seg[${2 * i}]` : `seg[${2 * i}] + ${Number(before)}`;
      const to = after === 0 ? `seg[${2 * i + 1}]` : `seg[${2 * i + 1}] - ${Number(after)}`;
      lines.push(`vars[${JSON.stringify(name)}] = path.slice(${from}, ${to});`);
    });
    if (tailName !== undefined) lines.push(`vars[${JSON.stringify(tailName)}] = path.slice(tail);`);
    try {
      return new Function('vars', 'path', 'seg', 'tail', `'use strict';\n${lines.join('\n')}`) as VarSetter;
    } catch {
      walk.available = false;
    }
  }
  return (vars, path, seg, tail) => {
    for (let i = 0; i < names.length; i++) {
      const entry = names[i];
      if (entry === null || entry === undefined) continue;
      if (typeof entry === 'string') defineVar(vars, entry, path.slice(seg[2 * i], seg[2 * i + 1]));
      else defineVar(vars, entry.name, path.slice(seg[2 * i]! + entry.before, seg[2 * i + 1]! - entry.after));
    }
    if (tailName !== undefined) defineVar(vars, tailName, path.slice(tail));
  };
}

/** The variable a var-setter entry sets (undefined for a segment whose template extracts its own). */
export function nameOf(entry: SetterEntry): string | undefined {
  return entry === null ? undefined : typeof entry === 'string' ? entry : entry.name;
}

// `vars[name] = value`, also for a name such as `__proto__` that a plain assignment would not store.
function defineVar(vars: Record<string, string>, name: string, value: string): void {
  if (name === '__proto__') Object.defineProperty(vars, name, { value, enumerable: true, writable: true, configurable: true });
  else vars[name] = value;
}
