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
 * The ASCII characters that end a name. path-to-regexp reads names by Unicode's ID_Start and
 * ID_Continue, which a type cannot test: a character outside ASCII is taken as part of the name (`:café`
 * is `café`), which holds for letters and marks, the characters names are written with.
 */
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
    : C extends AsciiNameEnd | (Name extends '' ? IdentChar : never)
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
    : T extends unknown
      ? Simplify<OneTemplateVars<T>>
      : never;

/** The variables of every template of a union together: a route's query templates, which all apply. */
export type AllVarsOf<T> = [T] extends [never]
  ? {}
  : string extends (T extends ExpressPath<infer P> ? P : T)
    ? Record<string, string>
    : Simplify<UnionToIntersection<OneTemplateVars<T>>>;

type OneTemplateVars<T> = T extends ExpressPath<infer P> ? ExpressVars<P> : T extends string ? { [K in GorillaNames<T>]: string } : never;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
