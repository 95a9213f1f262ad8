import { expect } from 'chai';
import { RequestView } from '../src/matchers/request-view.js';

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
