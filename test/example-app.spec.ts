// The README's curl lines for `npm start`, checked against the example app.
import { expect } from 'chai';
import { buildApp } from '../examples/app.js';
import { withServer } from './server-helpers.js';

describe('Example app (README curl lines)', () => {
  it('answers as the README says', async () => {
    await withServer(buildApp(), async (s) => {
      expect(await (await s.fetch('/')).json()).to.deep.equal({ books: '/api/v1/books', book: '/api/v1/books/1', hello: '/static/hello.txt' });

      const books = (await (await s.fetch('/api/v1/books')).json()) as { id: number; url: string }[];
      expect(books.map((b) => b.url)).to.deep.equal(['/api/v1/books/1', '/api/v1/books/2']);

      expect(await (await s.fetch('/api/v1/books/2')).json()).to.include({ id: 2, title: 'Node.js Design Patterns' });
      expect((await s.fetch('/api/v1/books/99')).status).to.equal(404);
      expect((await s.fetch('/api/v1/books/abc')).status).to.equal(404);

      const slash = await s.fetch('/api/v1/books/1/');
      expect([slash.status, slash.headers.get('location')]).to.deep.equal([301, '/api/v1/books/1']);

      const del = await s.fetch('/api/v1/books/1', { method: 'DELETE' });
      expect([del.status, del.headers.get('allow')]).to.deep.equal([405, 'GET, OPTIONS']);

      const options = await s.fetch('/api/v1/books', { method: 'OPTIONS' });
      expect([options.status, options.headers.get('access-control-allow-methods')]).to.deep.equal([200, 'GET,OPTIONS,POST']);
      expect(options.headers.get('x-request-id')).to.match(/^\d+$/);
      // One counter for the app, across routes (reported from outside: it was one per route, so ids repeated).
      const ids: number[] = [];
      for (const path of ['/api/v1/books/1', '/api/v1/books', '/api/v1/books/1', '/api/v1/search?q=go']) ids.push(Number((await s.fetch(path)).headers.get('x-request-id')));
      expect(ids.slice(1).map((id, i) => id - ids[i]!), `ids ${ids.join(', ')}`).to.deep.equal([1, 1, 1]);

      const found = (await (await s.fetch('/api/v1/search?q=node')).json()) as { id: number }[];
      expect(found.map((b) => b.id)).to.deep.equal([2]);
      expect((await s.fetch('/api/v1/search')).status).to.equal(404);

      const created = await s.fetch('/api/v1/books', { method: 'POST', body: '{"title":"Gorilla","author":"Mux"}' });
      expect([created.status, created.headers.get('location')]).to.deep.equal([201, '/api/v1/books/3']);
      expect((await s.fetch('/api/v1/books', { method: 'POST', body: 'not json' })).status).to.equal(400);

      const admin = await s.raw('GET', '/', { host: 'admin.localhost' });
      expect(JSON.parse(admin.body)).to.deep.equal({ admin: true, books: 3 });

      expect(await (await s.fetch('/static/hello.txt')).text()).to.equal("Hello from tsmux's static files.\n");
      expect((await s.fetch('/static/missing.txt')).status).to.equal(404);

      for (const crash of ['/debug/crash', '/debug/crash-async']) {
        const res = await s.fetch(crash);
        expect([res.status, await res.text()]).to.deep.equal([500, '500 Internal Server Error\n']);
      }

      const cleaned = await s.raw('GET', '/api/v1/../v1/books');
      expect([cleaned.status, cleaned.headers.location]).to.deep.equal([301, '/api/v1/books']);
    });
  });
});
