// newRouter({ debug: true }): the default 404 and 405 answers carry the request's explanation, as an
// HTML page for a browser, as text otherwise. Every value that comes from the request is escaped.
import type { Router } from '../router/router.js';
import type { Decision } from '../dispatch/decide.js';
import type { Request, RequestLike, Response } from '../types.js';
import { explainDecision, type Explanation, MAX_INDENT, shownVerdicts } from './explain.js';
import { otherLabel, pathLabel, routeInfo } from './routes.js';
import { cutText } from '../quote.js';

const TITLE: Record<string, string> = { notFound: '404 page not found', methodNotAllowed: '405 method not allowed' };

/** Answers a 404 or 405 decision with its explanation (the 405's status and Allow are already set). */
export function sendExplanation(router: Router, req: Request, res: Response, d: Decision): void {
  const e = explainDecision(router, req, d);
  res.statusCode = d.kind === 'methodNotAllowed' ? 405 : 404;
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  const title = TITLE[d.kind] ?? String(res.statusCode);
  if (acceptsHTML(req)) {
    // Nothing on the page needs a script, so none may run, whatever the escaping.
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(explanationHTML(e, title));
  } else {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`${title}\n\n${e.toString()}`);
  }
}

/** True when the Accept header lists text/html (or text/*) with a non-zero quality. */
export function acceptsHTML(req: RequestLike): boolean {
  // (A hand-made request may have no headers object.)
  const raw = req.headers?.['accept'];
  const accept = Array.isArray(raw) ? raw.join(',') : raw ?? '';
  return accept.split(',').some((part) => {
    const [media, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    if (media !== 'text/html' && media !== 'text/*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; margin: 0 0 .5em; }
code, td { font-family: ui-monospace, monospace; }
#routes { border-collapse: collapse; margin-top: 1em; }
#routes th, #routes td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
#routes th { background: #f3f3f3; }
tr.matched { background: #e8f6e8; }
ul.verdicts { list-style: none; margin: 0; padding: 0; }
li.verdict.ok { color: #2a6a2a; }
li.verdict.skipped { color: #888; }
li.verdict.fail { background: #ffd6d6; color: #8b0000; font-weight: bold; }
.inherited { color: #888; font-weight: normal; }
`;

/** The page: the request, the outcome, and a table of the routes tried with each matcher's verdict. */
export function explanationHTML(e: Explanation, title: string): string {
  const r = e.request;
  const target = `${r.scheme}://${r.host}${r.path}${r.query ? '?' + r.query : ''}`;
  const rows = e.tried.map((t, i) => {
    const info = routeInfo(t.route, t.depth);
    const verdicts = shownVerdicts(t.verdicts)
      .map((v) => {
        const cls = v.skipped ? 'skipped' : v.ok ? 'ok' : 'fail';
        const mark = v.skipped ? '–' : v.ok ? '✓' : '✗';
        const inherited = v.inherited && v.kind !== 'inherited' ? ' <span class="inherited">(inherited)</span>' : '';
        return `<li class="verdict ${cls}" data-kind="${escapeHTML(v.kind)}">${mark} ${escapeHTML(v.detail)}${inherited}</li>`;
      })
      .join('');
    const indent = '&nbsp;&nbsp;'.repeat(Math.min(t.depth, MAX_INDENT));
    return (
      `<tr class="route ${t.ok ? 'matched' : 'missed'}" data-depth="${t.depth}">` +
      `<td>${i + 1}</td><td>${escapeHTML(info.methods ? info.methods.join(',') : 'ANY')}</td>` +
      `<td>${escapeHTML(info.host ?? '')}</td><td>${indent}${escapeHTML(cutText(pathLabel(info)))}</td>` +
      `<td>${escapeHTML(otherLabel(info))}</td><td>${escapeHTML(info.name ?? '')}</td>` +
      `<td><ul class="verdicts">${verdicts}</ul></td></tr>`
    );
  });
  const allow = e.allow ? `<p id="allow">Allow: <code>${escapeHTML(e.allow.join(', '))}</code></p>` : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHTML(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHTML(title)}</h1>
<p id="request"><code>${escapeHTML(r.method)} ${escapeHTML(target)}</code></p>
<p id="reason">${escapeHTML(e.reason)}</p>
${allow}<table id="routes">
<thead><tr><th>#</th><th>Methods</th><th>Host</th><th>Path</th><th>Other matchers</th><th>Name</th><th>Verdicts</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p>This page is shown because the router was made with <code>{ debug: true }</code>; do not enable it in production.</p>
</body>
</html>
`;
}
