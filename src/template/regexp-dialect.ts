// gorilla's patterns are Go RE2 syntax. JavaScript's RegExp ('u' mode) reads almost all of it the same
// way; this rewrites the common parts it lacks (on Node 20): case-insensitive groups `(?i:...)`, a
// leading `(?i)` flag, and one-letter Unicode classes `\pL` / `\PL`.

/** Rewrites an RE2 pattern into an equivalent JavaScript `u`-mode pattern. */
export function toJsPattern(src: string): string {
  if (!/\(\?i|\\[pP][A-Za-z]/.test(src)) return src;
  let out = '';
  // One entry per open group: is it case-insensitive?
  const ci: boolean[] = [false];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    const insensitive = ci[ci.length - 1]!;
    if (c === '\\') {
      const [text, next] = readEscape(src, i);
      out += text;
      i = next;
    } else if (c === '[') {
      const [text, next] = readClass(src, i, insensitive);
      out += text;
      i = next;
    } else if (src.startsWith('(?i:', i)) {
      ci.push(true);
      out += '(?:';
      i += 4;
    } else if (src.startsWith('(?i)', i)) {
      ci[ci.length - 1] = true;
      i += 4;
    } else if (c === '(') {
      ci.push(insensitive);
      out += c;
      i++;
    } else if (c === ')') {
      if (ci.length > 1) ci.pop();
      out += c;
      i++;
    } else if (c === '{') {
      // A quantifier such as {2,4}: copied whole so its letters-free body is left alone.
      const close = src.indexOf('}', i);
      const end = close === -1 ? i + 1 : close + 1;
      out += src.slice(i, end);
      i = end;
    } else {
      out += insensitive ? bothCases(c) : c;
      i++;
    }
  }
  return out;
}

function readEscape(src: string, i: number): [string, number] {
  const kind = src[i + 1];
  if ((kind === 'p' || kind === 'P') && src[i + 2] !== '{' && i + 2 < src.length) {
    return [`\\${kind}{${src[i + 2]}}`, i + 3];
  }
  if ((kind === 'p' || kind === 'P' || kind === 'u') && src[i + 2] === '{') {
    const close = src.indexOf('}', i);
    const end = close === -1 ? src.length : close + 1;
    return [src.slice(i, end), end];
  }
  return [src.slice(i, i + 2), i + 2];
}

// A character class; under (?i) each letter and letter range gains its other case.
function readClass(src: string, start: number, insensitive: boolean): [string, number] {
  let out = '[';
  let extra = '';
  let i = start + 1;
  if (src[i] === '^') out += src[i++];
  while (i < src.length && src[i] !== ']') {
    if (src[i] === '\\') {
      const [text, next] = readEscape(src, i);
      out += text;
      i = next;
      continue;
    }
    const lo = src[i]!;
    if (src[i + 1] === '-' && i + 2 < src.length && src[i + 2] !== ']') {
      const hi = src[i + 2]!;
      out += `${lo}-${hi}`;
      if (insensitive && otherCase(lo) !== lo && otherCase(hi) !== hi) extra += `${otherCase(lo)}-${otherCase(hi)}`;
      i += 3;
    } else {
      out += lo;
      if (insensitive && otherCase(lo) !== lo) extra += otherCase(lo);
      i++;
    }
  }
  return [out + extra + ']', i + 1];
}

function otherCase(c: string): string {
  const up = c.toUpperCase();
  return up !== c ? up : c.toLowerCase();
}

function bothCases(c: string): string {
  const o = otherCase(c);
  return o === c || o.length !== 1 ? c : `[${c}${o}]`;
}
