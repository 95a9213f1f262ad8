import type { Route } from './route.js';
import type { HandlerFunc } from './types.js';

/** The result of `match()` (gorilla's RouteMatch). */
export class RouteMatch {
  route?: Route;
  handler?: HandlerFunc;
  vars: Record<string, string> = {};
  matchErr?: Error;
}

/** Methods that would have matched, attached to a RouteMatch whose matchErr is ErrMethodMismatch. */
const allowedKey = Symbol('tsmux.allowedMethods');
type WithAllowed = RouteMatch & { [allowedKey]?: string[] };

export function setAllowedMethods(match: RouteMatch, methods: string[]): void {
  (match as WithAllowed)[allowedKey] = methods;
}

/** The methods for a 405's `Allow` header, in registration order without duplicates. */
export function allowedMethods(match: RouteMatch): readonly string[] {
  return (match as WithAllowed)[allowedKey] ?? [];
}

/**
 * What the failed routes of one dispatch said about the 404/405 decision (API.md: a 405 needs a route that
 * failed only on its methods, and no route accepting the method that failed only on its queries).
 */
export class MatchState {
  methodFailed = false;
  queryBlocked = false;
  readonly allowed: string[] = [];

  addAllowed(methods: readonly string[]): void {
    this.methodFailed = true;
    for (const m of methods) if (!this.allowed.includes(m)) this.allowed.push(m);
  }

  /** True when the failures add up to a 405. */
  get methodNotAllowed(): boolean {
    return this.methodFailed && !this.queryBlocked;
  }
}
