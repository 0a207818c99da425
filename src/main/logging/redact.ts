import { REDACTED, redactText } from '../../shared/redaction/redact-text';

// The text patterns live in src/shared so reports redact as the log does; this module keeps its exports.
export { REDACTED, redactText };

// Keys whose values are secrets wherever they appear, compared without case, `_` or `-`
// (access_token, accessToken and Access-Token are one key). `secret` is the field MSAL's serialised token cache
// keeps tokens in.
const SECRET_KEYS: ReadonlySet<string> = new Set([
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientinfo',
  'codeverifier',
  'clientsecret',
  'clientassertion',
  'assertion',
  'password',
  'secret',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'sessionstate',
]);

const normalizeKey = (key: string): string => key.toLowerCase().replace(/[-_]/g, '');

// An error object of Graph or the identity platform names its failure with `code` next to a `message`
// ({ "error": { "code": "Authorization_RequestDenied", "message": … } }): that code is what support needs.
// Anywhere else, a `code` is taken to be an OAuth authorization code.
const isErrorShaped = (value: Readonly<Record<string, unknown>>): boolean =>
  'message' in value || 'error_description' in value || 'errorMessage' in value;

const MAX_DEPTH = 8;

const redactDeep = (value: unknown, depth: number, seen: WeakSet<object>): unknown => {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  seen.add(value);
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactText(value.stack);
    for (const [key, inner] of Object.entries(value)) {
      (copy as unknown as Record<string, unknown>)[key] = redactEntry(
        key,
        inner,
        value as unknown as Readonly<Record<string, unknown>>,
        depth,
        seen,
      );
    }
    if (value.cause !== undefined) copy.cause = redactDeep(value.cause, depth + 1, seen);
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1, seen));
  if (value instanceof Map) {
    return new Map(
      [...value.entries()].map(([key, inner]) => [
        key,
        typeof key === 'string'
          ? redactEntry(key, inner, {}, depth, seen)
          : redactDeep(inner, depth + 1, seen),
      ]),
    );
  }
  if (value instanceof Date || value instanceof RegExp) return value;
  if (value instanceof Headers) {
    return redactDeep(Object.fromEntries(value.entries()), depth, seen);
  }
  const record = value as Readonly<Record<string, unknown>>;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) copy[key] = redactEntry(key, inner, record, depth, seen);
  return copy;
};

const redactEntry = (
  key: string,
  value: unknown,
  parent: Readonly<Record<string, unknown>>,
  depth: number,
  seen: WeakSet<object>,
): unknown => {
  const normalized = normalizeKey(key);
  if (value !== null && value !== undefined && value !== '') {
    if (SECRET_KEYS.has(normalized)) return REDACTED;
    if (normalized === 'code' && typeof value === 'string' && !isErrorShaped(parent)) return REDACTED;
  }
  return redactDeep(value, depth + 1, seen);
};

/**
 * Returns a copy of any value with every secret replaced by `[redacted]`: JWT-looking strings, bearer and basic
 * credentials, `code=`/`code_verifier=`/token parameters in URLs and form bodies, and the values of secret
 * fields (`access_token`, `refresh_token`, `id_token`, `client_info`, `password`, `Authorization`, an OAuth
 * `code` outside an error object, …) at any depth. Errors keep their name and a redacted message and stack.
 */
export const redact = (value: unknown): unknown => redactDeep(value, 0, new WeakSet());
