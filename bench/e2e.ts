// End to end: requests per second over node:http on loopback (autocannon) for bare node:http, tsmux,
// find-my-way and express, on a static and a parametric route. Each server runs in its own process.
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const kinds = ['node:http', 'tsmux', 'find-my-way', 'express'] as const;

// Each server is warmed up (1 s per route) before it is measured, and measured in three rounds, the second
// in reverse order; the best round is kept, so a noisy neighbour on the machine hurts every server alike.
export async function endToEnd(seconds: number): Promise<void> {
  console.log(`\n### End to end: requests/s over node:http on loopback (autocannon, 10 connections, ${seconds} s each, best of 3 rounds)\n`);
  console.log('| server | static `/user` | parametric `/user/:id` | vs find-my-way |\n|---|---:|---:|---:|');
  const best = new Map<string, [number, number]>(kinds.map((k) => [k, [0, 0]]));
  for (const order of [[...kinds], [...kinds].reverse(), [...kinds]]) {
    for (const kind of order) {
      const [s, p] = await measure(kind, seconds);
      const b = best.get(kind)!;
      best.set(kind, [Math.max(b[0], s), Math.max(b[1], p)]);
    }
  }
  const base = best.get('find-my-way')!;
  for (const [kind, [s, p]] of best) {
    console.log(`| ${kind} | ${Math.round(s)} | ${Math.round(p)} | ${(s / base[0]).toFixed(2)}× / ${(p / base[1]).toFixed(2)}× |`);
  }
  await scaling(seconds);
}

// tsmux with node:cluster, as `WORKERS=n npm start` runs: one worker, then one per core. autocannon runs
// in this process and takes a core of its own, so on a small machine the gain is bounded by that.
export async function scaling(seconds: number): Promise<void> {
  const cores = availableParallelism();
  console.log(`\n### tsmux on node:cluster: requests/s with 1 worker and with ${cores} (one per core; autocannon, 10 connections, ${seconds} s each, best of 2)\n`);
  console.log('| workers | static `/user` | parametric `/user/:id` |\n|---:|---:|---:|');
  for (const workers of [...new Set([1, cores])]) {
    let best: [number, number] = [0, 0];
    for (let round = 0; round < 2; round++) {
      const [s, p] = await measure('tsmux', seconds, workers);
      best = [Math.max(best[0], s), Math.max(best[1], p)];
    }
    console.log(`| ${workers} | ${Math.round(best[0])} | ${Math.round(best[1])} |`);
  }
}

// Requests per second of one server on the static and the parametric route.
async function measure(kind: string, seconds: number, workers = 1): Promise<[number, number]> {
  const child = fork(fileURLToPath(new URL('./e2e-server.js', import.meta.url)), [kind, String(workers)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((ok) => child.once('message', (m) => ok(m as number)));
    const rps = async (path: string, expect: string) => {
      const url = `http://127.0.0.1:${port}${path}`;
      const check = await (await fetch(url)).text();
      if (check !== expect) throw new Error(`${kind} answered ${JSON.stringify(check)} for ${path}`);
      await autocannon({ url, connections: 10, duration: 1 });
      return (await autocannon({ url, connections: 10, duration: seconds })).requests.average;
    };
    return [await rps('/user', 'user'), await rps('/user/42', 'user 42')];
  } finally {
    child.kill();
  }
}
