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

function literalAt(lit: readonly number[], cps: ArrayLike<number>, p: number, n: number): boolean {
  if (p + lit.length > n) return false;
  for (let i = 0; i < lit.length; i++) if (cps[p + i] !== lit[i]) return false;
  return true;
}

/** An atom in one shape for the hot loops; `ascii` is the set's membership for code points below 128. */
interface Step {
  readonly lit: readonly number[] | null;
  readonly set: CharSet | null;
  readonly ascii: Uint8Array;
  readonly min: number;
  readonly max: number;
  readonly greedy: boolean;
}

/** Scratch arrays above this many bytes are dropped after use rather than kept for the next call. */
const KEEP = 1 << 16;

/**
 * Runs a plan. The scratch arrays are reused from call to call (matching is synchronous), so a short
 * input allocates nothing but its result.
 */
export class SequenceMatcher {
  private readonly steps: readonly Step[];
  private cps: Uint16Array | Uint32Array = new Uint16Array(64);
  private ok = new Uint8Array(64);
  private nextTrue = new Int32Array(64);
  private readonly starts: Int32Array;

  constructor(private readonly plan: Plan) {
    this.steps = plan.atoms.map((a) =>
      'lit' in a
        ? { lit: a.lit, set: null, ascii: new Uint8Array(0), min: a.lit.length, max: a.lit.length, greedy: true }
        : { lit: null, set: a.set, ascii: Uint8Array.from({ length: 128 }, (_, c) => (a.set.has(c) ? 1 : 0)), min: a.min, max: a.max, greedy: a.greedy },
    );
    this.starts = new Int32Array(plan.atoms.length + 1);
  }

  /** The leftmost-first match: [match, variables...], or null. */
  exec(input: string): string[] | null {
    const offsets = this.load(input);
    const n = this.n;
    if (!this.feasible(n)) return this.done(null);
    const steps = this.steps;
    const k = steps.length;
    const cps = this.cps;
    const ok = this.ok;
    const starts = this.starts;
    const w = n + 1;
    let p = 0;
    for (let i = 0; i < k; i++) {
      const a = steps[i]!;
      starts[i] = p;
      if (a.lit !== null) {
        p += a.lit.length;
        continue;
      }
      const after = (i + 1) * w;
      let run = 0;
      while (run < a.max && p + run < n && this.has(a, cps[p + run]!)) run++;
      let j: number;
      if (a.greedy) {
        j = p + run;
        while (ok[after + j] !== 1) j--;
      } else {
        j = p + a.min;
        while (ok[after + j] !== 1) j++;
      }
      p = j;
    }
    starts[k] = p;
    const at = (i: number) => (offsets === undefined ? i : offsets[i]!);
    const out = [input.slice(0, at(p))];
    for (const [from, to] of this.plan.groups) out.push(input.slice(at(starts[from]!), at(starts[to]!)));
    return this.done(out);
  }

  /** Whether the template matches the input. */
  test(input: string): boolean {
    this.load(input);
    return this.done(this.feasible(this.n));
  }

  private n = 0;

  private has(a: Step, cp: number): boolean {
    return cp < 128 ? a.ascii[cp] === 1 : a.set!.has(cp);
  }

  // Reads the input into `cps` (code points); returns the UTF-16 offset of each position when some
  // character is outside the BMP, else undefined (offsets are positions).
  private load(s: string): number[] | undefined {
    if (this.cps.length < s.length || !(this.cps instanceof Uint16Array)) this.cps = new Uint16Array(Math.max(64, s.length));
    const units = this.cps;
    let surrogates = false;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      units[i] = c;
      if ((c & 0xf800) === 0xd800) surrogates = true;
    }
    this.n = s.length;
    if (!surrogates) return undefined;
    const cps: number[] = [];
    const offsets: number[] = [];
    for (let i = 0; i < s.length; ) {
      const cp = s.codePointAt(i)!;
      cps.push(cp);
      offsets.push(i);
      i += cp > 0xffff ? 2 : 1;
    }
    offsets.push(s.length);
    this.cps = Uint32Array.from(cps);
    this.n = cps.length;
    return offsets;
  }

  // Fills row i of `ok` (width n + 1): atoms i.. can match from position p to an accepted end.
  private feasible(n: number): boolean {
    const steps = this.steps;
    const k = steps.length;
    const w = n + 1;
    if (this.ok.length < (k + 1) * w) this.ok = new Uint8Array((k + 1) * w);
    if (this.nextTrue.length < w + 1) this.nextTrue = new Int32Array(w + 1);
    const ok = this.ok;
    const nextTrue = this.nextTrue;
    const cps = this.cps;
    ok.fill(this.plan.anchoredEnd ? 0 : 1, k * w, (k + 1) * w);
    if (this.plan.anchoredEnd) ok[k * w + n] = 1;
    for (let i = k - 1; i >= 0; i--) {
      const a = steps[i]!;
      const row = i * w;
      const next = row + w;
      if (a.lit !== null) {
        const lit = a.lit;
        const len = lit.length;
        for (let p = n; p > n - len && p >= 0; p--) ok[row + p] = 0;
        for (let p = n - len; p >= 0; p--) ok[row + p] = ok[next + p + len] === 1 && literalAt(lit, cps, p, n) ? 1 : 0;
        continue;
      }
      nextTrue[n + 1] = n + 1;
      for (let j = n; j >= 0; j--) nextTrue[j] = ok[next + j] === 1 ? j : nextTrue[j + 1]!;
      const ascii = a.ascii;
      const set = a.set!;
      const min = a.min;
      const max = a.max;
      let run = 0;
      for (let p = n; p >= 0; p--) {
        if (p < n) {
          const c = cps[p]!;
          run = (c < 128 ? ascii[c] === 1 : set.has(c)) ? run + 1 : 0;
        } else {
          run = 0;
        }
        ok[row + p] = run >= min && nextTrue[p + min]! <= p + (run < max ? run : max) ? 1 : 0;
      }
    }
    return ok[0] === 1;
  }

  // Drops scratch arrays grown for a large input, so that one hostile request does not stay in memory.
  private done<T>(result: T): T {
    if (this.ok.length > KEEP) this.ok = new Uint8Array(64);
    if (this.cps.length > KEEP) this.cps = new Uint16Array(64);
    if (this.nextTrue.length > KEEP) this.nextTrue = new Int32Array(64);
    return result;
  }
}
