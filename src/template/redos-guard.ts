import { checkSync } from 'recheck';
import { MuxError } from '../errors.js';

// Patterns tsmux itself writes, known to be linear.
const KNOWN_SAFE = new Set(['[^/]+', '[^.]+', '.*', '[\\s\\S]+']);
// Verdicts by pattern: a route table repeats the same few patterns, and each check costs milliseconds.
const verdicts = new Map<string, string | undefined>();

/**
 * Throws MuxError when a pattern can take super-linear time (exponential or polynomial backtracking) on
 * some input, as the recheck analyzer finds. `anchored` checks it as tsmux uses template variables,
 * between `^(?:` and `)$`, where an unanchored-safe `(a|aa)+` becomes catastrophic.
 */
export function assertSafeRegex(pattern: string, anchored: boolean, what: string): void {
  if (KNOWN_SAFE.has(pattern)) return;
  const source = anchored ? `^(?:${pattern})$` : pattern;
  let problem = verdicts.get(source);
  if (!verdicts.has(source)) {
    problem = analyze(source);
    verdicts.set(source, problem);
  }
  if (problem !== undefined) {
    throw new MuxError(
      `mux: unsafe regular expression "${pattern}" in ${what}: ${problem}; ` +
        'rewrite it, or create the router with { allowUnsafeRegex: true }',
    );
  }
}

function analyze(source: string): string | undefined {
  const d = checkSync(source, 'u', { timeout: 2000 });
  if (d.status === 'safe') return undefined;
  if (d.status === 'vulnerable') {
    const attack = d.attack.pattern ? ` (attack string ${d.attack.pattern.slice(0, 80)})` : '';
    return `${d.complexity.type} backtracking${attack}`;
  }
  return `the ReDoS analysis could not prove it safe (${d.error.kind})`;
}
