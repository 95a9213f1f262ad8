import type { Request, Response } from '../types.js';

/** Go's http.NotFoundHandler. */
export function notFound(_req: Request, res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  sendText(res, 404, '404 page not found\n');
}

/** Answers with a status and a plain-text body. */
export function sendText(res: Response, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(body);
}
