/**
 * A value from a request, in double quotes, safe to print on a terminal: quotes, backslashes, control
 * characters (ANSI escape sequences start with one) and bidirectional overrides are escaped.
 */
export function quote(s: string): string {
  return '"' + s.replace(/["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, escapeChar) + '"';
}

/**
 * A value from the request as `quote` shows it, cut after `max` characters (`"…" (and 7,800 more
 * characters)`): an explanation shows it once per route tried, and a long path or header is not
 * repeated in full for each.
 */
export function quoteCut(s: string, max = 200): string {
  return cut(s, max, quote);
}

/**
 * A template or label as written, cut after `max` characters as `quoteCut` cuts a value: an explanation
 * shows a route's template once per route, and the templates of a tree hundreds of subrouters deep hold
 * every prefix above them (its text grew with the square of the depth: 21 MB at 2,000 levels).
 */
export function cutText(s: string, max = 200): string {
  return cut(s, max, (text) => text);
}

// `s` as `show` shows it, its first `max` characters only when it is longer, and how many more there are.
function cut(s: string, max: number, show: (text: string) => string): string {
  if (s.length <= max) return show(s);
  // (Not between the two halves of a surrogate pair.)
  const end = s.charCodeAt(max - 1) >= 0xd800 && s.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return `${show(s.slice(0, end))}… (and ${(s.length - end).toLocaleString('en-US')} more characters)`;
}

function escapeChar(c: string): string {
  if (c === '"' || c === '\\') return '\\' + c;
  const code = c.charCodeAt(0);
  return code < 0x100 ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0');
}

/**
 * A method or scheme as sent: bare when it is a short HTTP token, else quoted and cut as other request
 * values are (an HTTP/2 method or an absolute-form scheme may be kilobytes long, or hold an escape sequence).
 */
export function quoteToken(value: string): string {
  // (A hand-made request's method may be no string at all: shown as its text.)
  const s = String(value);
  return s.length <= 40 && /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(s) ? s : quoteCut(s);
}
