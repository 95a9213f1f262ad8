// The package as users get it: `npm pack` (its prepack builds the library), the tarball installed into a
// fresh ESM project and a fresh CommonJS project, each run; the ESM project also type-checks the typed-vars
// example against the shipped declarations under `tsc --init` defaults. npm installs from its cache
// when it can (the dependencies are there after `npm ci`).
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** execFile that, when the command fails, says what it printed (tsc prints its errors on stdout). */
async function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; maxBuffer?: number }): Promise<{ stdout: string }> {
  try {
    return await execFileAsync(file, args, { encoding: 'utf8', ...options });
  } catch (err) {
    const e = err as { message: string; stdout?: string; stderr?: string };
    throw new Error(`${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`.slice(0, 4000), { cause: err });
  }
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

// The outer `npm test` passes its own settings down as npm_config_* variables; the nested npm commands
// keep only those that say where the cache and registry are.
const KEEP = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig', 'npm_config_globalconfig']);
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_') || KEEP.has(k.toLowerCase())));

async function npm(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env, maxBuffer: 16 << 20 });
  return stdout;
}

async function node(cwd: string, file: string): Promise<string> {
  const { stdout } = await run(process.execPath, [file], { cwd, env });
  return stdout;
}

function project(dir: string, type: 'module' | 'commonjs', files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `tsmux-${type}-check`, private: true, type }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

const SMOKE = `
const r = newRouter();
r.handleFunc('/users/{id:[0-9]+}', (req, res) => res.end('user ' + vars(req).id)).methods('GET').name('user');
const server = http.createServer(r.serveHTTP).listen(0, '127.0.0.1', async () => {
  const base = 'http://127.0.0.1:' + server.address().port;
  const ok = await fetch(base + '/users/42');
  const refused = await fetch(base + '/users/42', { method: 'POST' });
  console.log(JSON.stringify({
    body: await ok.text(), status: refused.status, allow: refused.headers.get('allow'),
    url: r.get('user').url({ id: '7' }).toString(), kind: typeof fromConnect,
  }));
  server.close();
});
`;
const EXPECTED = { body: 'user 42', status: 405, allow: 'GET', url: '/users/7', kind: 'function' };

describe('The packed package', function () {
  this.timeout(240_000);
  let tmp: string;
  let tarball: string;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'tsmux-pack-'));
    await npm(root, 'pack', '--pack-destination', tmp);
    const found = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (found === undefined) throw new Error(`npm pack left no tarball in ${tmp}`);
    tarball = join(tmp, found);
  });

  after(() => {
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  });

  it('ships the library build, declarations and the sources its maps point to; no tests', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball], { cwd: tmp });
    const files = stdout.split('\n').filter(Boolean);
    expect(files).to.include.members([
      'package/dist/index.js',
      'package/dist/index.d.ts',
      'package/dist/index.d.ts.map',
      'package/dist/index.js.map',
      'package/src/index.ts',
      'package/README.md',
      'package/CHANGELOG.md',
      'package/LICENSE',
    ]);
    expect(files.filter((f) => /^package\/(test|bench|examples|build)\//.test(f) || f.includes('/dist/test/'))).to.deep.equal([]);
    const dts = readFileSync(join(root, 'dist', 'route', 'route.d.ts'), 'utf8');
    expect(dts).to.not.match(/@internal|withConf|evaluate\(/);
  });

  it('the README names the runtime dependencies package.json has', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    const line = /Runtime dependencies?:([^.]*)\./.exec(readFileSync(join(root, 'README.md'), 'utf8').replace(/\n/g, ' '));
    const named = [...(line?.[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(named.sort()).to.deep.equal(Object.keys(pkg.dependencies ?? {}).sort());
  });

  it('installs into a fresh ESM project, runs, and type-checks the typed-vars example under tsc --init defaults', async () => {
    const dir = join(tmp, 'esm');
    const example = readFileSync(join(root, 'examples', 'typed-vars.ts'), 'utf8').replace("'../src/index.js'", "'tsmux'");
    expect(example).to.include("from 'tsmux'");
    project(dir, 'module', {
      'smoke.js': `import http from 'node:http';\nimport { newRouter, vars, fromConnect } from 'tsmux';\n${SMOKE}`,
      'app.ts': example,
    });
    await npm(dir, 'install', '--prefer-offline', '--no-package-lock', tarball);
    expect(JSON.parse(await node(dir, 'smoke.js'))).to.deep.equal(EXPECTED);

    // tsc --init's defaults, with @types/node as its generated comment says for Node.js.
    await run(process.execPath, [tsc, '--init'], { cwd: dir });
    const config = readFileSync(join(dir, 'tsconfig.json'), 'utf8').replace('"types": [],', '"types": ["node"],');
    expect(config).to.match(/"noUncheckedIndexedAccess": true/);
    writeFileSync(join(dir, 'tsconfig.json'), config);
    mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
    symlinkSync(join(root, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
    await run(process.execPath, [tsc, '-p', '.'], { cwd: dir });
    // The shipped declarations are sound on their own too (no skipLibCheck).
    await run(process.execPath, [tsc, '-p', '.', '--noEmit', '--skipLibCheck', 'false'], { cwd: dir });
    const out = (await node(dir, 'app.js')).split('\n');
    expect(out.slice(0, 2)).to.deep.equal(['http://acme.localhost/api/v2/books/42', '200 tenant=acme version=v2 book=42']);
  });

  it('installs into a fresh CommonJS project, where require("tsmux") works, from JavaScript and TypeScript', async () => {
    const dir = join(tmp, 'cjs');
    project(dir, 'commonjs', {
      'smoke.js': `const http = require('node:http');\nconst { newRouter, vars, fromConnect } = require('tsmux');\n${SMOKE}`,
    });
    await npm(dir, 'install', '--prefer-offline', '--no-package-lock', tarball);
    expect(JSON.parse(await node(dir, 'smoke.js'))).to.deep.equal(EXPECTED);
    // TypeScript compiling to CommonJS gets the typed vars too.
    writeFileSync(join(dir, 'typed.ts'), [
      "import { newRouter } from 'tsmux';",
      'const r = newRouter();',
      "const route = r.handleFunc('/a/{id:[0-9]+}', (_req, res, v) => void res.end(v.id.padStart(3, '0')));",
      "console.log(route.url({ id: '7' }).toString());",
    ].join('\n'));
    mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
    symlinkSync(join(root, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
    await run(process.execPath, [tsc, '--module', 'nodenext', '--strict', '--noUncheckedIndexedAccess', '--types', 'node', 'typed.ts'], { cwd: dir });
    expect(await node(dir, 'typed.js')).to.equal('/a/7\n');
  });

  // Found trying it as a user would before a release: npm builds a git dependency through its `prepare`
  // script only (not `prepack`), so `npm install github:…` gave a package without dist/ that no import
  // could load. (The committed state of this clone is what gets installed.)
  it('installs from git (npm install git+file://<clone>), which builds dist/ through prepare', async function () {
    if (!existsSync(join(root, '.git'))) this.skip();
    const dir = join(tmp, 'git');
    project(dir, 'module', { 'smoke.js': `import http from 'node:http';\nimport { newRouter, vars, fromConnect } from 'tsmux';\n${SMOKE}` });
    await npm(dir, 'install', '--prefer-offline', '--no-package-lock', `git+file://${root}`);
    expect(existsSync(join(dir, 'node_modules', 'tsmux', 'dist', 'index.js'))).to.equal(true);
    expect(JSON.parse(await node(dir, 'smoke.js'))).to.deep.equal(EXPECTED);
  });
});
