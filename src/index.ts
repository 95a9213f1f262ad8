export { Router, newRouter } from './router/router.js';
export { Route, type BuildArgs, type BuildValues, type BuildValuesOf } from './route/route.js';
export type { AllVarsOf, VarsOf, Simplify } from './template/template-vars.js';
export { expressPath, ExpressPath, type PathTemplate } from './template/express-path.js';
export { RouteMatch } from './route/route-match.js';
export { BuiltURL } from './url/built-url.js';
export { vars, currentRoute, currentRouter, setURLVars, allowedMethods } from './route/context.js';
export { fromConnect, type ConnectMiddleware } from './route/connect.js';
export { corsMethodMiddleware } from './serve/cors-method.js';
export { ErrMethodMismatch, ErrNotFound, ErrMetadataKeyNotFound, SkipRouter, MuxError } from './errors.js';
export type { RedirectStatus } from './route/route-conf.js';
export { toOpenAPI, type OpenAPIOptions, type OpenAPIServer, type OmittedRoute } from './introspect/openapi.js';
export type { RouteInfo, HeaderInfo } from './introspect/routes.js';
export type { Explanation, Outcome, TriedRoute } from './introspect/explain.js';
export type { Verdict, MatcherKind } from './introspect/verdicts.js';
export type {
  BuildVarsFunc,
  ConnectApp,
  ErrorHandler,
  Handler,
  HandlerFunc,
  HandlerObject,
  MatcherFunc,
  Middleware,
  NextFunction,
  RequestLike,
  RouteHandler,
  RouteHandlerFunc,
  RouterOptions,
  ServeRequest,
  ServeResponse,
  WalkFunc,
} from './types.js';
