/**
 * A value from a request, in double quotes, safe to print on a terminal: quotes, backslashes, control
 * characters (ANSI escape sequences start with one) and bidirectional overrides are escaped.
 */
export function quote(s: string): string {
  return '"' + s.replace(/["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, escapeChar) + '"';
}

function escapeChar(c: string): string {
  if (c === '"' || c === '\\') return '\\' + c;
  const code = c.charCodeAt(0);
  return code < 0x100 ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16).padStart(4, '0');
}
