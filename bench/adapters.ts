// One adapter per router: build a route table, look a request up. `find` is what is timed; `decode`
// turns its result into (route id, params) so that every adapter is checked before it is timed.
import KoaRouter from '@koa/router';
import FindMyWay from 'find-my-way';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { addRoute, createRouter, findRoute } from 'rou3';
import Router from 'router';
import { newRouter, RouteMatch, type HandlerFunc } from '../src/index.js';

/** A route in find-my-way syntax (`:name`, trailing `*`), with its tsmux template. */
export interface BenchRoute {
  method: string;
  path: string;
  gorilla: string;
}

export interface Found {
  id: number;
  params: Record<string, string>;
}

export interface Built {
  find(method: string, path: string): unknown;
  decode(result: unknown): Found | undefined;
}

export interface Adapter {
  name: string;
  build(routes: readonly BenchRoute[]): Built;
}

const toP2R = (p: string) => p.replace(/\*$/, '*splat');
const toRou3 = (p: string) => p.replace(/\*$/, '**:splat');
const EMPTY_HEADERS = Object.freeze({}) as Record<string, string>;

export const tsmux: Adapter = {
  name: 'tsmux',
  build(routes) {
    const r = newRouter();
    const ids = new Map<unknown, number>();
    routes.forEach((route, id) => {
      const h: HandlerFunc = () => id;
      ids.set(h, id);
      r.handleFunc(route.gorilla, h).methods(route.method);
    });
    return {
      find(method, path) {
        const m = new RouteMatch();
        return r.match({ method, url: path, headers: EMPTY_HEADERS }, m) ? m : undefined;
      },
      decode(result) {
        const m = result as RouteMatch | undefined;
        return m && { id: ids.get(m.handler)!, params: m.vars };
      },
    };
  },
};

export const findMyWay: Adapter = {
  name: 'find-my-way',
  build(routes) {
    const r = FindMyWay();
    routes.forEach((route, id) => r.on(route.method as 'GET', route.path, () => id));
    return {
      find: (method, path) => r.find(method as 'GET', path),
      decode(result) {
        const f = result as { handler: () => number; params: Record<string, string> } | null;
        return f ? { id: f.handler(), params: f.params } : undefined;
      },
    };
  },
};

export const honoRegExp: Adapter = {
  name: 'hono RegExpRouter',
  build(routes) {
    const r = new RegExpRouter<number>();
    routes.forEach((route, id) => r.add(route.method, route.path, id));
    return {
      find: (method, path) => r.match(method, path),
      decode(result) {
        const [handlers, stash] = result as [[number, Record<string, number>][], string[] | undefined];
        if (!handlers || handlers.length === 0) return undefined;
        const [id, indexes] = handlers[0]!;
        const params: Record<string, string> = {};
        for (const [k, i] of Object.entries(indexes)) params[k] = stash![i]!;
        return { id, params };
      },
    };
  },
};

export const rou3: Adapter = {
  name: 'rou3',
  build(routes) {
    const r = createRouter<number>();
    routes.forEach((route, id) => addRoute(r, route.method, toRou3(route.path), id));
    return {
      find: (method, path) => findRoute(r, method, path),
      decode(result) {
        const f = result as { data: number; params?: Record<string, string> } | undefined;
        return f && { id: f.data, params: { ...f.params } };
      },
    };
  },
};

export const koaRouter: Adapter = {
  name: '@koa/router',
  build(routes) {
    const r = new KoaRouter();
    const ids = new Map<unknown, number>();
    routes.forEach((route, id) => {
      r.register(toP2R(route.path), [route.method], () => id);
      ids.set(r.stack[r.stack.length - 1], id);
    });
    return {
      find(method, path) {
        const layer = r.match(path, method).pathAndMethod.at(-1);
        return layer && [layer, layer.params(path, layer.captures(path), {})];
      },
      decode(result) {
        if (!result) return undefined;
        const [layer, params] = result as [unknown, Record<string, string>];
        return { id: ids.get(layer)!, params };
      },
    };
  },
};

export const expressRouter: Adapter = {
  name: 'express 5 router (handling)',
  build(routes) {
    const r = new Router();
    let found: Found | undefined;
    routes.forEach((route, id) => {
      (r.route(toP2R(route.path)) as unknown as Record<string, (h: (req: { params: Record<string, string> }) => void) => void>)[route.method.toLowerCase()]!((req) => {
        found = { id, params: { ...req.params } };
      });
    });
    const res = {};
    const done = () => undefined;
    return {
      find(method, path) {
        found = undefined;
        r.handle({ method, url: path } as never, res as never, done);
        return found;
      },
      decode: (result) => result as Found | undefined,
    };
  },
};

export const peers: Adapter[] = [tsmux, findMyWay, honoRegExp, rou3, koaRouter, expressRouter];
