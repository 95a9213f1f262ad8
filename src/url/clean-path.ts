/**
 * gorilla's cleanPath: the canonical form of a request path. `""` becomes `/`, a leading `/` is added,
 * `.` and `..` segments are resolved (never above the root), repeated slashes are collapsed, and a
 * trailing slash is kept.
 */
export function cleanPath(p: string): string {
  if (p === '') return '/';
  if (p[0] !== '/') p = '/' + p;
  if (isClean(p)) return p;
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  let cleaned = '/' + out.join('/');
  if (p.endsWith('/') && cleaned !== '/') cleaned += '/';
  return cleaned;
}

// Fast check for the common case: no `//` and no segment starting with a dot, in one pass over the
// characters (substring searches cost more on the short paths requests have).
function isClean(p: string): boolean {
  const n = p.length - 1;
  for (let i = 0; i < n; i++) {
    if (p.charCodeAt(i) === 47 /* / */) {
      const next = p.charCodeAt(i + 1);
      if (next === 47 /* / */ || next === 46 /* . */) return false;
    }
  }
  return true;
}
