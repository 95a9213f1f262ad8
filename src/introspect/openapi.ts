// toOpenAPI(router, { info }): an OpenAPI 3.1 document of a router's routes. What a route requires maps
// onto OpenAPI's terms; what OpenAPI cannot say is listed under `x-tsmux-omitted` with the reason.
import type { Router } from '../router/router.js';
import { toJs } from '../template/linear.js';
import { parsePattern, respell } from '../template/pattern.js';
import { quoteMeta, type RouteRegexp, type TemplatePiece } from '../template/template.js';
import { type RouteInfo, routeInfos } from './routes.js';

/** An OpenAPI server object: where the API is served, with variables for a host template's. */
export interface OpenAPIServer {
  /** The server's URL; `{name}` parts are variables. */
  url: string;
  /** What the server is. */
  description?: string;
  /** The variables of `url`, by name. */
  variables?: Record<
    string,
    {
      /** The value used when none is given. */
      default: string;
      /** The values allowed, when they are few. */
      enum?: string[];
      /** What the variable is. */
      description?: string;
    }
  >;
}

/** What `toOpenAPI` needs besides the router: the document's `info`, and its servers. */
export interface OpenAPIOptions {
  /** The document's `info` object: `title` and `version` are required by OpenAPI. */
  info: {
    /** The API's title. */
    title: string;
    /** The API's version (not OpenAPI's). */
    version: string;
    [key: string]: unknown;
  };
  /** Where the API is served; a route with a host template gets servers of its own. */
  servers?: OpenAPIServer[];
}

type JSONObject = Record<string, unknown>;

/** A route the document leaves out, and why. */
export interface OmittedRoute {
  /** The route's methods, when it has some. */
  methods?: string[];
  /** The route's host template. */
  host?: string;
  /** The route's path template. */
  path?: string;
  /** The route's path-prefix template. */
  pathPrefix?: string;
  /** The route's name. */
  name?: string;
  /** Why OpenAPI cannot express the route. */
  reason: string;
}

