// End to end: requests per second over node:http on loopback (autocannon) for bare node:http, tsmux,
// find-my-way and express, on a static and a parametric route. Each server runs in its own process.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const kinds = ['node:http', 'tsmux', 'find-my-way', 'express'] as const;

export async function endToEnd(seconds: number): Promise<void> {
  console.log(`\n### End to end: requests/s over node:http on loopback (autocannon, 10 connections, ${seconds} s each)\n`);
  console.log('| server | static `/user` | parametric `/user/:id` | vs find-my-way |\n|---|---:|---:|---:|');
  const rows: [string, number, number][] = [];
  for (const kind of kinds) {
    const child = fork(fileURLToPath(new URL('./e2e-server.js', import.meta.url)), [kind], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const port = await new Promise<number>((ok) => child.once('message', (m) => ok(m as number)));
    const rps = async (path: string, expect: string) => {
      const check = await (await fetch(`http://127.0.0.1:${port}${path}`)).text();
      if (check !== expect) throw new Error(`${kind} answered ${JSON.stringify(check)} for ${path}`);
      const r = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: 10, duration: seconds });
      return r.requests.average;
    };
    rows.push([kind, await rps('/user', 'user'), await rps('/user/42', 'user 42')]);
    child.kill();
  }
  const base = rows.find((r) => r[0] === 'find-my-way')!;
  for (const [kind, s, p] of rows) {
    console.log(`| ${kind} | ${Math.round(s)} | ${Math.round(p)} | ${(s / base[1]).toFixed(2)}× / ${(p / base[2]).toFixed(2)}× |`);
  }
}
