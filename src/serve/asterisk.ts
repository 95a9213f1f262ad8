import type { Router } from '../router/router.js';
import type { Response } from '../types.js';
import { knownMethods } from '../dispatch/decide.js';

/**
 * Answers an asterisk-form request (`OPTIONS * HTTP/1.1`, a question about the server as a whole):
 * `200` with an `Allow` of every method the router tree's method matchers name, in registration order;
 * any other method with `*` gets `400`. Never redirected (cleaning would turn `*` into `/*`).
 */
export function answerAsterisk(router: Router, method: string, res: Response): void {
  if (method !== 'OPTIONS') {
    res.statusCode = 400;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('400 Bad Request\n');
    return;
  }
  res.statusCode = 200;
  res.setHeader('Allow', knownMethods(router).join(', '));
  res.setHeader('Content-Length', '0');
  res.end();
}
