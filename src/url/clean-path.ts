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

// A `//` or a segment starting with a dot: the only things cleaning can change in a path that starts
// with `/`. (One RegExp test measured faster than character loops or substring searches on short paths.)
const UNCLEAN = /\/[/.]/;

/** True when cleanPath leaves a path that starts with `/` as it is. */
export function isClean(p: string): boolean {
  return !UNCLEAN.test(p);
}
