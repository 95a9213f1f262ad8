import type { RequestView } from '../matchers/request-view.js';
import { pathInput } from '../matchers/matchers.js';
import { redirectHandler } from './redirect.js';
import type { RouteRegexp } from '../template/template.js';
import type { HandlerFunc } from '../types.js';
import type { RedirectStatus } from './route-conf.js';

/**
 * The strict-slash redirect for a request that matched `path`: under strict slash, a request whose
 * trailing slash differs from the template's is redirected to the template's form (gorilla's rule).
 * Undefined when no redirect is due. Both dispatch engines decide it here.
 */
export function strictSlashRedirect(path: RouteRegexp, view: RequestView, status: RedirectStatus): HandlerFunc | undefined {
  const target = strictSlashTarget(path, view);
  return target === undefined ? undefined : redirectHandler(view, target, path.useEncodedPath, status);
}

/** The path that strictSlashRedirect redirects to (the request's, its trailing slash added or removed). */
export function strictSlashTarget(path: RouteRegexp, view: RequestView): string | undefined {
  if (!path.strictSlash || path.kind !== 'path') return undefined;
  if (pathInput(path, view).endsWith('/') === path.template.endsWith('/')) return undefined;
  const p = path.useEncodedPath ? view.escapedPath : view.path;
  return p.endsWith('/') ? p.slice(0, -1) : p + '/';
}
