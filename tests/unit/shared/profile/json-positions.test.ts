import { describe, expect, it } from 'vitest';
import { parseLocatedJson } from '../../../../src/shared/profile/json-positions';

const parse = (text: string) => {
  const result = parseLocatedJson(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.json;
};

describe('parseLocatedJson', () => {
  it('parses the same values as JSON.parse', () => {
    const text = '{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9\\"\\\\"],"b":{"c":{}},"d":[]}';
    expect(parse(text).value).toEqual(JSON.parse(text));
  });

  it('locates values and keys by path, counting lines and columns from 1', () => {
    const json = parse('{\n  "list": [\n    "a",\n\t"b"\n  ]\n}');
    expect(json.locate([])).toEqual({ line: 1, column: 1 });
    expect(json.locate(['list'])).toEqual({ line: 2, column: 11 });
    expect(json.locate(['list', 1])).toEqual({ line: 4, column: 2 });
    expect(json.locateKey(['list'])).toEqual({ line: 2, column: 3 });
  });

  it('falls back on the nearest ancestor for a path that is absent', () => {
    const json = parse('{\n  "a": { "b": 1 }\n}');
    expect(json.locate(['a', 'missing', 0])).toEqual({ line: 2, column: 8 });
  });

  it('counts columns after Windows line endings correctly', () => {
    const json = parse('{\r\n  "a": 1\r\n}');
    expect(json.locate(['a'])).toEqual({ line: 2, column: 8 });
  });

  it.each([
    ['{"a": 1,}', 'trailing comma before "}"', 1, 8],
    ['[1, 2,]', 'trailing comma before "]"', 1, 6],
    [
      '{"a": "line\nbreak"}',
      'line break or control character inside a string (close the string with ")',
      1,
      12,
    ],
    ["{'a': 1}", 'unexpected "\'": expected a field name in double quotes', 1, 2],
    ['{"a" 1}', 'unexpected "1": expected ":" after the field name', 1, 6],
    ['{"a": tru}', 'unexpected "t": expected a value', 1, 7],
    ['{"a": "x}', 'unterminated string (missing closing ")', 1, 7],
    ['{"a": "\\x"}', 'invalid escape sequence in string', 1, 8],
    ['{} {}', 'unexpected "{" after the end of the JSON value', 1, 4],
    ['{"a": 1, "a": 2}', 'duplicate field "a" in the same object', 1, 10],
    ['[01]', 'unexpected "1": expected "," or "]"', 1, 3],
  ])('refuses %j with a message and position', (text, message, line, column) => {
    expect(parseLocatedJson(text)).toEqual({ ok: false, error: { message, position: { line, column } } });
  });

  it('refuses nesting deep enough to exhaust the stack', () => {
    const result = parseLocatedJson(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(result.ok).toBe(false);
  });
});
