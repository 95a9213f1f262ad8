// `npm run bench:hostile`: time to answer ever larger hostile inputs (query pairs, header size, path
// length), to check that the cost grows no faster than the input. Prints a table and exits non-zero when
// the time per input unit at the largest size is over 3× the time per unit at the smallest.
import { newRouter, RouteMatch, type RequestLike } from '../src/index.js';

const router = newRouter();
router.handleFunc('/search', () => undefined).queries('q', '{q:[a-z]+}');
router.handleFunc('/big', () => undefined).headersRegexp('X-Big', '^b+$');
router.pathPrefix('/files/').handlerFunc(() => undefined);

function timePerCall(req: RequestLike): number {
  const m = new RouteMatch();
  let runs = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < 200_000_000n) {
    for (let i = 0; i < 10; i++) {
      m.vars = {};
      router.match(req, m);
    }
    runs += 10;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / runs;
}

const series: [string, number[], (n: number) => RequestLike][] = [
  ['query pairs (key last)', [10, 100, 1000, 10_000], (n) => ({ method: 'GET', url: '/search?' + Array.from({ length: n - 1 }, (_, i) => `k${i}=v${i}`).join('&') + '&q=found', headers: {} })],
  ['header bytes', [1024, 8192, 65_536], (n) => ({ method: 'GET', url: '/big', headers: { 'x-big': 'b'.repeat(n) } })],
  ['path bytes', [256, 2048, 8192], (n) => ({ method: 'GET', url: '/files/' + 'a/'.repeat(n / 2), headers: {} })],
];

let failed = false;
console.log('| input | size | ns/call | ns per unit | vs smallest |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, sizes, make] of series) {
  let base = 0;
  for (const size of sizes) {
    const perUnit = timePerCall(make(size)) / size;
    base ||= perUnit;
    const ratio = perUnit / base;
    if (ratio > 3) failed = true;
    console.log(`| ${name} | ${size} | ${(perUnit * size).toFixed(0)} | ${perUnit.toFixed(2)} | ${ratio.toFixed(2)}× |`);
  }
}
if (failed) {
  console.log('FAILED: some cost grows faster than its input');
  process.exitCode = 1;
}