// The operations OpenAPI 3.1 has fixed fields for.
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The router's routes as an OpenAPI 3.1 document. */
export function toOpenAPI(router: Router, options: OpenAPIOptions): JSONObject {
  const paths: Record<string, Record<string, JSONObject>> = {};
  // Path templates that differ only in variable names are the same path to OpenAPI.
  const shapes = new Map<string, string>();
  const operationIds = new Set<string>();
  const omitted: OmittedRoute[] = [];
  const omit = (info: RouteInfo, reason: string, methods = info.methods) => {
    const o: Partial<OmittedRoute> = {};
    if (methods !== undefined) o.methods = methods;
    for (const k of ['host', 'path', 'pathPrefix', 'name'] as const) if (info[k] !== undefined) o[k] = info[k];
    omitted.push({ ...o, reason });
  };

  const infos = routeInfos(router);
  // Every operationId is unique: a route's name is its first operation's, and the id made for another of
  // its methods (`name_post`) never takes the name of another route (`a` with GET and POST, then a route
  // named `a_post`, left the second without one).
  const names = new Set(infos.map((i) => i.name).filter((n): n is string => n !== undefined));
  const operationId = (id: string, ownName: boolean) => {
    let unique = id;
    for (let n = 2; operationIds.has(unique) || (!ownName && names.has(unique)); n++) unique = `${id}_${n}`;
    operationIds.add(unique);
    return unique;
  };

  for (const info of infos) {
    const { route } = info;
    // A route that opens a subrouter is described by the subrouter's routes.
    if (info.hasSubrouter) continue;
    if (info.buildOnly) { omit(info, 'build-only: the route builds URLs and never matches'); continue; }
    if (route.getHandler() === undefined) { omit(info, 'the route has no handler'); continue; }
    if (info.hasCustomMatcher) { omit(info, 'a custom matcher (matcherFunc) decides what it matches'); continue; }
    if (info.pathPrefix !== undefined) { omit(info, 'a pathPrefix matches every path below it, which OpenAPI paths cannot express'); continue; }
    const rr = route.conf.path;
    if (rr === undefined || info.path === undefined) { omit(info, 'the route has no path template, so it matches any path'); continue; }
    const converted = openAPIPath(rr);
    if (typeof converted === 'string') { omit(info, converted); continue; }
    const { key, params } = converted;
    const shape = key.replace(/\{[^}]*\}/g, '{}');
    const sameShape = shapes.get(shape);
    if (sameShape !== undefined && sameShape !== key) { omit(info, `OpenAPI takes it for the same path as ${sameShape} (only the variable names differ)`); continue; }
    shapes.set(shape, key);

    if (info.methods !== undefined && info.methods.length === 0) { omit(info, 'the route accepts no method'); continue; }
    const wanted = info.methods?.map((m) => m.toLowerCase()) ?? METHODS;
    const methods = wanted.filter((m) => METHODS.includes(m));
    const unknown = wanted.filter((m) => !METHODS.includes(m));
    if (unknown.length > 0) omit(info, 'OpenAPI 3.1 has no operation for these methods', unknown.map((m) => m.toUpperCase()));

    const headers = headerParameters(info);
    // OpenAPI ignores a header parameter named Accept, Content-Type or Authorization (it describes them
    // otherwise): such a condition is kept in an extension instead, as schemes without a host are.
    const reserved = headers.filter((h) => RESERVED_HEADERS.has((h.name as string).toLowerCase()));
    const parameters = [...params, ...queryParameters(route.conf.queries ?? []), ...headers.filter((h) => !reserved.includes(h))];
    const item = (paths[key] ??= {});
    for (const method of methods) {
      if (item[method] !== undefined) {
        omit(info, `${method.toUpperCase()} ${key} is described by an earlier route (OpenAPI has one operation per path and method)`, [method.toUpperCase()]);
        continue;
      }
      const op: JSONObject = {};
      copyMetadata(route.getMetadata(), op);
      if (info.name !== undefined) {
        // The route's first method takes its name; any other method adds its own to it.
        op.operationId = method === methods[0] ? operationId(info.name, true) : operationId(`${info.name}_${method}`, false);
      }
      if (parameters.length > 0) op.parameters = parameters;
      if (route.conf.host) op.servers = hostServers(route.conf.host, info.schemes);
      else if (info.schemes) op['x-tsmux-schemes'] = info.schemes;
      if (reserved.length > 0) op['x-tsmux-headers'] = reserved;
      op.responses = { default: { description: "The route's handler answers." } };
      item[method] = op;
    }
    if (Object.keys(item).length === 0) delete paths[key];
  }

  const doc: JSONObject = { openapi: '3.1.0', info: options.info };
  if (options.servers !== undefined) doc.servers = options.servers;
  doc.paths = paths;
  if (omitted.length > 0) doc['x-tsmux-omitted'] = omitted;
  return doc;
}

/** A JSON Schema string whose whole value matches a template variable's pattern. */
function patternSchema(pattern: string): JSONObject {
  const js = jsPattern(pattern);
  if (js === undefined) return { type: 'string', description: `matches the RE2 pattern ${pattern}` };
  return { type: 'string', pattern: `^(?:${js})$` };
}

/**
 * A variable's pattern (RE2 syntax, as templates take it) in the ECMAScript syntax JSON Schema uses, with
 * RE2's meaning: as written where JavaScript reads it alike, with `.` and `\s` spelled out (JavaScript's
 * stop at more line ends, and its `\s` is Unicode's). Undefined for a pattern with flag groups such as
 * `(?i)`, which JSON Schema tools cannot be relied on to read.
 */
export function jsPattern(pattern: string): string | undefined {
  if (/\(\?[a-zA-Z-]+[:)]/.test(pattern)) return undefined;
  const src = respell(pattern);
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      i++;
      if (n === 's') out += inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]';
      else if (n === 'S' && !inClass) out += '[^\\t\\n\\f\\r ]';
      // A negated class inside a class has no short spelling: the exact form, every range written out.
      else if (n === 'S') return toJs(parsePattern(pattern));
      else out += c + n;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '.') {
      out += '[^\\n]';
    } else {
      out += c;
    }
  }
  return out;
}

