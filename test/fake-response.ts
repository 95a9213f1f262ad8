import type { RequestLike, Router } from '../src/index.js';

export interface Served {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Serves a request object on a recording response, without a socket: any header value can be sent. */
export async function served(r: Router, request: RequestLike): Promise<Served> {
  const res = {
    statusCode: 200,
    headers: {} as Record<string, string>,
    body: '',
    headersSent: false,
    writableEnded: false,
    setHeader(k: string, v: string | number) { this.headers[k.toLowerCase()] = String(v); },
    getHeader(k: string) { return this.headers[k.toLowerCase()]; },
    removeHeader(k: string) { delete this.headers[k.toLowerCase()]; },
    write(b: string) { this.body += b; return true; },
    end(b?: string) { this.body += b ?? ''; this.writableEnded = true; this.headersSent = true; },
  };
  await r.serveHTTP(request as never, res as never);
  return { status: res.statusCode, headers: res.headers, body: res.body };
}
