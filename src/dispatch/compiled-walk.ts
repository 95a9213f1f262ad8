import type { IndexNode } from './route-index.js';

/** The search state a walk drives (RouteIndex's): it checks the plans met and keeps the bound. */
export interface WalkTarget {
  /** Start and end of each whole-segment variable on the current trie path. */
  readonly segments: number[];
  /** Routes at or after this registration order cannot change the answer. */
  readonly bound: number;
  consider(plans: readonly unknown[], start: number): void;
  /** The interpreted walk, for the subtrees a compiled walk leaves out. */
  visit(node: IndexNode, start: number, depth: number): void;
}

/** Walks the trie for a path (which starts with `/`), calling `target.consider` on the plans it meets. */
export type Walk = (target: WalkTarget, path: string) => void;

// Beyond these, a node's children are looked up in its Map and walked by the interpreter, and a trie is
// not compiled at all. A function holds at most FUNCTION_NODES nodes; bigger subtrees get functions of
// their own, since the optimising compiler's time grows much faster than a function's size (one
// function for the GitHub API's 203 routes took it half a second).
const INLINE_CHILDREN = 64;
const MAX_NODES = 5000;
const FUNCTION_NODES = 24;

/**
 * Compiles the trie's walk into small functions: the same order and bounds as RouteIndex.visit, with a
 * switch on each segment's length and the node's literal children compared as constant strings. The
 * code holds only numbers (lengths, orders, node numbers) and segments as JSON string literals, never
 * template text as code. (Comparing character codes one by one runs faster once optimised, but the
 * optimising compiler then took up to a few hundred milliseconds per function.) Returns undefined when
 * the trie is too big, or when the platform forbids generating code
 * (`--disallow-code-generation-from-strings`); the interpreted walk is then used.
 */
export function compileWalk(root: IndexNode): Walk | undefined {
  const out: Output = { nodes: [], functions: [], budget: 0 };
  try {
    fn(root, 0, out);
  } catch (err) {
    if (err === TOO_BIG) return undefined;
    throw err;
  }
  const source = `'use strict';\nconst F = [];\n${out.functions.join('\n')}\nreturn (st, path) => F[0](st, path, 1);`;
  try {
    return new Function('N', source)(out.nodes) as Walk;
  } catch {
    return undefined;
  }
}

const TOO_BIG = new Error('trie too big to compile');

interface Output {
  /** The trie nodes the code refers to, by number. */
  nodes: IndexNode[];
  functions: string[];
  /** Nodes the function being written may still take in. */
  budget: number;
}

// A function `F[k](st, path, s)` for `node`, whose next segment starts at `s`; returns k.
function fn(node: IndexNode, depth: number, out: Output): number {
  const k = out.functions.push('') - 1;
  const saved = out.budget;
  out.budget = FUNCTION_NODES;
  const body = emit(node, 's', depth, out);
  out.budget = saved;
  out.functions[k] = `F[${k}] = function (st, path, s) {\nconst L = path.length;\nconst seg = st.segments;\n${body}};`;
  return k;
}

// The code entering `child` (a subtree of the function being written, or a call to a function of its own
// once the budget is spent), with its next segment starting at `e + 1`.
function enter(child: IndexNode, e: string, depth: number, out: Output): string {
  const s = `s${out.nodes.length}`;
  const body = out.budget > 0 ? `const ${s} = ${e} + 1;\n${emit(child, s, depth, out)}` : `F[${fn(child, depth, out)}](st, path, ${e} + 1);\n`;
  return `if (${child.minOrder} < st.bound) {\n${body}}\n`;
}

// The code for `node`, entered with its next segment starting at the expression `s`, after `depth`
// whole-segment variables. Bound checks guard each child before it is entered.
function emit(node: IndexNode, s: string, depth: number, out: Output): string {
  const nodes = out.nodes;
  if (nodes.length >= MAX_NODES) throw TOO_BIG;
  out.budget--;
  const id = nodes.push(node) - 1;
  let code = '';
  if (node.herePlans.length > 0) code += `st.consider(N[${id}].herePlans, ${s});\n`;
  code += `if (${s} > L) {\n`;
  if (node.terminalPlans.length > 0) code += `st.consider(N[${id}].terminalPlans, ${s});\n`;
  code += '}';
  if (node.children === undefined && node.param === undefined) return code + '\n';
  const e = `e${id}`;
  code += ` else {\nlet ${e} = path.indexOf('/', ${s});\nif (${e} === -1) ${e} = L;\n`;
  if (node.children !== undefined && node.children.length > INLINE_CHILDREN) {
    code += `{ const c = N[${id}].bySegment.get(path.slice(${s}, ${e})); if (c !== undefined && c.minOrder < st.bound) st.visit(c, ${e} + 1, ${depth}); }\n`;
  } else if (node.children !== undefined) {
    const byLength = new Map<number, IndexNode[]>();
    for (const child of node.children) byLength.set(child.segment.length, [...(byLength.get(child.segment.length) ?? []), child]);
    code += `switch (${e} - ${s}) {\n`;
    for (const [length, children] of byLength) {
      const branches = children.map((child) => `if (t === ${JSON.stringify(child.segment)}) {\n${enter(child, e, depth, out)}}`);
      code += `case ${length}: {\nconst t = path.slice(${s}, ${e});\n${branches.join(' else ')}\nbreak;\n}\n`;
    }
    code += '}\n';
  }
  const param = node.param;
  if (param !== undefined) code += `seg[${2 * depth}] = ${s};\nseg[${2 * depth + 1}] = ${e};\n${enter(param, e, depth + 1, out)}`;
  return code + '}\n';
}

/** Adds a route's variables to `vars`: whole-segment ones from the `seg` start/end pairs, a tail from `tail` on. */
export type VarSetter = (vars: Record<string, string>, path: string, seg: readonly number[], tail: number) => void;

/**
 * A VarSetter for these variable names. Generated, it stores each name as a constant property (a generic
 * store under a computed name costs several times more); names enter the code as JSON string literals.
 */
export function varSetter(names: readonly string[], tailName: string | undefined, generate: boolean): VarSetter {
  if (generate) {
    const lines = names.map((name, i) => `vars[${JSON.stringify(name)}] = path.slice(seg[${2 * i}], seg[${2 * i + 1}]);`);
    if (tailName !== undefined) lines.push(`vars[${JSON.stringify(tailName)}] = path.slice(tail);`);
    try {
      return new Function('vars', 'path', 'seg', 'tail', `'use strict';\n${lines.join('\n')}`) as VarSetter;
    } catch {
      // Code generation is not allowed: set them one by one below.
    }
  }
  return (vars, path, seg, tail) => {
    for (let i = 0; i < names.length; i++) vars[names[i]!] = path.slice(seg[2 * i], seg[2 * i + 1]);
    if (tailName !== undefined) vars[tailName] = path.slice(tail);
  };
}
