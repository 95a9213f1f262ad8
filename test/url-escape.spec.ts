import { expect } from 'chai';
import fc from 'fast-check';
import { decodePath, escapedRawPath, escapePath, queryEscape, queryUnescape } from '../src/url/url-escape.js';

describe('URL escaping (Go net/url rules)', () => {
  it('escapePath keeps sub-delims allowed in paths and escapes the rest', () => {
    expect(escapePath('/a b/$&+,:;=@/x')).to.equal('/a%20b/$&+,:;=@/x');
    expect(escapePath("?#%!'()*\\")).to.equal('%3F%23%25%21%27%28%29%2A%5C');
    expect(escapePath('é')).to.equal('%C3%A9');
  });

  it('queryEscape writes spaces as + and escapes reserved characters', () => {
    expect(queryEscape('%bar& /=?')).to.equal('%25bar%26+%2F%3D%3F');
    expect(queryEscape("a-_.~!*'()")).to.equal('a-_.~%21%2A%27%28%29');
  });

  it('queryUnescape reads + as space and rejects malformed input', () => {
    expect(queryUnescape('a+b%20c')).to.equal('a b c');
    expect(queryUnescape('%zz')).to.equal(undefined);
  });

  it('queryUnescape reads invalid UTF-8 as U+FFFD, one per byte (as Go reads it), and still rejects malformed escapes', () => {
    expect(queryUnescape('%FF')).to.equal('\uFFFD');
    expect(queryUnescape('a%FFb+c')).to.equal('a\uFFFDb c');
    expect(queryUnescape('%E2%82')).to.equal('\uFFFD\uFFFD');
    expect(queryUnescape('%C0%AF')).to.equal('\uFFFD\uFFFD');
    expect(queryUnescape('%ED%A0%80')).to.equal('\uFFFD\uFFFD\uFFFD');
    expect(queryUnescape('%F4%90%80%80')).to.equal('\uFFFD\uFFFD\uFFFD\uFFFD');
    expect(queryUnescape('%E2%82%AC%FF%F0%9F%98%80é')).to.equal('€\uFFFD😀é');
    expect(queryUnescape('%FF%zz')).to.equal(undefined);
    expect(queryUnescape('%FF%4')).to.equal(undefined);
  });

  it('queryUnescape checks escapes before decoding (no throw to catch): the same answers on random strings of escapes', () => {
    // The reading by exceptions it replaced: decodeURIComponent, else (a malformed escape or bytes that are
    // not UTF-8) undefined or the per-byte reading, told apart here by the escapes' form.
    const reference = (s: string): string | undefined => {
      const spaced = s.replace(/\+/g, ' ');
      try {
        return decodeURIComponent(spaced);
      } catch {
        if (/%(?![0-9A-Fa-f]{2})/.test(spaced)) return undefined;
        return queryUnescape(s);
      }
    };
    const piece = fc.constantFrom('%', '%4', '%41', '%2f', '%C3', '%A9', '%E2%82%AC', '%FF', '%F0%9F%98%80', '%zz', '+', 'a', 'é', '😀', '&', '=');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const s = pieces.join('');
        expect(queryUnescape(s), s).to.equal(reference(s));
      }),
      { numRuns: 2000 },
    );
    expect(queryUnescape('%41%42+%C3%A9%e2%82%ac')).to.equal('AB é€');
    expect(queryUnescape('%')).to.equal(undefined);
    expect(queryUnescape('%4')).to.equal(undefined);
  });

  it('decodePath keeps + and rejects malformed escapes', () => {
    expect(decodePath('/a+b/%2F')).to.equal('/a+b//');
    expect(decodePath('/%E0%A4%A')).to.equal(undefined);
    expect(decodePath('/%')).to.equal(undefined);
  });

  it('escapedRawPath keeps existing escapes and escapes only what must be', () => {
    expect(escapedRawPath('/a%2Fb%41')).to.equal('/a%2Fb%41');
    expect(escapedRawPath('/a b"é')).to.equal('/a%20b"%C3%A9');
    expect(escapedRawPath('/a\\b')).to.equal('/a\\b');
    expect(escapedRawPath('/a|b"c{d}^`<>%2F')).to.equal('/a|b"c{d}^`<>%2F');
    expect(escapedRawPath('/a\tb\u007f')).to.equal('/a%09b%7F');
  });
});
