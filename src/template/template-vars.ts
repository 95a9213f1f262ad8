// Type-level reading of templates: the variable names of a gorilla template or an Express path, so that
// routes written with literal templates get typed vars. Nothing here exists at run time.
import type { ExpressPath } from './express-path.js';

/** Flattens an intersection into one object type, for readable hovers and error messages. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

// ---- gorilla templates: `{name}` and `{name:pattern}`, braces nesting inside the pattern ----

/** The variable names of a gorilla template, as a union. */
type GorillaNames<T extends string, Acc extends string = never> = T extends `${string}{${infer Rest}`
  ? ReadVariable<Rest, Acc>
  : Acc;

// After an opening brace: the name runs to the first `:` or `}`; a pattern after `:` is skipped to
// its matching closing brace.
type ReadVariable<R extends string, Acc extends string> = R extends `${infer Body}}${infer After}`
  ? Body extends `${infer Name}:${infer Pattern}`
    ? Pattern extends `${string}{${string}`
      ? SkipPattern<`${Pattern}}${After}`, [], NameOnly<Name>, Acc>
      : GorillaNames<After, Acc | NameOnly<Name>>
    : GorillaNames<After, Acc | NameOnly<Body>>
  : Acc;

type NameOnly<N extends string> = N extends `${string}{${string}` ? never : N;

// Walks a pattern with nested braces, one character at a time, to the brace that closes the variable.
type SkipPattern<R extends string, Depth extends 0[], Name extends string, Acc extends string> = R extends `${infer C}${infer Rest}`
  ? C extends '{'
    ? SkipPattern<Rest, [0, ...Depth], Name, Acc>
    : C extends '}'
      ? Depth extends [0, ...infer Outer extends 0[]]
        ? SkipPattern<Rest, Outer, Name, Acc>
        : GorillaNames<Rest, Acc | Name>
      : C extends '\\'
        ? Rest extends `${string}${infer AfterEscape}`
          ? SkipPattern<AfterEscape, Depth, Name, Acc>
          : Acc | Name
        : SkipPattern<Rest, Depth, Name, Acc>
  : Acc | Name;

// ---- Express paths (path-to-regexp 8): `:name`, `:"quoted"`, `*name`, optional `{...}` groups ----

type IdentStart =
  | 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i' | 'j' | 'k' | 'l' | 'm'
  | 'n' | 'o' | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'w' | 'x' | 'y' | 'z'
  | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M'
  | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U' | 'V' | 'W' | 'X' | 'Y' | 'Z'
  | '_' | '$';
type IdentChar = IdentStart | '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
/**
 * The characters that end a name. path-to-regexp reads names by Unicode's ID_Start and ID_Continue,
 * which a type cannot test: every ASCII character that is not in a name, and the characters outside ASCII
 * most likely to follow one (below), end it; any other character outside ASCII is taken as part of the
 * name (`:café` is `café`, `:名前` is `名前`), as letters, marks and digits are.
 */
type NameEnd = AsciiNameEnd | NonAsciiNameEnd;

/**
 * Those outside ASCII: the Latin-1 symbols and punctuation, General Punctuation (dashes, quotes, spaces,
 * `…`, `‰`), the currency signs, the arrows, CJK and fullwidth punctuation, each one that is not an
 * ID_Continue character (listed from Unicode's tables when this was written).
 */
