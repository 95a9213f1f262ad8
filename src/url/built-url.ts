import { escapePath } from './url-escape.js';

/** A URL built from a named route (gorilla returns a *url.URL). `path` holds the unescaped path. */
export class BuiltURL {
  constructor(
    readonly scheme: string,
    readonly host: string,
    readonly path: string,
    readonly rawQuery: string,
  ) {}

  /** `scheme://host/path?rawQuery`, or `/path?rawQuery` without a host; the path is percent-escaped. */
  toString(): string {
    let out = '';
    if (this.host !== '') {
      out = `${this.scheme}://${this.host}`;
      if (this.path !== '' && this.path[0] !== '/') out += '/';
    }
    out += escapePath(this.path);
    if (this.rawQuery !== '') out += '?' + this.rawQuery;
    return out;
  }
}
