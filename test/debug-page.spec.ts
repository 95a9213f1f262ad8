// newRouter({ debug: true }): the default 404 and 405 answers carry the explanation, escaped.
import { expect } from 'chai';
import { newRouter, type RequestLike } from '../src/index.js';
import { explanationHTML } from '../src/introspect/debug-page.js';
import { describeEngines } from './engines.js';
import { served } from './fake-response.js';

const ok = () => undefined;
const MARKUP = `<script>window.__pwned=1</script><img src=x onerror="alert(1)">'&`;

describeEngines('debug pages', (make) => {
  function app(debug: boolean) {
    const r = make({ debug });
    r.handleFunc('/users/{id:[0-9]+}', ok).methods('GET', 'PUT').name('user');
    r.handleFunc('/search', ok).queries('q', '{q:[0-9]+}').headers('X-Token', 'secret');
    r.host('admin.example').subrouter().handleFunc('/', ok);
    return r;
  }
  const get = (url: string, headers: Record<string, string> = {}, method = 'GET'): RequestLike => ({
    method,
    url,
    headers: { host: 'localhost', ...headers },
  });

  it('is off by default: 404 and 405 keep their plain answers', async () => {
    const r = app(false);
    const nf = await served(r, get('/nope', { accept: 'text/html' }));
    expect(nf.status).to.equal(404);
    expect(nf.body).to.equal('404 page not found\n');
    const mna = await served(r, get('/users/1', { accept: 'text/html' }, 'POST'));
    expect(mna.status).to.equal(405);
    expect(mna.body).to.equal('');
    expect(newRouter().conf.options.debug).to.equal(false);
  });

  it('runs a custom matcher once for the dispatch and once for the explanation (not a third time)', async () => {
    const r = make({ debug: true });
    let calls = 0;
    r.handleFunc('/counted', ok).matcherFunc(() => (calls++, false));
    const res = await served(r, get('/counted'));
    expect(res.status).to.equal(404);
    expect(calls).to.equal(2);
  });

  it('answers a 404 with the explanation as text when the request does not accept HTML', async () => {
    const res = await served(app(true), get('/users/abc', { accept: '*/*' }));
    expect(res.status).to.equal(404);
    expect(res.headers['content-type']).to.equal('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.body).to.match(/^404 page not found\n\nGET "http:\/\/localhost\/users\/abc"\n=> 404 Not Found/);
    expect(res.body).to.contain('NO path: "/users/{id:[0-9]+}" vs "/users/abc": var id "abc" does not match [0-9]+');
  });

  it('answers a 405 with its Allow header and the explanation as an HTML table', async () => {
    const res = await served(app(true), get('/users/7', { accept: 'text/html,application/xhtml+xml;q=0.9' }, 'DELETE'));
    expect(res.status).to.equal(405);
    expect(res.headers.allow).to.equal('GET, PUT');
    expect(res.headers['content-type']).to.equal('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).to.contain("default-src 'none'");
    expect(res.body).to.contain('<table id="routes">');
    expect(res.body).to.contain('<li class="verdict fail" data-kind="methods">✗ methods: GET,PUT vs DELETE</li>');
    expect(res.body).to.contain('<p id="allow">Allow: <code>GET, PUT</code></p>');
  });

  it('takes text/html with q=0 as not accepted', async () => {
    const res = await served(app(true), get('/nope', { accept: 'text/html;q=0, text/plain' }));
    expect(res.headers['content-type']).to.equal('text/plain; charset=utf-8');
  });

  it('escapes markup from the path, the query and the headers', async () => {
    const q = encodeURIComponent(MARKUP);
    const res = await served(app(true), get(`/search/${q}?q=${q}`, { accept: 'text/html', 'x-token': MARKUP }));
    expect(res.status).to.equal(404);
    expect(res.body).not.to.match(/<script|<img|onerror="/i);
    expect(res.body).to.contain('&#60;script&#62;window.__pwned=1&#60;/script&#62;');
    const plain = await served(app(true), get(`/search?q=${q}`, { accept: 'text/html', 'x-token': MARKUP }));
    expect(plain.body).not.to.match(/<script|<img/i);
    expect(plain.body).to.contain('X-Token=&#34;secret&#34; vs &#34;&#60;script&#62;');
    expect(plain.body).to.contain('queries: &#34;q={q:[0-9]+}&#34; vs &#34;q=');
  });

  it('escapes markup from the host', async () => {
    const r = app(true);
    const e = r.explain({ method: 'GET', url: '/nope', headers: { host: MARKUP } });
    const html = explanationHTML(e, '404 page not found');
    expect(html).not.to.match(/<script|<img/i);
    expect(html).to.contain('http://&#60;script&#62;window.__pwned=1&#60;/script&#62;');
    // A host that is a valid reg-name can still carry HTML's own special characters.
    const res = await served(r, get('/nope', { accept: 'text/html', host: "a'b&c" }));
    expect(res.body).to.contain('http://a&#39;b&#38;c/nope');
    expect(res.body).to.contain('host: &#34;admin.example&#34; vs &#34;a&#39;b&#38;c&#34;');
  });

  it('leaves a custom notFoundHandler and methodNotAllowedHandler in charge', async () => {
    const r = app(true);
    r.notFoundHandler = (_q, s) => void s.end('mine');
    r.methodNotAllowedHandler = (_q, s) => void s.end('mine too');
    expect((await served(r, get('/nope', { accept: 'text/html' }))).body).to.equal('mine');
    expect((await served(r, get('/users/1', {}, 'POST'))).body).to.equal('mine too');
  });
});
