// Timing on a shared, noisy machine: the functions compared are timed in turns (one round times each of
// them once, again and again), so that a change in the machine's load lands on all of them; a figure is
// the median over the rounds, and a ratio the median of the rounds' ratios.
import { do_not_optimize } from 'mitata';

export interface Turns {
  /** Median ns per call of each function. */
  readonly ns: readonly number[];
  /** Median over the rounds of (function i's time / function j's time). */
  ratio(i: number, j: number): number;
}

/** Times `fns` in `rounds` rounds of about `roundMs` ms each, after a warm-up of about `warmMs` ms each. */
export function inTurns(fns: readonly (() => unknown)[], rounds: number, roundMs = 40, warmMs = 150): Turns {
  // Warm-up: every function runs for a while first, so that the optimising compiler is done with it.
  const until = performance.now() + warmMs * fns.length;
  while (performance.now() < until) for (const fn of fns) for (let i = 0; i < 20; i++) do_not_optimize(fn());
  const calls = fns.map((fn) => callsFor(fn, roundMs));
  const times: number[][] = fns.map(() => []);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((fn, k) => {
      const n = calls[k]!;
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) do_not_optimize(fn());
      times[k]!.push(Number(process.hrtime.bigint() - t0) / n);
    });
  }
  return {
    ns: times.map(median),
    ratio: (i, j) => median(times[i]!.map((t, r) => t / times[j]![r]!)),
  };
}

// How many calls take about `ms` milliseconds, from a first timing.
function callsFor(fn: () => unknown, ms: number): number {
  for (let n = 1; ; n *= 4) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) do_not_optimize(fn());
    const took = performance.now() - t0;
    if (took > 5) return Math.max(1, Math.round((n * ms) / took));
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)]!;
}
