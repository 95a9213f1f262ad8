// A small bookshop API on tsmux: a host-based admin subrouter, an /api/v1 subrouter with middleware and
// CORS, path variables with patterns, a static-files prefix, and named routes whose URLs appear in responses.
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  corsMethodMiddleware,
  currentRouter,
  newRouter,
  toOpenAPI,
  vars,
  type HandlerFunc,
  type Middleware,
  type Router,
  type RouterOptions,
} from '../src/index.js';

interface Book {
  id: number;
  title: string;
  author: string;
}

const STATIC_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../examples/public');
const TYPES: Record<string, string> = { '.txt': 'text/plain; charset=utf-8', '.html': 'text/html; charset=utf-8' };

function sendJSON(res: Parameters<HandlerFunc>[1], status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body) + '\n');
}

async function readBody(req: Parameters<HandlerFunc>[0]): Promise<string> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 64 * 1024) throw new Error('body too large');
  }
  return body;
}

/**
 * Adds `X-Request-Id` to every API answer: a middleware that runs only for matched API routes. The
 * counter is the app's, outside the middleware: its outer `(next) => …` runs once per route (the chain
 * is composed once per route), so a counter there would number each route's requests on their own.
 */
function requestIds(): Middleware {
  let counter = 0;
  return (next) => (req, res) => {
    res.setHeader('X-Request-Id', String(++counter));
    return next(req, res);
  };
}

/** The app's router; `options` are the router's (the server passes `debug` from DEBUG_ROUTES). */
export function buildApp(options: RouterOptions = {}): Router {
  const books: Book[] = [
    { id: 1, title: 'The Go Programming Language', author: 'Donovan & Kernighan' },
    { id: 2, title: 'Node.js Design Patterns', author: 'Casciaro & Mammino' },
  ];
  const r = newRouter(options).strictSlash(true);

  // Requests to admin.localhost go to their own subrouter.
  const admin = r.host('admin.localhost').subrouter();
  admin.handleFunc('/', (_req, res) => sendJSON(res, 200, { admin: true, books: books.length })).methods('GET');

  r.handleFunc('/', (req, res) => {
    const router = currentRouter(req)!;
    sendJSON(res, 200, {
      books: router.get('books')!.url().toString(),
      book: router.get('book')!.url({ id: '1' }).toString(),
      hello: router.get('static')!.url({ file: 'hello.txt' }).toString(),
    });
  }).methods('GET').name('home');

  const api = r.pathPrefix('/api/v1').subrouter();
  api.use(requestIds(), corsMethodMiddleware(api));

  api.handleFunc('/books', (req, res) => {
    const router = currentRouter(req)!;
    const list = books.map((b) => ({ ...b, url: router.get('book')!.url({ id: String(b.id) }).toString() }));
    sendJSON(res, 200, list);
  }).methods('GET', 'OPTIONS').name('books').metadata('summary', 'List the books').metadata('tags', ['books']);

  api.handleFunc('/books', async (req, res) => {
    let input: Partial<Book>;
    try {
      input = JSON.parse(await readBody(req)) as Partial<Book>;
    } catch {
      return sendJSON(res, 400, { error: 'body must be JSON' });
    }
    if (typeof input.title !== 'string' || typeof input.author !== 'string') {
      return sendJSON(res, 400, { error: 'title and author are required' });
    }
    const book = { id: books.length + 1, title: input.title, author: input.author };
    books.push(book);
    const location = currentRouter(req)!.get('book')!.url({ id: String(book.id) }).toString();
    res.setHeader('Location', location);
    sendJSON(res, 201, { ...book, url: location });
  }).methods('POST').name('addBook').metadata('summary', 'Add a book').metadata('tags', ['books']);

  api.handleFunc('/books/{id:[0-9]+}', (req, res) => {
    const book = books.find((b) => b.id === Number(vars(req).id));
    if (!book) return sendJSON(res, 404, { error: `no book ${vars(req).id}` });
    sendJSON(res, 200, book);
  }).methods('GET', 'OPTIONS').name('book').metadata('summary', 'One book').metadata('tags', ['books']);

  api.handleFunc('/search', (req, res) => {
    const q = vars(req).q!.toLowerCase();
    sendJSON(res, 200, books.filter((b) => b.title.toLowerCase().includes(q)));
  }).methods('GET').queries('q', '{q}').name('search').metadata('summary', 'Books whose title contains q');

  // The API described as OpenAPI 3.1, from the routes themselves.
  r.handleFunc('/openapi.json', (req, res) => {
    sendJSON(res, 200, toOpenAPI(currentRouter(req)!, { info: { title: 'tsmux bookshop', version: '1.0.0' } }));
  }).methods('GET').name('openapi');

  r.pathPrefix('/static/').handlerFunc(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = join(STATIC_DIR, path.slice('/static/'.length));
    // The router has already cleaned `..` away; this keeps the guard local to the file server too.
    if (!file.startsWith(STATIC_DIR + sep)) return sendJSON(res, 404, { error: 'not found' });
    try {
      const data = await readFile(file);
      res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      res.end(data);
    } catch {
      res.statusCode = 404;
      res.end('404 page not found\n');
    }
  }).methods('GET', 'HEAD');
  // Handlers that fail: tsmux answers 500 and the server keeps serving (the soak test drives these).
  r.handleFunc('/debug/crash', () => {
    throw new Error('a handler bug');
  });
  r.handleFunc('/debug/crash-async', async () => {
    await Promise.resolve();
    throw new Error('an async handler bug');
  });

  // Build-only: names the static URL shape without taking requests itself.
  r.path('/static/{file}').buildOnly().name('static');

  return r;
}
