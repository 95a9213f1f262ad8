// Whether a handler function takes the route's vars as its third argument, read from what it declares.
// `Function.length` counts the parameters before the first one with a default or a rest parameter, so
// `(req, res, v = {})` and `(...args) => fn(...args)` read as taking fewer than they do: their source
// says more. A function whose parameters cannot be read (a bound or native function) takes what its
// `length` says.

/** True when `h` may read a third argument: it declares one, or passes on or reads all its arguments. */
export function takesThirdArgument(h: (...args: never[]) => unknown): boolean {
  if (h.length >= 3) return true;
  const source = Function.prototype.toString.call(h);
  const params = parameterList(source);
  if (params === undefined) return false;
  // A rest parameter among the first three takes the third argument.
  if (params.count >= 3 || (params.restAt !== undefined && params.restAt <= 2)) return true;
  // A function (not an arrow, which has no `arguments` of its own) that reads `arguments` may read the
  // third: a wrapper's `inner.apply(this, arguments)`, or a default value as Babel compiles it
  // (`arguments.length > 2 && arguments[2] !== undefined ? arguments[2] : {}`).
  return !params.arrow && ARGUMENTS.test(source.slice(params.end));
}

const ARGUMENTS = /\barguments\b/;

interface Parameters {
  /** How many parameters are declared. */
  readonly count: number;
  /** The position of a rest parameter (`...args`), if any. */
  readonly restAt: number | undefined;
  readonly arrow: boolean;
  /** Where the parameter list ends in the source. */
  readonly end: number;
}

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);
// After one of these (or at the start of a parameter), a `/` starts a regular expression, not a division.
const BEFORE_REGEXP = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);

/**
 * The parameter list of a function's source (`function f(a, b)`, `async (a, b) =>`, `a =>`, a method
 * `name(a, b) {`); undefined when there is none to read (`function () { [native code] }` has none).
 * Default values may nest brackets and hold strings, template literals, regular expressions and
 * comments; commas count at the top level.
 */
function parameterList(source: string): Parameters | undefined {
  if (source.endsWith('{ [native code] }')) return undefined;
  // The list's `(`, or the `=>` of `a => …` and `async a => …` (one parameter, no parenthesis): the first
  // outside a comment (`async /* => */ (a, b) =>`, `function f /* ( */ (a)`).
  let open = -1;
  for (let i = 0; i < source.length; i++) {
    const skipped = commentEnd(source, i);
    if (skipped === -1) return undefined;
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    // (A method's computed key, `['a(b'](…)` or `[key()](…)`, is passed over whole.)
    if (source[i] === '[') {
      i = bracketEnd(source, i);
      continue;
    }
    if (source[i] === '"' || source[i] === "'" || source[i] === '`') {
      i = stringEnd(source, i);
      continue;
    }
    if (source[i] === '(') {
      open = i;
      break;
    }
    if (source[i] === '=' && source[i + 1] === '>') return { count: 1, restAt: undefined, arrow: true, end: i };
  }
  if (open === -1) return undefined;
  let depth = 0;
  let count = 0;
  let restAt: number | undefined;
  let pending = false; // text seen since the last top-level comma
  let last = '('; // the last character that is not a space or part of a comment
  let lastAt = open;
  let beforeLast = '';
  for (let i = open + 1; i < source.length; i++) {
    const c = source[i]!;
    const skipped = commentEnd(source, i);
    if (skipped === -1) return undefined;
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === '"' || c === "'" || c === '`') i = stringEnd(source, i);
    // (After `x++` or `y--`, a `/` divides; after a keyword such as `void` or `typeof`, it starts one.)
    else if (c === '/' && startsRegexp(source, last, lastAt, beforeLast)) i = regexpEnd(source, i);
    else if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) {
      if (depth === 0) {
        if (c !== ')') return undefined;
        return { count: count + (pending ? 1 : 0), restAt, arrow: /^\s*=>/.test(source.slice(i + 1)), end: i + 1 };
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      count++;
      pending = false;
      beforeLast = last;
      last = c;
      lastAt = i;
      continue;
    } else if (c === '.' && depth === 0 && !pending && source.startsWith('...', i)) {
      restAt = count;
    }
    pending = true;
    beforeLast = last;
    last = source[i]!;
    lastAt = i;
  }
  return undefined;
}

// Whether a `/` after the character `last` (at `lastAt`, after `beforeLast`) starts a regular expression.
function startsRegexp(source: string, last: string, lastAt: number, beforeLast: string): boolean {
  if (BEFORE_REGEXP.has(last)) return !((last === '+' || last === '-') && beforeLast === last);
  if (!/[\w$]/.test(last)) return false;
  let from = lastAt;
  while (from > 0 && /[\w$]/.test(source[from - 1]!)) from--;
  return KEYWORDS_BEFORE_REGEXP.has(source.slice(from, lastAt + 1));
}

const KEYWORDS_BEFORE_REGEXP = new Set(['void', 'typeof', 'return', 'in', 'of', 'new', 'delete', 'instanceof', 'yield', 'await', 'case', 'do', 'else', 'throw']);

// The index of the `]` that closes the bracket opening at `start` (strings inside passed over).
function bracketEnd(source: string, start: number): number {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'" || c === '`') i = stringEnd(source, i);
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return source.length;
}

// Where a comment starting at `i` ends (its last character), `i` when none starts there, -1 when it
// does not end.
function commentEnd(source: string, i: number): number {
  if (source[i] !== '/') return i;
  if (source[i + 1] === '*') {
    const close = source.indexOf('*/', i + 2);
    return close === -1 ? -1 : close + 1;
  }
  if (source[i + 1] === '/') {
    const close = source.indexOf('\n', i);
    return close === -1 ? -1 : close;
  }
  return i;
}

// The index of the quote that closes the string or template literal opening at `start` (a template's
// `${…}` may hold quotes of its own: followed to its closing brace).
function stringEnd(source: string, start: number): number {
  const quote = source[start]!;
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (c === quote) return i;
    else if (quote === '`' && c === '$' && source[i + 1] === '{') {
      let depth = 0;
      for (i++; i < source.length; i++) {
        const d = source[i]!;
        if (d === '"' || d === "'" || d === '`') i = stringEnd(source, i);
        else if (d === '{') depth++;
        else if (d === '}' && --depth === 0) break;
      }
    }
  }
  return source.length;
}

// The index of the `/` that closes the regular expression literal opening at `start` (a `/` inside a
// class `[...]` or escaped does not close it).
function regexpEnd(source: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return i;
    else if (c === '\n') break;
  }
  return source.length;
}
