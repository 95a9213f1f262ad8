import { expect } from 'chai';
import { currentRoute, currentRouter, newRouter, setURLVars, vars } from '../src/index.js';

describe('Request context', () => {
  it('vars() is {} for a request the router never saw', () => {
    expect(vars({})).to.deep.equal({});
    expect(currentRoute({})).to.equal(undefined);
    expect(currentRouter({})).to.equal(undefined);
  });

  it('setURLVars sets vars for testing a handler (ExampleSetURLVars), without visible properties', () => {
    const req = { method: 'GET', url: '/foo', headers: {} };
    const same = setURLVars(req, { foo: 'bar' });
    expect(same).to.equal(req);
    expect(vars(req).foo).to.equal('bar');
    expect(Object.keys(req)).to.deep.equal(['method', 'url', 'headers']);
    expect(JSON.stringify(req)).to.equal('{"method":"GET","url":"/foo","headers":{}}');
    const frozen = Object.freeze({ url: '/' });
    expect(vars(setURLVars(frozen, { a: '1' }))).to.deep.equal({ a: '1' });
  });

  it('serveHTTP records vars, route and router on a new request, a frozen one, one set by setURLVars, and one served again', async () => {
    const r = newRouter();
    const seen: unknown[] = [];
    const route = r.handleFunc('/users/{id}', (req) => void seen.push([vars(req), currentRoute(req), currentRouter(req)]));
    const res = { statusCode: 200, setHeader: () => undefined, end: () => undefined } as never;
    const fresh = { method: 'GET', url: '/users/1', headers: {} };
    const frozen = Object.freeze({ method: 'GET', url: '/users/2', headers: {} });
    const preset = setURLVars({ method: 'GET', url: '/users/3', headers: {} }, { x: 'y' });
    for (const req of [fresh, frozen, preset]) await r.serveHTTP(req as never, res);
    fresh.url = '/users/4';
    await r.serveHTTP(fresh as never, res);
    expect(seen).to.deep.equal([1, 2, 3, 4].map((id) => [{ id: String(id) }, route, r]));
    expect([vars(fresh), vars(frozen), vars(preset)]).to.deep.equal([{ id: '4' }, { id: '2' }, { id: '3' }]);
    expect(Object.keys(fresh)).to.deep.equal(['method', 'url', 'headers']);
  });
});
