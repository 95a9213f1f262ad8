import { expect } from 'chai';
import { RequestView } from '../src/matchers/request-view.js';
import { ErrNotFound, RouteMatch, type RequestLike } from '../src/index.js';
import { describeEngines } from './engines.js';

describe('RequestView: what matching reads from a request', () => {
  it('origin form: path, query, host from the Host header, http', () => {
    const v = new RequestView({ method: 'GET', url: '/a%20b?x=1&y', headers: { host: 'h:81' } });
    expect([v.rawPath, v.path, v.rawQuery, v.host, v.scheme, v.absolute]).to.deep.equal(['/a%20b', '/a b', 'x=1&y', 'h:81', 'http', false]);
  });

  it('absolute form: scheme and host from the URL, userinfo dropped, scheme lower-cased', () => {
    const v = new RequestView({ method: 'GET', url: 'HTTPS://u:p@Example.com:8443/p?q', headers: { host: 'other' } });
    expect([v.scheme, v.host, v.path, v.rawQuery, v.absolute]).to.deep.equal(['https', 'Example.com:8443', '/p', 'q', true]);
  });

  it('absolute form without a path has an empty path', () => {
    const v = new RequestView({ method: 'GET', url: 'http://localhost?foo=bar', headers: {} });
    expect([v.path, v.rawQuery]).to.deep.equal(['', 'foo=bar']);
  });

  it('https from an encrypted socket; :authority when there is no Host', () => {
    const v = new RequestView({ url: '/', headers: { ':authority': 'h2.example' }, socket: { encrypted: true } });
    expect([v.method, v.scheme, v.host]).to.deep.equal(['GET', 'https', 'h2.example']);
  });

  it('a malformed encoding is flagged and the raw path kept', () => {
    const v = new RequestView({ method: 'GET', url: '/a%zz', headers: {} });
    expect([v.malformed, v.path]).to.deep.equal([true, '/a%zz']);
  });

  it('headers are looked up case-insensitively; repeated headers keep their values apart', () => {
    const plain = new RequestView({ url: '/', headers: { 'X-Mixed': 'a' } });
    expect(plain.headerValues('x-mixed')).to.deep.equal(['a']);
    expect(plain.headerValues('absent')).to.equal(undefined);
    const node = new RequestView({ url: '/', headers: { 'x-tag': 'a, b' }, headersDistinct: { 'x-tag': ['a', 'b'] } } as never);
    expect(node.headerValues('X-Tag')).to.deep.equal(['a', 'b']);
  });

  it('hostIsValid checks Host and :authority however the view was read first (the headers are read once for both)', () => {
    const authority = new RequestView({ url: '/', headers: { host: 'ok.example', ':authority': 'a/b' } });
    expect([authority.host, authority.hostIsValid]).to.deep.equal(['ok.example', false]);
    // The target parsed first (as serveHTTP does) sets the absolute form's host before the headers are read.
    const absolute = new RequestView({ url: 'http://ok.example/', headers: { host: 'a/b' } });
    expect([absolute.malformed, absolute.hostIsValid, absolute.host]).to.deep.equal([false, false, 'ok.example']);
    const same = new RequestView({ url: '/', headers: { host: ['ok.example', 'a/b'] } });
    expect([same.hostIsValid, same.host]).to.deep.equal([true, 'ok.example']);
  });
});

describeEngines('Odd request objects given to match() and explain()', (make) => {
  it('a url that is not a string matches nothing and throws nothing (it is read as a malformed target)', () => {
    const r = make();
    r.handleFunc('/a', () => undefined);
    r.host('{h}.example.com').path('/b').handlerFunc(() => undefined);
    r.handleFunc('/d', () => undefined).schemes('https');
    for (const url of [42, { toString: () => '/a' }, ['/a']]) {
      const req = { method: 'GET', url, headers: { host: 'x.example.com' } } as unknown as RequestLike;
      const m = new RouteMatch();
      expect(r.match(req, m), String(url)).to.equal(false);
      expect(m.matchErr).to.equal(ErrNotFound);
      expect(r.explain(req).outcome).to.equal('badRequest');
    }
  });

  it('a header inherited from the headers object\'s prototype is not a header of the request', () => {
    const r = make();
    r.handleFunc('/c', () => undefined).headers('X-Y', '1');
    const inherited = Object.create({ 'x-y': '1', 'X-Y': '1' }) as Record<string, string>;
    expect(r.match({ method: 'GET', url: '/c', headers: inherited }, new RouteMatch())).to.equal(false);
    expect(r.match({ method: 'GET', url: '/c', headers: Object.assign(Object.create(inherited) as object, { 'X-y': '1' }) }, new RouteMatch())).to.equal(true);
  });
});
