// TEMPORARY conservative stand-in, replaced by the parser-based analysis.
const KNOWN: Record<string, string> = { '[^/]+': '/', '[^.]+': '.', '[0-9]+': '/.', '\\d+': '/.', '[a-z]+': '/.' };
export function patternCanMatch(pattern: string, ch: string): boolean {
  return !(KNOWN[pattern]?.includes(ch) ?? false);
}
