/** A place in a text, as an editor shows it: both 1-based, columns counted in UTF-16 code units. */
export type TextPosition = { readonly line: number; readonly column: number };

/** One step into a JSON value: an object key or an array index. */
export type JsonPathSegment = string | number;

/** A JSON text parsed, with where each value (and each object key) starts in the text. */
export type LocatedJson = {
  readonly value: unknown;
  /** Where the value at `path` starts, or where its nearest existing ancestor does when it is absent. */
  readonly locate: (path: readonly JsonPathSegment[]) => TextPosition;
  /** Where the key naming the value at `path` is written (for errors about a field itself, such as an unknown one). */
  readonly locateKey: (path: readonly JsonPathSegment[]) => TextPosition;
};

/** Why a text is not JSON, and where. */
export type JsonSyntaxError = { readonly message: string; readonly position: TextPosition };

/** The result of {@link parseLocatedJson}. */
export type LocatedJsonResult =
  | { readonly ok: true; readonly json: LocatedJson }
  | { readonly ok: false; readonly error: JsonSyntaxError };

const MAX_DEPTH = 64;

class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

const positionAt = (text: string, offset: number): TextPosition => {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
};

const keyOf = (path: readonly JsonPathSegment[]): string => JSON.stringify(path);

/**
 * Parses JSON text (RFC 8259) and remembers where every value and key starts, so an error about
 * `permissions[0].delegated[3]` can point at line and column in the file the technician edits.
 *
 * Stricter than `JSON.parse` in one way that protects saved data: a key repeated in one object is an error
 * (JSON.parse silently keeps the last one). Keys are stored as own properties, so `__proto__` is data.
 */
export const parseLocatedJson = (text: string): LocatedJsonResult => {
  const valueOffsets = new Map<string, number>();
  const keyOffsets = new Map<string, number>();
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new SyntaxFailure(message, at);
  };
  const whatIsAt = (at: number): string =>
    at >= text.length ? 'the end of the text' : `${JSON.stringify(text[at])}`;
  const skipSpace = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        try {
          return JSON.parse(text.slice(start, i)) as string;
        } catch {
          return fail('invalid escape sequence in string', start);
        }
      }
      if (c === 0x5c) {
        const next = text[i + 1];
        if (next === undefined || !'"\\/bfnrtu'.includes(next)) fail('invalid escape sequence in string', i);
        if (next === 'u' && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
          fail('invalid \\u escape in string', i);
        i += next === 'u' ? 6 : 2;
        continue;
      }
      if (c < 0x20) fail('line break or control character inside a string (close the string with ")', i);
      i++;
    }
    return fail('unterminated string (missing closing ")', start);
  };

  const parseNumber = (): number => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (match === null) return fail(`unexpected ${whatIsAt(i)}: expected a value`);
    i += match[0].length;
    return Number(match[0]);
  };

  const parseValue = (path: JsonPathSegment[], depth: number): unknown => {
    skipSpace();
    if (depth > MAX_DEPTH) fail('nested too deeply');
    valueOffsets.set(keyOf(path), i);
    const c = text[i];
    if (c === '{') return parseObject(path, depth);
    if (c === '[') return parseArray(path, depth);
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return parseNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return fail(`unexpected ${whatIsAt(i)}: expected a value`);
  };

  // Objects and arrays alike: past the opening bracket, true when it closes at once (consumed).
  const opensEmpty = (close: '}' | ']'): boolean => {
    i++;
    skipSpace();
    if (text[i] !== close) return false;
    i++;
    return true;
  };
  // After an item: false after a comma (another item follows), true at the closing bracket (consumed).
  const closesAfterItem = (close: '}' | ']'): boolean => {
    skipSpace();
    if (text[i] === ',') {
      const comma = i++;
      skipSpace();
      if (text[i] === close) fail(`trailing comma before "${close}"`, comma);
      return false;
    }
    if (text[i] === close) {
      i++;
      return true;
    }
    return fail(`unexpected ${whatIsAt(i)}: expected "," or "${close}"`);
  };

  const parseObject = (path: JsonPathSegment[], depth: number): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    const seen = new Set<string>();
    if (opensEmpty('}')) return result;
    for (;;) {
      skipSpace();
      if (text[i] !== '"') fail(`unexpected ${whatIsAt(i)}: expected a field name in double quotes`);
      const keyStart = i;
      const key = parseString();
      if (seen.has(key)) fail(`duplicate field ${JSON.stringify(key)} in the same object`, keyStart);
      seen.add(key);
      keyOffsets.set(keyOf([...path, key]), keyStart);
      skipSpace();
      if (text[i] !== ':') fail(`unexpected ${whatIsAt(i)}: expected ":" after the field name`);
      i++;
      const value = parseValue([...path, key], depth + 1);
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      if (closesAfterItem('}')) return result;
    }
  };

  const parseArray = (path: JsonPathSegment[], depth: number): unknown[] => {
    const result: unknown[] = [];
    if (opensEmpty(']')) return result;
    for (;;) {
      result.push(parseValue([...path, result.length], depth + 1));
      if (closesAfterItem(']')) return result;
    }
  };

  try {
    const value = parseValue([], 0);
    skipSpace();
    if (i < text.length) fail(`unexpected ${whatIsAt(i)} after the end of the JSON value`);
    const locate = (path: readonly JsonPathSegment[]): TextPosition => {
      for (let length = path.length; length >= 0; length--) {
        const offset = valueOffsets.get(keyOf(path.slice(0, length)));
        if (offset !== undefined) return positionAt(text, offset);
      }
      return { line: 1, column: 1 };
    };
    const locateKey = (path: readonly JsonPathSegment[]): TextPosition => {
      const offset = keyOffsets.get(keyOf(path));
      return offset === undefined ? locate(path) : positionAt(text, offset);
    };
    return { ok: true, json: { value, locate, locateKey } };
  } catch (error) {
    if (error instanceof SyntaxFailure) {
      return { ok: false, error: { message: error.message, position: positionAt(text, error.offset) } };
    }
    throw error;
  }
};
