import { expect } from 'chai';
import { currentRoute, currentRouter, setURLVars, vars } from '../src/index.js';

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
});
