export { Router, newRouter } from './router.js';
export { Route, type BuildArgs, type BuildValues } from './route.js';
export { expressPath, ExpressPath, type PathTemplate } from './express-path.js';
export { RouteMatch } from './route-match.js';
export { BuiltURL } from './built-url.js';
export { vars, currentRoute, currentRouter, setURLVars } from './context.js';
export { corsMethodMiddleware } from './middleware.js';
export { ErrMethodMismatch, ErrNotFound, ErrMetadataKeyNotFound, SkipRouter, MuxError } from './errors.js';
export type { RedirectStatus } from './route-conf.js';
export type {
  BuildVarsFunc,
  ErrorHandler,
  Handler,
  HandlerFunc,
  HandlerObject,
  MatcherFunc,
  Middleware,
  RequestLike,
  RouterOptions,
  WalkFunc,
} from './types.js';
