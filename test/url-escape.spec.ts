import { expect } from 'chai';
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

  it('decodePath keeps + and rejects malformed escapes', () => {
    expect(decodePath('/a+b/%2F')).to.equal('/a+b//');
    expect(decodePath('/%E0%A4%A')).to.equal(undefined);
    expect(decodePath('/%')).to.equal(undefined);
  });

  it('escapedRawPath keeps existing escapes and escapes only what must be', () => {
    expect(escapedRawPath('/a%2Fb%41')).to.equal('/a%2Fb%41');
    expect(escapedRawPath('/a b"é')).to.equal('/a%20b%22%C3%A9');
    expect(escapedRawPath('/a\\b')).to.equal('/a%5Cb');
  });
});