type NonAsciiNameEnd =
  | '\u00a0' | '\u00a1' | '\u00a2' | '\u00a3' | '\u00a4' | '\u00a5' | '\u00a6' | '\u00a7' | '\u00a8' | '\u00a9' | '\u00ab' | '\u00ac'
  | '\u00ad' | '\u00ae' | '\u00af' | '\u00b0' | '\u00b1' | '\u00b2' | '\u00b3' | '\u00b4' | '\u00b6' | '\u00b8' | '\u00b9' | '\u00bb'
  | '\u00bc' | '\u00bd' | '\u00be' | '\u00bf' | '\u00d7' | '\u00f7' | '\u2000' | '\u2001' | '\u2002' | '\u2003' | '\u2004' | '\u2005'
  | '\u2006' | '\u2007' | '\u2008' | '\u2009' | '\u200a' | '\u200b' | '\u200e' | '\u200f' | '\u2010' | '\u2011' | '\u2012' | '\u2013'
  | '\u2014' | '\u2015' | '\u2016' | '\u2017' | '\u2018' | '\u2019' | '\u201a' | '\u201b' | '\u201c' | '\u201d' | '\u201e' | '\u201f'
  | '\u2020' | '\u2021' | '\u2022' | '\u2023' | '\u2024' | '\u2025' | '\u2026' | '\u2027' | '\u2028' | '\u2029' | '\u202a' | '\u202b'
  | '\u202c' | '\u202d' | '\u202e' | '\u202f' | '\u2030' | '\u2031' | '\u2032' | '\u2033' | '\u2034' | '\u2035' | '\u2036' | '\u2037'
  | '\u2038' | '\u2039' | '\u203a' | '\u203b' | '\u203c' | '\u203d' | '\u203e' | '\u2041' | '\u2042' | '\u2043' | '\u2044' | '\u2045'
  | '\u2046' | '\u2047' | '\u2048' | '\u2049' | '\u204a' | '\u204b' | '\u204c' | '\u204d' | '\u204e' | '\u204f' | '\u2050' | '\u2051'
  | '\u2052' | '\u2053' | '\u2055' | '\u2056' | '\u2057' | '\u2058' | '\u2059' | '\u205a' | '\u205b' | '\u205c' | '\u205d' | '\u205e'
  | '\u205f' | '\u2060' | '\u2061' | '\u2062' | '\u2063' | '\u2064' | '\u2066' | '\u2067' | '\u2068' | '\u2069' | '\u206a' | '\u206b'
  | '\u206c' | '\u206d' | '\u206e' | '\u206f' | '\u20a0' | '\u20a1' | '\u20a2' | '\u20a3' | '\u20a4' | '\u20a5' | '\u20a6' | '\u20a7'
  | '\u20a8' | '\u20a9' | '\u20aa' | '\u20ab' | '\u20ac' | '\u20ad' | '\u20ae' | '\u20af' | '\u20b0' | '\u20b1' | '\u20b2' | '\u20b3'
  | '\u20b4' | '\u20b5' | '\u20b6' | '\u20b7' | '\u20b8' | '\u20b9' | '\u20ba' | '\u20bb' | '\u20bc' | '\u20bd' | '\u20be' | '\u20bf'
  | '\u20c0' | '\u2190' | '\u2191' | '\u2192' | '\u2193' | '\u2194' | '\u2195' | '\u2196' | '\u2197' | '\u2198' | '\u2199' | '\u219a'
  | '\u219b' | '\u219c' | '\u219d' | '\u219e' | '\u219f' | '\u21a0' | '\u21a1' | '\u21a2' | '\u21a3' | '\u21a4' | '\u21a5' | '\u21a6'
  | '\u21a7' | '\u21a8' | '\u21a9' | '\u21aa' | '\u21ab' | '\u21ac' | '\u21ad' | '\u21ae' | '\u21af' | '\u21b0' | '\u21b1' | '\u21b2'
  | '\u21b3' | '\u21b4' | '\u21b5' | '\u21b6' | '\u21b7' | '\u21b8' | '\u21b9' | '\u21ba' | '\u21bb' | '\u21bc' | '\u21bd' | '\u21be'
  | '\u21bf' | '\u21c0' | '\u21c1' | '\u21c2' | '\u21c3' | '\u21c4' | '\u21c5' | '\u21c6' | '\u21c7' | '\u21c8' | '\u21c9' | '\u21ca'
  | '\u21cb' | '\u21cc' | '\u21cd' | '\u21ce' | '\u21cf' | '\u21d0' | '\u21d1' | '\u21d2' | '\u21d3' | '\u21d4' | '\u21d5' | '\u21d6'
  | '\u21d7' | '\u21d8' | '\u21d9' | '\u21da' | '\u21db' | '\u21dc' | '\u21dd' | '\u21de' | '\u21df' | '\u21e0' | '\u21e1' | '\u21e2'
  | '\u21e3' | '\u21e4' | '\u21e5' | '\u21e6' | '\u21e7' | '\u21e8' | '\u21e9' | '\u21ea' | '\u21eb' | '\u21ec' | '\u21ed' | '\u21ee'
  | '\u21ef' | '\u21f0' | '\u21f1' | '\u21f2' | '\u21f3' | '\u21f4' | '\u21f5' | '\u21f6' | '\u21f7' | '\u21f8' | '\u21f9' | '\u21fa'
  | '\u21fb' | '\u21fc' | '\u21fd' | '\u21fe' | '\u21ff' | '\u3000' | '\u3001' | '\u3002' | '\u3003' | '\u3004' | '\u3008' | '\u3009'
  | '\u300a' | '\u300b' | '\u300c' | '\u300d' | '\u300e' | '\u300f' | '\u3010' | '\u3011' | '\u3012' | '\u3013' | '\u3014' | '\u3015'
  | '\u3016' | '\u3017' | '\u3018' | '\u3019' | '\u301a' | '\u301b' | '\u301c' | '\u301d' | '\u301e' | '\u301f' | '\u3020' | '\u3030'
  | '\u3036' | '\u3037' | '\u303d' | '\u303e' | '\u303f' | '\uff01' | '\uff02' | '\uff03' | '\uff04' | '\uff05' | '\uff06' | '\uff07'
  | '\uff08' | '\uff09' | '\uff0a' | '\uff0b' | '\uff0c' | '\uff0d' | '\uff0e' | '\uff0f';

