// `npm run soak [-- --seconds N]`: starts the example server, drives it with autocannon on loopback with a
// mix of valid, 404, 405, redirecting, malformed and failing requests, and fails unless the process
// stays up, every response has the expected status, none is left unfinished (no errors, no timeouts),
// and RSS after the run stays within the stated bound of RSS after warm-up.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const argSeconds = process.argv.indexOf('--seconds');
const seconds = Number(argSeconds > 0 ? process.argv[argSeconds + 1] : (process.env.SOAK_SECONDS ?? 30));
const warmupSeconds = Math.max(2, Math.min(5, Math.round(seconds / 5)));
// Bound: RSS after the run ≤ 1.5 × RSS after warm-up + 32 MiB (room for heap growth the GC has not returned).
const rssBound = (warm: number) => warm * 1.5 + 32 * 1024 * 1024;

interface Kind {
  name: string;
  method: string;
  path: string;
  status: number;
}
const kinds: Kind[] = [
  { name: 'valid list', method: 'GET', path: '/api/v1/books', status: 200 },
  { name: 'valid item', method: 'GET', path: '/api/v1/books/2', status: 200 },
  { name: 'valid query', method: 'GET', path: '/api/v1/search?q=node', status: 200 },
  { name: 'not found', method: 'GET', path: '/nope', status: 404 },
  { name: 'method not allowed', method: 'DELETE', path: '/api/v1/books/1', status: 405 },
  { name: 'strict-slash redirect', method: 'GET', path: '/api/v1/books/1/', status: 301 },
  { name: 'clean-path redirect', method: 'GET', path: '//api/v1/books', status: 301 },
  { name: 'malformed encoding', method: 'GET', path: '/api/v1/%zz', status: 400 },
  { name: 'throwing handler', method: 'GET', path: '/debug/crash', status: 500 },
  { name: 'rejecting handler', method: 'GET', path: '/debug/crash-async', status: 500 },
];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const { port } = s.address() as { port: number };
  await new Promise((ok) => s.close(ok));
  return port;
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) * 1024;
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

async function drive(port: number, duration: number, counts: Map<string, { ok: number; wrong: number }>) {
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 10,
    duration,
    requests: kinds.map((k) => ({
      method: k.method as 'GET',
      path: k.path,
      onResponse: (status: number) => {
        const c = counts.get(k.name)!;
        if (status === k.status) c.ok++;
        else c.wrong++;
      },
    })),
  });
}

async function main(): Promise<void> {
  const port = await freePort();
  const server = spawn(process.execPath, [fileURLToPath(new URL('../examples/server.js', import.meta.url))], {
    env: { ...process.env, PORT: String(port) },
    // stderr is piped: the failing handlers' errors are logged there with their stacks, thousands of
    // times; the soak keeps the first one and counts the lines.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let firstError = '';
  let errorLines = 0;
  server.stderr!.on('data', (d: Buffer) => {
    const text = d.toString();
    if (firstError.length < 2000) firstError += text.slice(0, 2000 - firstError.length);
    errorLines += text.split('\n').filter((l) => l.startsWith('tsmux: error serving')).length;
  });
  let exited: string | undefined;
  server.on('exit', (code, signal) => (exited = `exit code ${code}, signal ${signal}`));
  await new Promise<void>((ok, fail) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes('listening') && ok());
    server.on('exit', () => fail(new Error('the example server exited before listening')));
  });
  server.stdout!.resume();

  const fresh = () => new Map(kinds.map((k) => [k.name, { ok: 0, wrong: 0 }]));
  await drive(port, warmupSeconds, fresh());
  const rssWarm = rssOf(server.pid!);

  const counts = fresh();
  const result = await drive(port, seconds, counts);
  const rssAfter = exited ? 0 : rssOf(server.pid!);
  const alive = !exited && (await fetch(`http://127.0.0.1:${port}/`)).status === 200;
  server.kill();

  const answered = [...counts.values()].reduce((n, c) => n + c.ok + c.wrong, 0);
  const wrong = [...counts.values()].reduce((n, c) => n + c.wrong, 0);
  console.log(`soak: ${seconds} s after ${warmupSeconds} s warm-up, ${answered} requests answered (${Math.round(answered / seconds)}/s)`);
  for (const [name, c] of counts) console.log(`  ${name.padEnd(22)} ${String(c.ok).padStart(8)} as expected, ${c.wrong} not`);
  console.log(`  connection errors ${result.errors}, timeouts ${result.timeouts}, resets ${result.resets}`);
  console.log(`  ${errorLines} errors logged to the server's stderr; the first:\n    ${firstError.split('\n').slice(0, 3).join('\n    ')}`);
  console.log(`  RSS after warm-up ${mib(rssWarm)}, after the run ${mib(rssAfter)} (bound ${mib(rssBound(rssWarm))})`);

  const failures: string[] = [];
  if (!alive) failures.push(`the server is not up after the run (${exited ?? 'not answering'})`);
  if (wrong > 0) failures.push(`${wrong} responses had an unexpected status`);
  if (result.errors > 0 || result.timeouts > 0) failures.push('some requests got no complete response');
  if (answered === 0) failures.push('no request was answered');
  if (rssAfter > rssBound(rssWarm)) failures.push('RSS grew past the bound');
  if (failures.length > 0) {
    console.log(`soak FAILED: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log('soak passed');
  }
}

await main();
