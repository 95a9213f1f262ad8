import { expect } from 'chai';
import { patternCanMatch, respell } from '../src/template/pattern.js';
import { RouteMatch } from '../src/index.js';
import { describeEngines } from './engines.js';

describe('Patterns: patternCanMatch', () => {
  // [pattern, can a match contain '/', can it contain '.']
  const table: [string, boolean, boolean][] = [
    ['[^/]+', false, true],
    ['[^.]+', true, false],
    ['[0-9]+', false, false],
    ['[a-z]{2,5}', false, false],
    ['.*', true, true],
    ['.+?', true, true],
    ['[ -~]', true, true],
    ['[+-0]', true, true],
    ['[!-.]', false, true],
    ['[0-~]', false, false],
    ['[.-~]', true, true],
    ['[^a]', true, true],
    ['[^/a]', false, true],
    ['[^\\D]', false, false],
    ['\\D', true, true],
    ['\\d', false, false],
    ['\\W', true, true],
    ['\\w+', false, false],
    ['\\S', true, true],
    ['\\s', false, false],
    ['\\pL', false, false],
    ['\\PL', true, true],
    ['\\p{L}+', false, false],
    ['\\p{Greek}', false, false],
    ['\\P{Greek}', true, true],
    ['\\p{^Greek}', true, true],
    ['[\\p{L}\\d]', false, false],
    ['[^\\pL]', true, true],
    ['a|b/c', true, false],
    ['(?:a|b)\\.(?:c)', false, true],
    ['(?:x|(?:y|/))+', true, false],
    ['\\/', true, false],
    ['\\.', false, true],
    ['a\\.{0}', false, false],
    ['(?i)abc', false, false],
    ['(?i:a|/)', true, false],
    ['(?i)[^a-z]', true, true],
    ['[[:punct:]]', true, true],
    ['[[:alpha:]]+', false, false],
    ['\\x{2f}', true, false],
    ['\\u002e', false, true],
    ['\\Q./\\E', true, true],
    ['[]a]', false, false],
    ['[^]a]', true, true],
    ['\\b\\w+\\b', false, false],
  ];
  for (const [pattern, slash, dot] of table) {
    it(`${pattern}: "/" ${slash ? 'can' : 'cannot'} occur, "." ${dot ? 'can' : 'cannot'}`, () => {
      expect(patternCanMatch(pattern, '/'), '/').to.equal(slash);
      expect(patternCanMatch(pattern, '.'), '.').to.equal(dot);
    });
  }

  it('is conservative: a pattern it cannot read may match anything', () => {
    expect(patternCanMatch('[a-', '/')).to.equal(true);
    expect(patternCanMatch('(a)\\1', '/')).to.equal(true);
  });

  it('folds case as RE2 does: (?i)s can match ſ (U+017F), (?i)k can match K (U+212A)', () => {
    expect(patternCanMatch('(?i)s', 'ſ')).to.equal(true);
    expect(patternCanMatch('(?i)k', '\u212a')).to.equal(true);
    expect(patternCanMatch('s', 'ſ')).to.equal(false);
    expect(patternCanMatch('(?i)[^k]', '\u212a')).to.equal(false);
  });

  it('(?i) on ASCII is written out: the only characters outside ASCII that fold to ASCII letters are ſ and K', () => {
    // Checked against V8's own Unicode case folding (the `iu` flags), over every code point.
    const folds = /[A-Za-z]/iu;
    const outside: number[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) if ((cp < 0xd800 || cp > 0xdfff) && folds.test(String.fromCodePoint(cp))) outside.push(cp);
    expect(outside).to.deep.equal([0x17f, 0x212a]);
    expect(patternCanMatch('(?i)[a-z]', 'ſ')).to.equal(true);
    expect(patternCanMatch('(?i)[^a-z]', 'K')).to.equal(false);
    expect(patternCanMatch('(?i)[^a-z]', 'é')).to.equal(true);
  });

  it('a flag group lasts to the end of its alternative and of its group', () => {
    expect(respell('a(?i)b|c')).to.equal('a(?i:b)|(?i:c)');
    expect(respell('(?:x(?i)y)z')).to.equal('(?:x(?i:y))z');
    expect(patternCanMatch('(?:x(?i)y)z', 'Z')).to.equal(false);
    expect(patternCanMatch('(?:x(?i)y)z', 'Y')).to.equal(true);
  });
});