type AsciiNameEnd =
  | ' ' | '!' | '"' | '#' | '%' | '&' | "'" | '(' | ')' | '*' | '+' | ',' | '-' | '.' | '/' | ':' | ';'
  | '<' | '=' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '`' | '{' | '|' | '}' | '~' | '\t' | '\n' | '\r';

/** Names found so far: required ones, and those inside an optional group. */
interface Found {
  required: string;
  optional: string;
}

type ExpressScan<P extends string, Depth extends 0[], F extends Found> = P extends `${infer C}${infer Rest}`
  ? C extends ':' | '*'
    ? Rest extends `"${infer Quoted}"${infer After}`
      ? ExpressScan<After, Depth, AddName<F, Quoted, Depth>>
      : ReadIdent<Rest, '', Depth, F>
    : C extends '{'
      ? ExpressScan<Rest, [0, ...Depth], F>
      : C extends '}'
        ? ExpressScan<Rest, Depth extends [0, ...infer Outer extends 0[]] ? Outer : [], F>
        : C extends '\\'
          ? Rest extends `${string}${infer AfterEscape}`
            ? ExpressScan<AfterEscape, Depth, F>
            : F
          : ExpressScan<Rest, Depth, F>
  : F;

type ReadIdent<P extends string, Name extends string, Depth extends 0[], F extends Found> = P extends `${infer C}${infer Rest}`
  ? C extends (Name extends '' ? IdentStart : IdentChar)
    ? ReadIdent<Rest, `${Name}${C}`, Depth, F>
    : C extends NameEnd | (Name extends '' ? IdentChar : never)
      ? ExpressScan<P, Depth, AddName<F, Name, Depth>>
      : ReadIdent<Rest, `${Name}${C}`, Depth, F>
  : AddName<F, Name, Depth>;

type AddName<F extends Found, Name extends string, Depth extends 0[]> = Name extends ''
  ? F
  : Depth extends []
    ? { required: F['required'] | Name; optional: F['optional'] }
    : { required: F['required']; optional: F['optional'] | Name };

type ExpressVars<P extends string> =
  ExpressScan<P, [], { required: never; optional: never }> extends { required: infer R extends string; optional: infer O extends string }
    ? Simplify<{ [K in R]: string } & { [K in Exclude<O, R>]?: string }>
    : never;

/**
 * The variables of a template type: `VarsOf<'/users/{id:[0-9]+}/{tab}'>` is `{ id: string; tab: string }`,
 * `VarsOf<ExpressPath<'/users/:id'>>` is `{ id: string }` (parameters in an optional `{...}` group are
 * optional). A union of templates (one chosen at run time) gives a union: the variables of one of them.
 * A template typed as plain `string` (not a literal) gives `Record<string, string>`.
 */
export type VarsOf<T> = [T] extends [never]
  ? {}
  : string extends (T extends ExpressPath<infer P> ? P : T)
    ? Record<string, string>
    : T extends ExpressPath<infer P>
      ? ExpressVars<P>
      : T extends string
        ? Simplify<{ [K in GorillaNames<T>]: string }>
        : never;

/** The variables of every template of a union together: a route's query templates, which all apply. */
export type AllVarsOf<T> = [T] extends [never]
  ? {}
  : string extends (T extends ExpressPath<infer P> ? P : T)
    ? Record<string, string>
    : Simplify<UnionToIntersection<T extends ExpressPath<infer P> ? ExpressVars<P> : T extends string ? { [K in GorillaNames<T>]: string } : never>>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