// `/users/{id:[0-9]+}` -> `/users/{id}` and its parameters; or why it cannot be converted.
function openAPIPath(rr: RouteRegexp): { key: string; params: JSONObject[] } | string {
  if (!rr.template.startsWith('/')) return 'the path template does not start with a slash';
  let key = '';
  const params: JSONObject[] = [];
  for (const p of rr.pieces) {
    if ('group' in p) return 'the path has an optional part, which OpenAPI paths cannot express';
    if ('text' in p) {
      if (/[{}]/.test(p.text)) return 'the path has a literal brace, which OpenAPI reads as a variable';
      key += p.text;
    } else {
      key += `{${p.name}}`;
      params.push({ name: p.name, in: 'path', required: true, schema: patternSchema(p.pattern) });
    }
  }
  // A strict-slash template keeps its trailing slash in the template, not in the pieces.
  if (rr.template.endsWith('/') && !key.endsWith('/')) key += '/';
  return { key, params };
}

function queryParameters(queries: readonly RouteRegexp[]): JSONObject[] {
  const out: JSONObject[] = [];
  const seen = new Set<string>();
  for (const q of queries) {
    const name = q.queryKey;
    if (seen.has(name)) continue;
    seen.add(name);
    const value = valuePieces(q.pieces, name.length + 1);
    out.push({ name, in: 'query', required: true, schema: valueSchema(value) });
  }
  return out;
}

// The pieces of a `key=value` template after its first `skip` characters (the key and `=`).
function valuePieces(pieces: readonly TemplatePiece[], skip: number): TemplatePiece[] {
  const out: TemplatePiece[] = [];
  for (const p of pieces) {
    if (skip > 0 && 'text' in p) {
      const rest = p.text.slice(skip);
      skip = Math.max(0, skip - p.text.length);
      if (rest !== '') out.push({ text: rest });
    } else {
      out.push(p);
    }
  }
  return out;
}

function valueSchema(pieces: readonly TemplatePiece[]): JSONObject {
  if (pieces.length === 0) return { type: 'string' };
  if (pieces.every((p) => 'text' in p)) return { type: 'string', const: pieces.map((p) => (p as { text: string }).text).join('') };
  let source = '';
  for (const p of pieces) {
    if ('text' in p) source += quoteMeta(p.text);
    else if ('name' in p) {
      const js = jsPattern(p.pattern);
      if (js === undefined) return { type: 'string', description: `matches the RE2 pattern of a template value` };
      source += `(?:${js})`;
    }
  }
  return { type: 'string', pattern: `^${source}$` };
}

const RESERVED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

function headerParameters(info: RouteInfo): JSONObject[] {
  const out: JSONObject[] = [];
  const seen = new Set<string>();
  for (const h of info.headers ?? []) {
    const key = h.name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const schema: JSONObject = { type: 'string' };
    if (h.regexp) {
      // (Unanchored, as JSON Schema reads a pattern: a header's value matches where the pattern is found.)
      const js = jsPattern(h.value);
      if (js !== undefined) schema.pattern = js;
      else schema.description = `matches the RE2 pattern ${h.value}`;
    } else if (h.value !== '') schema.const = h.value;
    out.push({ name: h.name, in: 'header', required: true, schema });
  }
  return out;
}

// `{sub}.example.com` -> `https://{sub}.example.com`, its variable described by its pattern.
function hostServers(host: RouteRegexp, schemes: string[] | undefined): OpenAPIServer[] {
  let url = '';
  const variables: NonNullable<OpenAPIServer['variables']> = {};
  for (const p of host.pieces) {
    if ('text' in p) url += p.text;
    else if ('name' in p) {
      url += `{${p.name}}`;
      variables[p.name] = { default: p.name, description: `matches ${p.pattern}` };
    }
  }
  return (schemes ?? ['https', 'http']).map((scheme) => {
    const server: OpenAPIServer = { url: `${scheme}://${url}` };
    if (Object.keys(variables).length > 0) server.variables = variables;
    return server;
  });
}

function copyMetadata(meta: Map<unknown, unknown>, op: JSONObject): void {
  const summary = meta.get('summary');
  const description = meta.get('description');
  const tags = meta.get('tags');
  const deprecated = meta.get('deprecated');
  if (typeof summary === 'string') op.summary = summary;
  if (typeof description === 'string') op.description = description;
  if (Array.isArray(tags) && tags.every((t) => typeof t === 'string')) op.tags = [...tags];
  else if (typeof tags === 'string') op.tags = [tags];
  if (typeof deprecated === 'boolean') op.deprecated = deprecated;
}
