// The example app's introspection: its route table, an explanation and its OpenAPI document, as the
// README shows them; `/openapi.json`; and the debug page the README's curl line asks for.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '@readme/openapi-parser';
import { toOpenAPI } from '../src/index.js';
import { buildApp } from '../examples/app.js';
import { withServer } from './server-helpers.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The fenced block that follows an `<!-- example-app: ... -->` marker in the README. */
function block(marker: string): string {
  const m = new RegExp(`<!-- example-app: ${marker} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!m) throw new Error(`README has no block marked "${marker}"`);
  return m[1]!;
}

describe('Example app introspection (README)', () => {
  it("the README's route table is the one printRoutes() prints", () => {
    expect(block('printRoutes')).to.equal(buildApp().printRoutes());
  });

  it("the README's explanation is the one explain() gives", () => {
    const e = buildApp().explain({ method: 'GET', url: '/api/v1/books/abc', headers: { host: 'localhost:8080' } });
    expect(block('explain GET /api/v1/books/abc')).to.equal(e.toString());
  });

  it("the README's OpenAPI excerpt is the app's document, cut down to one path", () => {
    const doc = toOpenAPI(buildApp(), { info: { title: 'tsmux bookshop', version: '1.0.0' } }) as Record<string, unknown> & { paths: Record<string, unknown> };
    const excerpt = { ...doc, paths: { '/api/v1/books/{id}': doc.paths['/api/v1/books/{id}'] } };
    expect(JSON.parse(block('openapi, one path'))).to.deep.equal(excerpt);
  });

  it('serves its OpenAPI document at /openapi.json', async () => {
    await withServer(buildApp(), async (s) => {
      const res = await s.fetch('/openapi.json');
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/json; charset=utf-8');
      const doc = (await res.json()) as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).to.include('/api/v1/books/{id}');
      expect((await validate(doc as never)).valid).to.equal(true);
    });
  });

  it("with debug on, the README's curl line shows why each route failed", async () => {
    await withServer(buildApp({ debug: true }), async (s) => {
      const page = await s.fetch('/api/v1/nope', { headers: { accept: 'text/html' } });
      expect(page.status).to.equal(404);
      const html = await page.text();
      expect(html.match(/<tr class="route /g)).to.have.length(buildApp().explain({ method: 'GET', url: '/api/v1/nope', headers: {} }).tried.length);
      expect(html).to.contain('✗ path: &#34;/api/v1/books/{id:[0-9]+}&#34; vs &#34;/api/v1/nope&#34;: the text differs at &#34;nope&#34;');
      expect(html).to.contain('✗ queries: &#34;q={q}&#34; vs (no &#34;q&#34; in the query)');
      const text = await (await s.fetch('/api/v1/nope')).text();
      expect(text).to.contain('NO path: "/api/v1/search" vs "/api/v1/nope": the text differs at "nope"');
    });
    await withServer(buildApp(), async (s) => {
      expect(await (await s.fetch('/api/v1/nope', { headers: { accept: 'text/html' } })).text()).to.equal('404 page not found\n');
    });
  });
});
