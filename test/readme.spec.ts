// Runs every ```ts example of the README as a module; each checks its own results with node:assert.
import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('README examples', () => {
  it('has examples to run', () => expect(examples.length).to.be.greaterThan(5));

  examples.forEach((source, i) => {
    const firstLine = source.split('\n').find((l) => !l.startsWith('import') && l.trim() !== '') ?? '';
    it(`example ${i + 1}: ${firstLine.slice(0, 60)}`, async () => {
      const js = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      // Written inside the package so that `import ... from 'tsmux'` resolves to this build.
      const dir = join(root, 'build', 'readme');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `example-${i + 1}.mjs`);
      writeFileSync(file, js);
      await import(pathToFileURL(file).href + `?t=${Date.now()}`);
    });
  });
});
