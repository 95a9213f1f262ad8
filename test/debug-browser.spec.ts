// The debug 404/405 page as a person sees it, in Debian's chromium (headless), driven by puppeteer-core:
// the table of routes, the failing matcher highlighted, and markup from the request shown as text,
// never run. The page's Content-Security-Policy is bypassed so that the escaping alone is tested.
import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { describeEngines } from './engines.js';
import { TestServer } from './server-helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MARKUP = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
const ok = () => undefined;

// The page's globals that the checks below read inside the browser (the project compiles without the DOM library).
interface PageElement {
  innerText: string;
  textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getBoundingClientRect(): { width: number; height: number };
}
declare const document: { querySelector(selector: string): PageElement; querySelectorAll(selector: string): ArrayLike<PageElement> };
declare const window: { __pwned?: number };
declare function getComputedStyle(element: PageElement): { backgroundColor: string; fontWeight: string };

describe('debug page in a browser', function () {
  this.timeout(60000);
  let browser: Browser | undefined;
  let profile: string | undefined;

  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
    profile = mkdtempSync(join(tmpdir(), 'tsmux-chromium-'));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir: profile,
      // Flags for a sandboxed, offline machine: no background connections, no GPU, no sandbox as root.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  describeEngines('shows', (make) => {
    it('the routes tried, the failing matcher highlighted, and the request markup as inert text', async () => {
      const r = make({ debug: true });
      r.handleFunc('/users/{id:[0-9]+}', ok).methods('GET').name('user');
      const api = r.pathPrefix('/api').subrouter();
      api.handleFunc('/search', ok).headers('X-Token', 'secret');
      const server = await TestServer.start(r);
      const page = await browser!.newPage();
      try {
        await page.setBypassCSP(true);
        const dialogs: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await page.setExtraHTTPHeaders({ 'X-Token': MARKUP });
        const res = await page.goto(`${server.base}/api/search?q=${encodeURIComponent(MARKUP)}`);
        expect(res?.status()).to.equal(404);

        const seen = await page.evaluate(() => {
          const rows = Array.from(document.querySelectorAll('#routes tbody tr')).map((tr) =>
            Array.from(tr.querySelectorAll('td')).slice(0, 6).map((td) => td.innerText.trim()),
          );
          const fail = document.querySelector('li.verdict.fail[data-kind="headers"]');
          const okItem = document.querySelector('li.verdict.ok');
          const box = fail.getBoundingClientRect();
          return {
            title: String(document.querySelector('h1').textContent),
            rows,
            failText: String(fail.innerText),
            failBackground: getComputedStyle(fail).backgroundColor,
            failWeight: getComputedStyle(fail).fontWeight,
            okBackground: getComputedStyle(okItem).backgroundColor,
            failVisible: box.width > 0 && box.height > 0,
            request: String(document.querySelector('#request').innerText),
            pwned: window.__pwned,
            injected: Number(document.querySelectorAll('script, img').length),
          };
        });
        expect(seen.title).to.equal('404 page not found');
        expect(seen.rows).to.deep.equal([
          ['1', 'GET', '', '/users/{id:[0-9]+}', '', 'user'],
          ['2', 'ANY', '', '/api*', '', ''],
          ['3', 'ANY', '', '/api/search', 'X-Token:secret', ''],
        ]);
        expect(seen.failText).to.equal(`✗ headers: X-Token="secret" vs "${MARKUP.replace(/"/g, '\\"')}"`);
        expect(seen.failVisible).to.equal(true);
        expect(seen.failBackground).to.equal('rgb(255, 214, 214)');
        expect(seen.okBackground).to.equal('rgba(0, 0, 0, 0)');
        expect(Number(seen.failWeight)).to.be.at.least(700);
        expect(seen.request).to.contain('?q=%3Cscript%3E');
        expect(seen.pwned).to.equal(undefined);
        expect(seen.injected).to.equal(0);
        expect(dialogs).to.deep.equal([]);
      } finally {
        await page.close();
        await server.close();
      }
    });
  });
});
