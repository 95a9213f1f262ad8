// `npm run bench:types`: how long `tsc` takes to type-check an app of the GitHub API's 203 routes, each
// handler reading its typed vars, beside the same app with untyped (plain `string`) templates.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const routes = (JSON.parse(readFileSync(join(root, 'bench/data/go-routing-benchmark-routes.json'), 'utf8')) as Record<string, { method: string; gorilla: string }[]>).github!;
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dir = join(root, 'build', 'typecheck-bench');

function app(typed: boolean): string {
  const lines = routes.map((r) => {
    const names = [...r.gorilla.matchAll(/\{(\w+)/g)].map((m) => m[1]!);
    const tpl = typed ? `'${r.gorilla}'` : `'${r.gorilla}' as string`;
    // Typed vars are strings; untyped ones are `string | undefined` under noUncheckedIndexedAccess.
    const read = (n: string) => (typed ? `v.${n}` : `(v[${JSON.stringify(n)}] ?? '')`);
    const body = names.length > 0 ? names.map(read).join(' + ') : `'ok'`;
    return `r.handleFunc(${tpl}, (_req, res, v) => void res.end(String(${body}))).methods('${r.method}');`;
  });
  // The app imports the package by its name (the library build's declarations), as an app using it does.
  return [`import { newRouter } from 'tsmux';`, `const r = newRouter();`, ...lines, `export default r;`].join('\n');
}

function checkSeconds(file: string): { check: number; total: number } {
  let out: string;
  try {
    out = execFileSync(process.execPath, [tsc, '--noEmit', '--extendedDiagnostics', '--strict', '--noUncheckedIndexedAccess',
    '--module', 'nodenext', '--target', 'es2022', '--lib', 'es2024', '--skipLibCheck', '--types', 'node', join(dir, file)], { encoding: 'utf8', cwd: root });
  } catch (err) {
    const stdout = String((err as { stdout?: unknown }).stdout ?? '');
    throw new Error(`tsc failed on ${file}:\n${stdout.split('\n').slice(0, 10).join('\n')}`, { cause: err });
  }
  const total = /Total time:\s+([\d.]+)s/.exec(out);
  const check = /Check time:\s+([\d.]+)s/.exec(out);
  return { check: Number(check?.[1] ?? NaN), total: Number(total?.[1] ?? NaN) };
}

mkdirSync(dir, { recursive: true });
try {
  writeFileSync(join(dir, 'typed.ts'), app(true));
  writeFileSync(join(dir, 'untyped.ts'), app(false));
  const rounds = 3;
  const best = { typed: { check: Infinity, total: Infinity }, untyped: { check: Infinity, total: Infinity } };
  for (let i = 0; i < rounds; i++) {
    for (const kind of ['typed', 'untyped'] as const) {
      const t = checkSeconds(`${kind}.ts`);
      best[kind] = { check: Math.min(best[kind].check, t.check), total: Math.min(best[kind].total, t.total) };
    }
  }
  console.log(`### tsc on an app of ${routes.length} routes (GitHub API), best of ${rounds}\n`);
  console.log('| templates | check time | total tsc time |\n|---|---:|---:|');
  console.log(`| literal (typed vars) | ${best.typed.check.toFixed(2)} s | ${best.typed.total.toFixed(2)} s |`);
  console.log(`| plain string (untyped) | ${best.untyped.check.toFixed(2)} s | ${best.untyped.total.toFixed(2)} s |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
