// gorilla/mux's TestHost, TestPath, TestPathPrefix, TestSchemeHostPath, TestHeaders and TestMethods tables,
// re-expressed: each case matches a request against one route, then builds URLs back from the vars.
import { expect } from 'chai';
import { RouteMatch } from '../src/index.js';
import { req, reqHost, runCases } from './helpers.js';
import { describeEngines, R } from './engines.js';
// Every case runs on both dispatch engines: the route index and the plain in-order scan.
describeEngines('', () => {

describe('Route: host', () => {
  runCases([
    { title: 'literal host matches the absolute-form URL host', route: () => R().host('aaa.bbb.ccc'), request: req('GET', 'http://aaa.bbb.ccc/111/222/333'), match: true, host: 'aaa.bbb.ccc' },
    { title: 'literal host, other host', route: () => R().host('aaa.bbb.ccc'), request: req('GET', 'http://aaa.222.ccc/111/222/333'), match: false, hostTemplate: 'aaa.bbb.ccc' },
    { title: 'host with port matches the same port', route: () => R().host('aaa.bbb.ccc:1234'), request: req('GET', 'http://aaa.bbb.ccc:1234/111/222/333'), match: true, host: 'aaa.bbb.ccc:1234' },
    { title: 'host with port, other port', route: () => R().host('aaa.bbb.ccc:1234'), request: req('GET', 'http://aaa.bbb.ccc:9999/111/222/333'), match: false },
    { title: 'host from the Host header', route: () => R().host('aaa.bbb.ccc'), request: reqHost('GET', '/111/222/333', 'aaa.bbb.ccc'), match: true, host: 'aaa.bbb.ccc' },
    { title: 'Host header, other host', route: () => R().host('aaa.bbb.ccc'), request: reqHost('GET', '/111/222/333', 'aaa.222.ccc'), match: false },
    { title: 'host with port, Host header with that port', route: () => R().host('aaa.bbb.ccc:1234'), request: reqHost('GET', '/111/222/333', 'aaa.bbb.ccc:1234'), match: true, host: 'aaa.bbb.ccc:1234' },
    { title: 'host with port, Host header with other port', route: () => R().host('aaa.bbb.ccc:1234'), request: reqHost('GET', '/111/222/333', 'aaa.bbb.ccc:9999'), match: false },
    { title: 'variables in host and port', route: () => R().host('aaa.{v1:[a-z]{3}}.ccc:1{v2:(?:23|4)}'), request: reqHost('GET', '/111/222/333', 'aaa.bbb.ccc:123'), match: true, vars: { v1: 'bbb', v2: '23' }, host: 'aaa.bbb.ccc:123', hostTemplate: 'aaa.{v1:[a-z]{3}}.ccc:1{v2:(?:23|4)}' },
    { title: 'variable in host', route: () => R().host('aaa.{v1:[a-z]{3}}.ccc'), request: req('GET', 'http://aaa.bbb.ccc/111/222/333'), match: true, vars: { v1: 'bbb' }, host: 'aaa.bbb.ccc' },
    { title: 'variable with a non-capturing group', route: () => R().host('aaa.{v1:[a-z]{2}(?:b|c)}.ccc'), request: req('GET', 'http://aaa.bbb.ccc/111/222/333'), match: true, vars: { v1: 'bbb' }, host: 'aaa.bbb.ccc' },
    { title: 'variable in host, value does not fit', route: () => R().host('aaa.{v1:[a-z]{3}}.ccc'), request: req('GET', 'http://aaa.222.ccc/111/222/333'), match: false },
    { title: 'three host variables', route: () => R().host('{v1:[a-z]{3}}.{v2:[a-z]{3}}.{v3:[a-z]{3}}'), request: req('GET', 'http://aaa.bbb.ccc/111/222/333'), match: true, vars: { v1: 'aaa', v2: 'bbb', v3: 'ccc' }, host: 'aaa.bbb.ccc' },
    { title: 'three host variables, one does not fit', route: () => R().host('{v1:[a-z]{3}}.{v2:[a-z]{3}}.{v3:[a-z]{3}}'), request: req('GET', 'http://aaa.222.ccc/111/222/333'), match: false },
    { title: 'hyphenated variable name', route: () => R().host('aaa.{v-1:[a-z]{3}}.ccc'), request: req('GET', 'http://aaa.bbb.ccc/111/222/333'), match: true, vars: { 'v-1': 'bbb' }, host: 'aaa.bbb.ccc' },
    { title: 'hyphenated name with a non-capturing group', route: () => R().host('aaa.{v-1:[a-z]{2}(?:b|c)}.ccc'), request: req('GET', 'http://aaa.bbb.ccc/111/222/333'), match: true, vars: { 'v-1': 'bbb' }, host: 'aaa.bbb.ccc' },
    { title: 'three hyphenated names', route: () => R().host('{v-1:[a-z]{3}}.{v-2:[a-z]{3}}.{v-3:[a-z]{3}}'), request: req('GET', 'http://aaa.bbb.ccc/111/222/333'), match: true, vars: { 'v-1': 'aaa', 'v-2': 'bbb', 'v-3': 'ccc' }, host: 'aaa.bbb.ccc' },
    // Port rules (reference 2.3)
    { title: 'host without port ignores the request port', route: () => R().host('example.com'), request: reqHost('GET', '/', 'example.com:8080'), match: true, host: 'example.com' },
    { title: 'host with port needs the port', route: () => R().host('example.com:8080'), request: reqHost('GET', '/', 'example.com'), match: false },
    { title: '{port} variable captures the port', route: () => R().host('example.com:{port}'), request: reqHost('GET', '/', 'example.com:8080'), match: true, vars: { port: '8080' }, host: 'example.com:8080' },
    { title: 'default host pattern stops at dots', route: () => R().host('{h}'), request: reqHost('GET', '/', 'localhost:3000'), match: true, vars: { h: 'localhost' } },
    { title: 'default host pattern does not span a dot', route: () => R().host('{h}'), request: reqHost('GET', '/', 'a.b'), match: false },
    { title: 'host matching is case-sensitive', route: () => R().host('example.com'), request: reqHost('GET', '/', 'EXAMPLE.com'), match: false },
    { title: 'IPv6 host with brackets, port ignored', route: () => R().host('{h:\\[[0-9a-f:]+\\]}'), request: reqHost('GET', '/', '[::1]:8080'), match: false },
    { title: 'IPv6 literal template needs the exact host', route: () => R().host('[::1]:8080'), request: reqHost('GET', '/', '[::1]:8080'), match: true },
    { title: 'host from :authority when there is no Host', route: () => R().host('h2.example'), request: { method: 'GET', url: '/', headers: { ':authority': 'h2.example' } }, match: true },
    { title: 'absolute-form URL host wins over the Host header', route: () => R().host('proxy.example'), request: { method: 'GET', url: 'http://proxy.example/x', headers: { host: 'other.example' } }, match: true },
    { title: 'userinfo is not part of the host', route: () => R().host('example.com'), request: { method: 'GET', url: 'http://user:pw@example.com/x', headers: {} }, match: true },
  ]);

  it('strips the port of an IPv6 host when the template has no colon', () => {
    const route = R().host('{h}');
    const m = new RouteMatch();
    expect(route.match(reqHost('GET', '/', '[::1]:8080'), m)).to.equal(true);
    expect(m.vars).to.deep.equal({ h: '[::1]' });
  });
});

describe('Route: path', () => {
  runCases([
    { title: 'literal path', route: () => R().path('/111/222/333'), request: req('GET', 'http://localhost/111/222/333'), match: true, path: '/111/222/333' },
    { title: 'trailing slash in both', route: () => R().path('/111/'), request: req('GET', 'http://localhost/111/'), match: true, path: '/111/' },
    { title: 'trailing slash in template only', route: () => R().path('/111/'), request: req('GET', 'http://localhost/111'), match: false, pathTemplate: '/111/', pathRegexp: '^/111/$' },
    { title: 'trailing slash in request only', route: () => R().path('/111'), request: req('GET', 'http://localhost/111/'), match: false, pathTemplate: '/111' },
    { title: 'root, origin form', route: () => R().path('/'), request: req('GET', '/'), match: true, path: '/', pathTemplate: '/', pathRegexp: '^/$' },
    { title: 'other path', route: () => R().path('/111/222/333'), request: req('GET', 'http://localhost/1/2/3'), match: false },
    { title: 'variable with pattern', route: () => R().path('/111/{v1:[0-9]{3}}/333'), request: req('GET', 'http://localhost/111/222/333'), match: true, vars: { v1: '222' }, path: '/111/222/333', pathTemplate: '/111/{v1:[0-9]{3}}/333' },
    { title: 'variable with pattern, value does not fit', route: () => R().path('/111/{v1:[0-9]{3}}/333'), request: req('GET', 'http://localhost/111/aaa/333'), match: false, pathRegexp: '^/111/(?<v0>[0-9]{3})/333$' },
    { title: 'three variables', route: () => R().path('/{v1:[0-9]{3}}/{v2:[0-9]{3}}/{v3:[0-9]{3}}'), request: req('GET', 'http://localhost/111/222/333'), match: true, vars: { v1: '111', v2: '222', v3: '333' }, path: '/111/222/333', pathRegexp: '^/(?<v0>[0-9]{3})/(?<v1>[0-9]{3})/(?<v2>[0-9]{3})$' },
    { title: 'three variables, one does not fit', route: () => R().path('/{v1:[0-9]{3}}/{v2:[0-9]{3}}/{v3:[0-9]{3}}'), request: req('GET', 'http://localhost/111/aaa/333'), match: false },
    { title: 'alternation with a slash', route: () => R().path('/{category:a|(?:b/c)}/{product}/{id:[0-9]+}'), request: req('GET', 'http://localhost/a/product_name/1'), match: true, vars: { category: 'a', product: 'product_name', id: '1' }, path: '/a/product_name/1', pathRegexp: '^/(?<v0>a|(?:b/c))/(?<v1>[^/]+)/(?<v2>[0-9]+)$' },
    { title: 'hyphenated name', route: () => R().path('/111/{v-1:[0-9]{3}}/333'), request: req('GET', 'http://localhost/111/222/333'), match: true, vars: { 'v-1': '222' }, path: '/111/222/333' },
    { title: 'three hyphenated names', route: () => R().path('/{v-1:[0-9]{3}}/{v-2:[0-9]{3}}/{v-3:[0-9]{3}}'), request: req('GET', 'http://localhost/111/222/333'), match: true, vars: { 'v-1': '111', 'v-2': '222', 'v-3': '333' }, path: '/111/222/333' },
    { title: 'hyphenated names with alternation', route: () => R().path('/{product-category:a|(?:b/c)}/{product-name}/{product-id:[0-9]+}'), request: req('GET', 'http://localhost/a/product_name/1'), match: true, vars: { 'product-category': 'a', 'product-name': 'product_name', 'product-id': '1' }, path: '/a/product_name/1' },
    { title: 'case-insensitive group (?i:...)', route: () => R().path('/{type:(?i:daily|mini|variety)}-{date:\\d{4,4}-\\d{2,2}-\\d{2,2}}'), request: req('GET', 'http://localhost/daily-2016-01-01'), match: true, vars: { type: 'daily', date: '2016-01-01' }, path: '/daily-2016-01-01', pathTemplate: '/{type:(?i:daily|mini|variety)}-{date:\\d{4,4}-\\d{2,2}-\\d{2,2}}' },
    { title: 'case-insensitive group matches upper case', route: () => R().path('/{type:(?i:daily|mini|variety)}-{date:\\d{4,4}-\\d{2,2}-\\d{2,2}}'), request: req('GET', 'http://localhost/DaiLY-2016-01-01'), match: true, vars: { type: 'DaiLY', date: '2016-01-01' }, path: '/DaiLY-2016-01-01' },
    { title: 'empty match right after another match', route: () => R().path('/{v1:[0-9]*}{v2:[a-z]*}/{v3:[0-9]*}'), request: req('GET', 'http://localhost/111/222'), match: true, vars: { v1: '111', v2: '', v3: '222' }, path: '/111/222', pathRegexp: '^/(?<v0>[0-9]*)(?<v1>[a-z]*)/(?<v2>[0-9]*)$' },
    { title: 'unbracketed alternation, first branch', route: () => R().path('/{category:a|b/c}'), request: req('GET', 'http://localhost/a'), match: true, vars: { category: 'a' }, path: '/a' },
    { title: 'unbracketed alternation, branch with a slash', route: () => R().path('/{category:a|b/c}'), request: req('GET', 'http://localhost/b/c'), match: true, vars: { category: 'b/c' }, path: '/b/c' },
    { title: 'unbracketed alternation then more variables', route: () => R().path('/{category:a|b/c}/{product}/{id:[0-9]+}'), request: req('GET', 'http://localhost/a/product_name/1'), match: true, vars: { category: 'a', product: 'product_name', id: '1' }, path: '/a/product_name/1' },
    { title: 'unbracketed alternation with a slash then more variables', route: () => R().path('/{category:a|b/c}/{product}/{id:[0-9]+}'), request: req('GET', 'http://localhost/b/c/product_name/1'), match: true, vars: { category: 'b/c', product: 'product_name', id: '1' }, path: '/b/c/product_name/1' },
    // Reference 2.2 and 2.5
    { title: 'paths are case-sensitive', route: () => R().path('/a/{x}'), request: req('GET', '/A/b'), match: false },
    { title: 'the decoded path is matched: %2F splits segments', route: () => R().path('/a/{x}/{y}'), request: req('GET', '/a/b%2Fc'), match: true, vars: { x: 'b', y: 'c' } },
    { title: 'vars are decoded', route: () => R().path('/a/{x}'), request: req('GET', '/a/x%20y'), match: true, vars: { x: 'x y' }, path: '/a/x y' },
    { title: 'a pattern may span slashes', route: () => R().path('/files/{rest:.*}'), request: req('GET', '/files/a/b/c.txt'), match: true, vars: { rest: 'a/b/c.txt' } },
    { title: 'Path("") never matches a real path', route: () => R().path(''), request: req('GET', '/'), match: false },
    { title: 'Path("") matches an empty absolute-form path', route: () => R().path(''), request: req('GET', 'http://localhost?foo=bar'), match: true },
    { title: 'the query string is not part of the path', route: () => R().path('/search'), request: req('GET', '/search?q=1'), match: true },
    { title: 'Go-style \\pL letter class', route: () => R().path('/{name:\\pL+}'), request: req('GET', '/%C3%A9t%C3%A9'), match: true, vars: { name: 'été' } },
    // An assertion in a variable's pattern sees the whole path, not the variable's segment (gorilla: `^/(?P<v0>^a)$`).
    { title: 'assertion in a pattern: ^ does not hold after the leading slash', route: () => R().path('/{v:^a}'), request: req('GET', '/a'), match: false },
    { title: 'assertion in a pattern: (?m)^ does not hold after a slash', route: () => R().path('/{v:(?m)^a$}'), request: req('GET', '/a'), match: false },
    { title: 'assertion in a pattern: (?m)$ does not hold before a slash', route: () => R().path('/{v:(?m)a$}/b'), request: req('GET', '/a/b'), match: false },
    { title: 'assertion in a pattern: $ does not hold before a later segment', route: () => R().path('/{v:a$}/b'), request: req('GET', '/a/b'), match: false },
    { title: 'assertion in a pattern: $ holds at the end of the path', route: () => R().path('/x/{v:a$}'), request: req('GET', '/x/a'), match: true, vars: { v: 'a' } },
    { title: 'assertion in a pattern: \\b after text in the same segment is not a boundary', route: () => R().path('/x{v:\\ba}'), request: req('GET', '/xa'), match: false },
    { title: 'assertion in a pattern: \\b after a slash is a boundary', route: () => R().path('/{v:\\ba}/c'), request: req('GET', '/a/c'), match: true, vars: { v: 'a' } },
    { title: 'assertion in a pattern: ^ in a last variable spanning slashes', route: () => R().path('/s/{r:^.*}'), request: req('GET', '/s/x'), match: false },
    { title: 'assertion in a prefix pattern: ^ does not hold after a slash', route: () => R().pathPrefix('/p/{v:^a}'), request: req('GET', '/p/a/b'), match: false },
  ]);
});

describe('Route: pathPrefix', () => {
  runCases([
    { title: 'prefix', route: () => R().pathPrefix('/111'), request: req('GET', 'http://localhost/111/222/333'), match: true, path: '/111' },
    { title: 'prefix is a plain string prefix', route: () => R().pathPrefix('/1'), request: req('GET', 'http://localhost/111/222/333'), match: true, path: '/1' },
    { title: 'prefix, other path', route: () => R().pathPrefix('/111'), request: req('GET', 'http://localhost/1/2/3'), match: false },
    { title: 'prefix with variable', route: () => R().pathPrefix('/111/{v1:[0-9]{3}}'), request: req('GET', 'http://localhost/111/222/333'), match: true, vars: { v1: '222' }, path: '/111/222', pathTemplate: '/111/{v1:[0-9]{3}}' },
    { title: 'prefix with variable, value does not fit', route: () => R().pathPrefix('/111/{v1:[0-9]{3}}'), request: req('GET', 'http://localhost/111/aaa/333'), match: false },
    { title: 'prefix with two variables', route: () => R().pathPrefix('/{v1:[0-9]{3}}/{v2:[0-9]{3}}'), request: req('GET', 'http://localhost/111/222/333'), match: true, vars: { v1: '111', v2: '222' }, path: '/111/222' },
    { title: 'prefix with two variables, one does not fit', route: () => R().pathPrefix('/{v1:[0-9]{3}}/{v2:[0-9]{3}}'), request: req('GET', 'http://localhost/111/aaa/333'), match: false },
    { title: '/foo also matches /foobar', route: () => R().pathPrefix('/foo'), request: req('GET', '/foobar'), match: true },
    { title: 'prefix regexp has no end anchor', route: () => R().pathPrefix('/p/{id:[0-9]+}'), request: req('GET', '/p/12/x'), match: true, vars: { id: '12' }, pathRegexp: '^/p/(?<v0>[0-9]+)' },
  ]);
});

describe('Route: scheme, host and path together', () => {
  runCases([
    { title: 'host and path', route: () => R().host('aaa.bbb.ccc').path('/111/222/333'), request: req('GET', 'http://aaa.bbb.ccc/111/222/333'), match: true, scheme: 'http', host: 'aaa.bbb.ccc', path: '/111/222/333', pathTemplate: '/111/222/333', hostTemplate: 'aaa.bbb.ccc' },
    { title: 'scheme, host and path', route: () => R().schemes('https').host('aaa.bbb.ccc').path('/111/222/333'), request: req('GET', 'https://aaa.bbb.ccc/111/222/333'), match: true, scheme: 'https', host: 'aaa.bbb.ccc', path: '/111/222/333' },
    { title: 'host and path, other host', route: () => R().host('aaa.bbb.ccc').path('/111/222/333'), request: req('GET', 'http://aaa.222.ccc/111/222/333'), match: false },
    { title: 'host and path variables', route: () => R().host('aaa.{v1:[a-z]{3}}.ccc').path('/111/{v2:[0-9]{3}}/333'), request: req('GET', 'http://aaa.bbb.ccc/111/222/333'), match: true, vars: { v1: 'bbb', v2: '222' }, scheme: 'http', host: 'aaa.bbb.ccc', path: '/111/222/333' },
    { title: 'the first scheme builds URLs', route: () => R().schemes('ftp', 'ssss').host('aaa.{v1:[a-z]{3}}.ccc').path('/111/{v2:[0-9]{3}}/333'), request: req('GET', 'ssss://aaa.bbb.ccc/111/222/333'), match: true, vars: { v1: 'bbb', v2: '222' }, scheme: 'ftp', host: 'aaa.bbb.ccc', path: '/111/222/333' },
    { title: 'host and path variables, host does not fit', route: () => R().host('aaa.{v1:[a-z]{3}}.ccc').path('/111/{v2:[0-9]{3}}/333'), request: req('GET', 'http://aaa.222.ccc/111/222/333'), match: false },
    { title: 'six variables', route: () => R().host('{v1:[a-z]{3}}.{v2:[a-z]{3}}.{v3:[a-z]{3}}').path('/{v4:[0-9]{3}}/{v5:[0-9]{3}}/{v6:[0-9]{3}}'), request: req('GET', 'http://aaa.bbb.ccc/111/222/333'), match: true, vars: { v1: 'aaa', v2: 'bbb', v3: 'ccc', v4: '111', v5: '222', v6: '333' }, scheme: 'http', host: 'aaa.bbb.ccc', path: '/111/222/333' },
    { title: 'six variables, host does not fit', route: () => R().host('{v1:[a-z]{3}}.{v2:[a-z]{3}}.{v3:[a-z]{3}}').path('/{v4:[0-9]{3}}/{v5:[0-9]{3}}/{v6:[0-9]{3}}'), request: req('GET', 'http://aaa.222.ccc/111/222/333'), match: false },
  ]);
});

describe('Route: headers and headersRegexp', () => {
  runCases([
    { title: 'all headers equal', route: () => R().headers('foo', 'bar', 'baz', 'ding'), request: req('GET', 'http://localhost', { foo: 'bar', baz: 'ding' }), match: true },
    { title: 'one header differs', route: () => R().headers('foo', 'bar', 'baz', 'ding'), request: req('GET', 'http://localhost', { foo: 'bar', baz: 'dong' }), match: false },
    { title: 'regexp does not match', route: () => R().headersRegexp('foo', 'ba[zr]'), request: req('GET', 'http://localhost', { foo: 'baw' }), match: false },
    { title: 'regexp matches', route: () => R().headersRegexp('foo', 'ba[zr]'), request: req('GET', 'http://localhost', { foo: 'baz' }), match: true },
    { title: 'empty value means present', route: () => R().headers('X-Requested-With', ''), request: req('GET', '/', { 'x-requested-with': '' }), match: true },
    { title: 'empty value, header absent', route: () => R().headers('X-Requested-With', ''), request: req('GET', '/'), match: false },
    { title: 'names are case-insensitive, values are not', route: () => R().headers('Content-Type', 'application/json'), request: req('GET', '/', { 'content-type': 'Application/JSON' }), match: false },
    { title: 'regexp is unanchored', route: () => R().headersRegexp('Content-Type', 'html'), request: req('GET', '/', { 'content-type': 'text/html' }), match: true },
    { title: 'anchored regexp for an exact match', route: () => R().headersRegexp('Origin', '^https://example\\.(?:com|org)$'), request: req('GET', '/', { origin: 'https://example.com.evil' }), match: false },
    { title: 'two keys differing in case must both match', route: () => R().headers('a', '1', 'A', '2'), request: req('GET', '/', { a: '1' }), match: false },
    { title: 'a repeated header matches any of its values', route: () => R().headers('X-Tag', 'b'), request: { method: 'GET', url: '/', headers: { 'x-tag': 'a, b' }, headersDistinct: { 'x-tag': ['a', 'b'] } } as never, match: true },
  ]);
});

describe('Route: methods and schemes', () => {
  runCases([
    { title: 'GET of GET, POST', route: () => R().methods('GET', 'POST'), request: req('GET', 'http://localhost'), match: true, methods: ['GET', 'POST'] },
    { title: 'POST of GET, POST', route: () => R().methods('GET', 'POST'), request: req('POST', 'http://localhost'), match: true, methods: ['GET', 'POST'] },
    { title: 'PUT is not GET, POST', route: () => R().methods('GET', 'POST'), request: req('PUT', 'http://localhost'), match: false, methods: ['GET', 'POST'] },
    { title: 'a route without methods matches any', route: () => R(), request: req('PUT', 'http://localhost'), match: true, methods: [] },
    { title: 'registered methods are upper-cased', route: () => R().methods('get'), request: req('GET', '/'), match: true, methods: ['GET'] },
    { title: 'request method is compared exactly', route: () => R().methods('GET'), request: req('get', '/'), match: false },
    { title: 'HEAD is not implied by GET', route: () => R().methods('GET'), request: req('HEAD', '/'), match: false },
    { title: 'methods() with no argument never matches', route: () => R().methods(), request: req('GET', '/'), match: false },
    // gorilla's TestSchemes
    { title: 'no schemes() builds http', route: () => R().host('localhost'), request: req('GET', 'http://localhost'), match: true, scheme: 'http', host: 'localhost' },
    { title: 'https of https, ftp; builds https', route: () => R().schemes('https', 'ftp').host('localhost'), request: req('GET', 'https://localhost'), match: true, scheme: 'https', host: 'localhost' },
    { title: 'ftp of https, ftp; builds https', route: () => R().schemes('https', 'ftp').host('localhost'), request: req('GET', 'ftp://localhost'), match: true, scheme: 'https', host: 'localhost' },
    { title: 'ftp of ftp, https; builds ftp', route: () => R().schemes('ftp', 'https').host('localhost'), request: req('GET', 'ftp://localhost'), match: true, scheme: 'ftp', host: 'localhost' },
    { title: 'http is not https or ftp', route: () => R().schemes('https', 'ftp').host('localhost'), request: req('GET', 'http://localhost'), match: false },
    { title: 'registered schemes are lower-cased', route: () => R().schemes('HTTPS').host('localhost'), request: req('GET', 'https://localhost'), match: true, scheme: 'https', host: 'localhost' },
    { title: 'the absolute-form scheme is read case-insensitively', route: () => R().schemes('https'), request: req('GET', 'HTTPS://localhost/'), match: true },
    { title: 'an encrypted socket means https', route: () => R().schemes('https'), request: { method: 'GET', url: '/', headers: {}, socket: { encrypted: true } }, match: true },
    { title: 'X-Forwarded-Proto is ignored', route: () => R().schemes('https'), request: req('GET', '/', { 'x-forwarded-proto': 'https' }), match: false },
  ]);

  it('builds URLs with the first scheme, relative when there is no host', () => {
    expect(R().schemes('https').path('/x').url().toString()).to.equal('/x');
    expect(R().schemes('https').host('h.example').path('/x').url().toString()).to.equal('https://h.example/x');
  });
});
});
