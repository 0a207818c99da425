import { describe, expect, it } from 'vitest';
import { canonicalJson, compareCodePoints, wellFormed } from '../../../../src/shared/report/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves no whitespace', () => {
    const value = { b: [{ z: 1, a: 'x y' }], a: { d: null, c: true }, 'a b': false };
    expect(canonicalJson(value)).toBe('{"a":{"c":true,"d":null},"a b":false,"b":[{"a":"x y","z":1}]}');
  });

  it('orders keys by code point, so a character above U+FFFF sorts after U+FFFF (UTF-16 order would not)', () => {
    expect(canonicalJson({ '\u{1F600}': 1, '\uFFFF': 2, é: 3, Z: 4 })).toBe(
      '{"Z":4,"é":3,"\uFFFF":2,"\u{1F600}":1}',
    );
    expect(compareCodePoints('\uFFFF', '\u{1F600}')).toBeLessThan(0);
    expect(['\u{1F600}', '\uFFFF'].sort()).toEqual(['\u{1F600}', '\uFFFF']);
  });

  it('writes strings as JSON.stringify does, except DEL as \\u007f', () => {
    expect(canonicalJson('a"b\\c\n\t\u0001\u007f\u2028é')).toBe('"a\\"b\\\\c\\n\\t\\u0001\\u007f\u2028é"');
  });

  it('turns a lone surrogate into U+FFFD and keeps a pair', () => {
    expect(canonicalJson('x\uD800y\uDC00z\u{1F600}')).toBe('"x\uFFFDy\uFFFDz\u{1F600}"');
    expect(wellFormed('\uDBFF')).toBe('\uFFFD');
  });

  it('leaves out members whose value is undefined, as JSON.stringify does, and writes undefined items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(JSON.parse(canonicalJson({ a: undefined, b: 2 }))).toEqual(
      JSON.parse(JSON.stringify({ a: undefined, b: 2 })),
    );
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/NaN/);
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(/Infinity/);
    expect(() => canonicalJson(() => 1)).toThrow(/function/);
    expect(() => canonicalJson(10n)).toThrow(/bigint/);
  });

  it('reads back to the same value', () => {
    const value = { n: -12, list: ['a', { k: 'v' }], nested: { deep: { deeper: [true, false, null] } } };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });
});
