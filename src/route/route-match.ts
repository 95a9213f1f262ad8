import type { Route } from './route.js';
import type { HandlerFunc } from '../types.js';

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
 * Routes may be evaluated out of order (the dispatcher looks at likely winners first), so each
 * contribution carries its route's registration order.
 */
export class MatchState {
  methodFailed = false;
  queryBlocked = false;
  private entries: [number, readonly string[]][] | undefined;

  addAllowed(methods: readonly string[], order: number): void {
    this.methodFailed = true;
    (this.entries ??= []).push([order, methods]);
  }

  /** The allowed methods in registration order, without duplicates. */
  get allowed(): string[] {
    const out: string[] = [];
    if (this.entries === undefined) return out;
    const sorted = this.entries.length > 1 ? [...this.entries].sort((a, b) => a[0] - b[0]) : this.entries;
    for (const [, methods] of sorted) for (const m of methods) if (!out.includes(m)) out.push(m);
    return out;
  }

  /** True when the failures add up to a 405. */
  get methodNotAllowed(): boolean {
    return this.methodFailed && !this.queryBlocked;
  }
}