// Each RE2 pattern of the table respells to its JavaScript text.
function expectRespellings(cases: readonly (readonly [re2: string, js: string])[]): void {
  for (const [re2, js] of cases) expect(respell(re2), re2).to.equal(js);
}

describe("Patterns: RE2's U flag (ungreedy), which JavaScript lacks", () => {
  it('swaps the greediness of every quantifier in its scope: to the end of its group, across |', () => {
    expectRespellings([
      ['(?U)a+', 'a+?'],
      ['(?U)a+?b*', 'a+b*?'],
      ['x(?U:a+)b+', 'x(?:a+?)b+'],
      ['(?iU)a+', '(?i:a+?)'],
      ['(?U)(?-U)a+', 'a+'],
      ['(?U)a{2,3}c{4}[+*]+', 'a{2,3}?c{4}?[+*]+?'],
      ['(?U)a+|b*', 'a+?|b*?'],
      ['(?:a(?U)b+)c+', '(?:ab+?)c+'],
      ['(?U-i)a+', '(?-i:a+?)'],
      // A group's own `(?` is not a quantifier (a review found '(?U)(?:ab)+' respelled '(??:ab)+?').
      ['(?U)(?:ab)+', '(?:ab)+?'],
      ['(?U)a(?:b|c)*', 'a(?:b|c)*?'],
      ['(?:(?U)(?:a)+)', '(?:(?:a)+?)'],
    ]);
  });
});

describe('Patterns: braces and brackets RE2 reads as text', () => {
  it('a brace that is not a repetition and a lone ] are escaped; repetitions are kept whole', () => {
    expectRespellings([
      ['a{,3}', 'a\\{,3\\}'],
      ['{x}', '\\{x\\}'],
      ['a]', 'a\\]'],
      ['x{', 'x\\{'],
      ['a{2}b{2,}c{2,3}?', 'a{2}b{2,}c{2,3}?'],
      ['[a{]', '[a{]'],
    ]);
  });
});

describeEngines("Patterns: RE2's U flag in a route", (make) => {
  it('is accepted as gorilla accepts it, and decides how variables in one segment share it', () => {
    const r = make();
    r.handleFunc('/u/{a:(?U)[a-z]+}{b:[a-z]*}', () => undefined);
    r.handleFunc('/lazy-made-greedy/{a:(?U)[a-z]+?}{b:[a-z]*}', () => undefined);
    r.handleFunc('/greedy/{a:[a-z]+}{b:[a-z]*}', () => undefined);
    const varsOf = (url: string) => {
      const m = new RouteMatch();
      expect(r.match({ method: 'GET', url, headers: {} }, m), url).to.equal(true);
      return m.vars;
    };
    expect(varsOf('/u/abc')).to.deep.equal({ a: 'a', b: 'bc' });
    expect(varsOf('/lazy-made-greedy/abc')).to.deep.equal({ a: 'abc', b: '' });
    expect(varsOf('/greedy/abc')).to.deep.equal({ a: 'abc', b: '' });
    r.handleFunc('/group/{v:(?U)(?:ab)+}', () => undefined);
    expect(varsOf('/group/abab')).to.deep.equal({ v: 'abab' });
    r.handleFunc('/brace/{v:a{,3}}', () => undefined);
    expect(varsOf('/brace/a{,3}')).to.deep.equal({ v: 'a{,3}' });
  });

  it("a pattern error names the pattern as written, not its respelling", () => {
    const r = make();
    expect(() => r.path('/{x:(?:a)\\1}')).to.throw('mux: error compiling regex for "{x:(?:a)\\1}" in "/{x:(?:a)\\1}": Invalid escape');
    expect(() => r.path('/{x:(?U)a{2,1}}')).to.throw(/^mux: error compiling regex for "\{x:\(\?U\)a\{2,1\}\}" in "\/\{x:\(\?U\)a\{2,1\}\}": numbers out of order/);
  });
});
