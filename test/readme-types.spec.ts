// The README's TypeScript examples type-check against the library's declarations (strict, with
// noUncheckedIndexedAccess as `tsc --init` sets it): the typed-vars examples compile without `!` or casts.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('README examples type-check', function () {
  this.timeout(120_000);

  it('every ts example compiles with strict and noUncheckedIndexedAccess', async () => {
    const examples = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(examples.some((e) => e.includes('(req, res, v) =>'))).to.equal(true);
    // Inside the package, so that `from 'tsmux'` resolves to the library build's declarations.
    const dir = join(root, 'build', 'readme-types');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const files = examples.map((source, i) => {
      const file = join(dir, `example-${i + 1}.mts`);
      writeFileSync(file, `${source}\nexport {};\n`);
      return file;
    });
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--noUncheckedIndexedAccess', '--module', 'nodenext', '--target', 'es2022', '--lib', 'es2024', '--types', 'node', '--skipLibCheck', ...files];
    const result = await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: root }).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? String(err),
    );
    expect(result).to.equal('');
  });

  // Reported by a new user: `express.Router()` as a handler was a type error (an Express app was not), and
  // under `exactOptionalPropertyTypes` (a tsc --init default) `errorHandler` could not be cleared as the
  // notFound and methodNotAllowed handlers can.
  it('what users write with Express and tsc --init settings type-checks; a plain Connect middleware as a handler does not', async () => {
    const dir = join(root, 'build', 'consumer-types');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'consumer.mts');
    writeFileSync(
      file,
      `import express from 'express';
import { newRouter, type ConnectApp, type RouteHandler } from 'tsmux';
const r = newRouter();
r.errorHandler = (err, _req, res) => void res.end(String(err));
r.errorHandler = undefined;
r.notFoundHandler = undefined;
r.methodNotAllowedHandler = undefined;
r.pathPrefix('/legacy').handler(express());
r.pathPrefix('/routed').handler(express.Router());
r.handle('/mounted', express.Router()).methods('GET');
const app: ConnectApp = express.Router();
r.handle('/again', app);
// A value typed as either kind (a table of handlers).
const plainHandler: RouteHandler = (_req, res) => void res.end();
const table: (RouteHandler | ConnectApp)[] = [express.Router(), plainHandler];
for (const [i, h] of table.entries()) r.handle('/t' + i, h).methods('GET');
r.newRoute().handler(table[0]!);
// Handler functions keep their contextual types: the vars are typed from the template.
r.handle('/users/{id}', (req, res, v) => void res.end(req.url + v.id));
r.handleFunc('/teams/{team}', (_req, res, v) => void res.end(v.team));
// A plain (req, res, next) middleware is not an app: its next would be the vars (use fromConnect).
const plain = (_req: express.Request, _res: express.Response, next: express.NextFunction) => next();
// @ts-expect-error a Connect middleware is not a handler
r.handle('/plain', plain);
// @ts-expect-error nor anything else that is not one
r.handle('/number', 42);
export {};
`,
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--exactOptionalPropertyTypes', '--noUncheckedIndexedAccess', '--module', 'nodenext', '--target', 'es2022', '--lib', 'es2024', '--types', 'node', '--skipLibCheck', file];
    const result = await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: root }).then(
      () => '',
      (err: { stdout?: string }) => err.stdout ?? String(err),
    );
    expect(result).to.equal('');
  });
});
