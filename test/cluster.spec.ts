// `WORKERS=n npm start`: the example server runs n worker processes on one port (node:cluster), replaces
// one that dies, and stops them all on SIGTERM.
import { expect } from 'chai';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const server = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'examples', 'server.js');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as { port: number };
  await new Promise((ok) => s.close(ok));
  return port;
}

/** The pids of a process's node children running the example server (its workers). */
function children(pid: number): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes('examples/server.js')).map((l) => Number.parseInt(l.trim(), 10));
}

async function until<T>(what: string, f: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await f();
    if (v !== undefined) return v;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function exited(p: ChildProcess): Promise<number | null> {
  return p.exitCode !== null ? Promise.resolve(p.exitCode) : new Promise((ok) => p.once('exit', (code) => ok(code)));
}

describe('Example server with WORKERS (node:cluster)', function () {
  this.timeout(30000);

  it('serves from n workers, replaces a worker that dies, and stops them all on SIGTERM', async () => {
    const port = await freePort();
    const primary = spawn(process.execPath, [server], { env: { ...process.env, PORT: String(port), WORKERS: '2' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    primary.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    primary.stderr!.resume();
    try {
      // The banner may arrive in several chunks: wait for its last part.
      await until('the banner', () => (stdout.includes('Try:') ? true : undefined));
      expect(stdout).to.include(`listening on http://localhost:${port} (2 worker processes)`);
      // The route table is printed once, by the primary process.
      expect(stdout.match(/^METHODS +HOST +PATH/gm)).to.have.length(1);
      const workers = children(primary.pid!);
      expect(workers).to.have.length(2);
      for (let i = 0; i < 4; i++) expect((await fetch(`http://127.0.0.1:${port}/api/v1/books/1`)).status).to.equal(200);

      process.kill(workers[0]!, 'SIGKILL');
      const replaced = await until('a replacement worker', () => {
        const now = children(primary.pid!);
        return now.length === 2 && !now.includes(workers[0]!) ? now : undefined;
      });
      expect(replaced).to.include(workers[1]!);
      await until('the replacement to serve', async () => ((await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined))?.status === 200 ? true : undefined));

      primary.kill('SIGTERM');
      expect(await exited(primary)).to.equal(0);
      await until('the workers to stop', () => (replaced.every((pid) => !alive(pid)) ? true : undefined));
    } finally {
      primary.kill('SIGKILL');
    }
  });

  it('refuses a WORKERS value that is not a count', async () => {
    const p = spawn(process.execPath, [server], { env: { ...process.env, PORT: '0', WORKERS: 'many' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await exited(p)).to.not.equal(0);
    expect(stderr).to.include('WORKERS must be a positive integer or "auto", got "many"');
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
