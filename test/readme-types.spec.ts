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
});
