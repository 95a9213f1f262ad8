// A matcher for the most common shape of composed template: literal text and variables whose patterns are
// runs of one character set (`/archive/{year}-{month}-{day}`, `{name}.{ext}`, `{a}{b:[0-9]+}`,
// `{a}-{b}.example.com`), anchored at the start. It finds RE2's leftmost-first match in O(n × atoms):
// a backward pass marks, for each atom and position, whether the rest of the template can match from
// there; a forward pass then gives each atom, in order, the longest run (shortest when lazy) after which
// the rest still matches. That is the first match in priority order, which is RE2's (and what a
// backtracking engine finds, without the backtracking).

import { CharSet, type Node } from './pattern.js';

/** Literal text (as code points), or a run of `min` to `max` characters of one set. */
type Atom =
  | { readonly lit: readonly number[] }
  | { readonly set: CharSet; readonly min: number; readonly max: number; readonly greedy: boolean };

export interface Plan {
  readonly atoms: readonly Atom[];
  /** Per template variable (group i + 1): the index of its first atom and of the atom after its last. */
  readonly groups: readonly [number, number][];
  /** The template ends with `$` (a prefix template does not). */
  readonly anchoredEnd: boolean;
}

/** The plan for `node` when it has the shape this matcher handles, else undefined. */
export function sequencePlan(node: Node): Plan | undefined {
  const items = node.type === 'seq' ? node.items : [node];
  const first = items[0];
  if (first === undefined || first.type !== 'assert' || first.kind !== 'start') return undefined;
  const atoms: Atoms = Object.assign([], { sealed: 0 });
  const groups: [number, number][] = [];
  let anchoredEnd = false;
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    if (item.type === 'assert' && item.kind === 'end' && i === items.length - 1) {
      anchoredEnd = true;
    } else if (item.type === 'cap' && item.index === groups.length + 1) {
      // A variable's bounds are atom boundaries: its text is never merged with the text around it.
      const start = (atoms.sealed = atoms.length);
      if (!flatten(item.body, atoms)) return undefined;
      groups.push([start, (atoms.sealed = atoms.length)]);
    } else if (!flatten(item, atoms)) {
      return undefined;
    }
  }
  return { atoms, groups, anchoredEnd };
}

/** Atoms so far; literal text merges into the last atom only when it is at or after `sealed`. */
type Atoms = Atom[] & { sealed: number };

function flatten(node: Node, atoms: Atoms): boolean {
  switch (node.type) {
    case 'lit':
      pushLiteral(atoms, Array.from(node.text, (ch) => ch.codePointAt(0)!));
      return true;
    case 'set': {
      const r = node.set.ranges;
      // A set of one character (not folded, not negated) is literal text.
      if (!node.set.fold && !node.set.negate && node.set.props.length === 0 && r.length === 2 && r[0] === r[1]) pushLiteral(atoms, [r[0]!]);
      else atoms.push({ set: node.set, min: 1, max: 1, greedy: true });
      return true;
    }
    case 'rep':
      if (node.body.type !== 'set') return false;
      atoms.push({ set: node.body.set, min: node.min, max: node.max, greedy: node.greedy });
      return true;
    case 'seq':
      return node.items.every((n) => flatten(n, atoms));
    default:
      return false;
  }
}

// Consecutive literal text is one atom.
function pushLiteral(atoms: Atoms, cps: number[]): void {
  const last = atoms.length > atoms.sealed ? atoms[atoms.length - 1] : undefined;
  if (last !== undefined && 'lit' in last) atoms[atoms.length - 1] = { lit: [...last.lit, ...cps] };
  else if (cps.length > 0) atoms.push({ lit: cps });
}

function literalAt(lit: readonly number[], cps: ArrayLike<number>, p: number): boolean {
  if (p + lit.length > cps.length) return false;
  for (let i = 0; i < lit.length; i++) if (cps[p + i] !== lit[i]) return false;
  return true;
}

/** The input as code points, with the UTF-16 offset of each position (the end included). */
function codePoints(s: string): [ArrayLike<number>, ArrayLike<number> | undefined] {
  if (!/[\ud800-\udfff]/.test(s)) {
    const cps = new Uint16Array(s.length);
    for (let i = 0; i < s.length; i++) cps[i] = s.charCodeAt(i);
    return [cps, undefined];
  }
  const cps: number[] = [];
  const offsets: number[] = [];
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    cps.push(cp);
    offsets.push(i);
    i += cp > 0xffff ? 2 : 1;
  }
  offsets.push(s.length);
  return [cps, offsets];
}

/**
 * `ok[i][p]`: atoms i.. can match from code point p to an accepted end. Only `ok[0]` is kept unless
 * `all` (the forward pass needs every row).
 */
function feasible(plan: Plan, cps: ArrayLike<number>, all: boolean): Uint8Array[] {
  const n = cps.length;
  const k = plan.atoms.length;
  const rows: Uint8Array[] = new Array<Uint8Array>(all ? k + 1 : 1);
  let next = new Uint8Array(n + 1);
  if (plan.anchoredEnd) next[n] = 1;
  else next.fill(1);
  if (all) rows[k] = next;
  const nextTrue = new Int32Array(n + 2);
  for (let i = k - 1; i >= 0; i--) {
    const a = plan.atoms[i]!;
    const cur = new Uint8Array(n + 1);
    if ('lit' in a) {
      const len = a.lit.length;
      for (let p = n - len; p >= 0; p--) if (next[p + len] === 1 && literalAt(a.lit, cps, p)) cur[p] = 1;
      if (all) rows[i] = cur;
      next = cur;
      continue;
    }
    nextTrue[n + 1] = n + 1;
    for (let j = n; j >= 0; j--) nextTrue[j] = next[j] === 1 ? j : nextTrue[j + 1]!;
    let run = 0;
    for (let p = n; p >= 0; p--) {
      run = p < n && a.set.has(cps[p]!) ? run + 1 : 0;
      if (run < a.min) continue;
      const lo = p + a.min;
      const hi = p + Math.min(a.max, run);
      if (nextTrue[lo]! <= hi) cur[p] = 1;
    }
    if (all) rows[i] = cur;
    next = cur;
  }
  if (!all) rows[0] = next;
  return rows;
}

/** The leftmost-first match: [match, variables...] as UTF-16 strings (undefined never occurs), or null. */
export function sequenceExec(plan: Plan, input: string): string[] | null {
  const [cps, offsets] = codePoints(input);
  const rows = feasible(plan, cps, true);
  if (rows[0]![0] !== 1) return null;
  const k = plan.atoms.length;
  const starts = new Array<number>(k + 1);
  let p = 0;
  for (let i = 0; i < k; i++) {
    const a = plan.atoms[i]!;
    const after = rows[i + 1]!;
    starts[i] = p;
    if ('lit' in a) {
      p += a.lit.length;
      continue;
    }
    let run = 0;
    while (run < a.max && p + run < cps.length && a.set.has(cps[p + run]!)) run++;
    let j: number;
    if (a.greedy) {
      j = p + run;
      while (after[j] !== 1) j--;
    } else {
      j = p + a.min;
      while (after[j] !== 1) j++;
    }
    p = j;
  }
  starts[k] = p;
  const at = (i: number) => (offsets === undefined ? i : offsets[i]!);
  const out = [input.slice(0, at(p))];
  for (const [from, to] of plan.groups) out.push(input.slice(at(starts[from]!), at(starts[to]!)));
  return out;
}

/** Whether the template matches the input. */
export function sequenceTest(plan: Plan, input: string): boolean {
  return feasible(plan, codePoints(input)[0], false)[0]![0] === 1;
}
