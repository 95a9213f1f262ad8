// Which handler functions get the route's vars as a third argument, read from their parameters.
/* eslint-disable prefer-rest-params */
import { expect } from 'chai';
import { takesThirdArgument } from '../src/route/handler-params.js';

type F = (...args: never[]) => unknown;
const u = undefined as unknown;

describe('takesThirdArgument: the parameters a handler declares', () => {
  const cases: [string, unknown, boolean][] = [
    ['two parameters', (_a: unknown, _b: unknown) => u, false],
    ['three parameters', (_a: unknown, _b: unknown, _c: unknown) => u, true],
    ['a third with a default value', (_a: unknown, _b: unknown, _c = {}) => u, true],
    ['defaults from the second on', (_a: unknown, _b = 1, _c = 2) => u, true],
    ['a default holding a comma in parentheses', (_a: unknown, _b = Math.max(1, 2)) => u, false],
    ['a default string holding "),("', (_a: unknown, _b = '),(', _c = 3) => u, true],
    ['a template literal with a comma inside ${}', (_a: unknown, _b = `${'x,y'}`) => u, false],
    ['a destructured third with a default', (_a: unknown, _b = [1, 2], { id: _id } = { id: '' }) => u, true],
    ['one parameter, no parentheses', ((_a: unknown) => u) as F, false],
    ['async, three with a default', async (_a: unknown, _b: unknown, _c = 1) => u, true],
    ['a rest parameter first', (..._args: unknown[]) => u, true],
    ['a function reading arguments', function () { return arguments[2]; }, true],
    ['a function of two not reading arguments', function (_a: unknown, _b: unknown) { return _a; }, false],
    ['comments between the parameters', function named(_a: unknown, /* x, y */ _b: unknown) { return 1; }, false],
    ['a method with a default third', ({ h(_a: unknown, _b: unknown, v = {}) { return v; } }).h, true],
    ['an async method of two', ({ async h(_a: unknown, _b: unknown) { return u; } }).h, false],
    // From the review: shapes the first reading missed.
    ['a default as Babel compiles it (arguments[2])', function (this: unknown, _a: unknown, _b: unknown) { return arguments.length > 2 && arguments[2] !== undefined ? arguments[2] : {}; }, true],
    ['an ES5 wrapper passing arguments on', function (this: unknown, _a: unknown, _b: unknown) { return (Math.max as (...a: unknown[]) => number).apply(this, arguments as never); }, true],
    ['a rest parameter second', (_a: unknown, ..._rest: unknown[]) => u, true],
    ['a rest parameter after a comment', (/* c, d */ ..._args: unknown[]) => u, true],
    ['a rest parameter fourth', (_a: unknown, _b: unknown, _c: unknown, ..._d: unknown[]) => u, true],
    ['regular expressions with ) and quotes in defaults', (_a: unknown, _b = /\)/, _c = /'/) => u, true],
    ['regular expressions with ( / and ` in defaults, two parameters', (_a = /[(]/, _b = /\/\/`/) => u, false],
    ['a division in a default is not a regular expression', (_a: unknown, _b = 4 / 2, _c = 1) => u, true],
    // From the second attack round: comments before the list, and a division after `x++`.
    ['a comment holding => before the list', eval('(async /* => */ (_a, _b, _c = {}) => _c)') as unknown, true],
    ['a comment holding ( after the name', eval('(function h /* ( */ (_a, _b, _c = {}) { return _c; })') as unknown, true],
    ['x++ / 2 in a default divides', eval('(function (_a, _b = x++ / 2, _c = {}) { return _c; })') as unknown, true],
    // From the oracle round: a regular expression after a keyword, and a computed method key holding `(`.
    ['a regular expression after void', eval('(function (_a, _b, _c = void /,/) { return _c; })') as unknown, true],
    ['a computed method key holding (', eval("({ ['a(b'](_a, _b, _c = 1) { return _c; } })['a(b']") as unknown, true],
    ['a computed method key calling a function', eval('({ [String("k")](_a, _b, _c = 1) { return _c; } }).k') as unknown, true],
    ['a bound function of three (its length)', function (_a: unknown, _b: unknown, _c: unknown) { return u; }.bind(null), true],
    ['a bound function with a default (unreadable: its length, 2)', ((_a: unknown, _b: unknown, _c = 1) => u).bind(null), false],
  ];
  for (const [title, fn, want] of cases) it(`${title}: ${want}`, () => expect(takesThirdArgument(fn as F)).to.equal(want));
});
