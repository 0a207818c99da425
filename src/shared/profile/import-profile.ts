import { z } from 'zod';
import { type JsonPathSegment, type LocatedJson, parseLocatedJson } from './json-positions';
import { type PermissionProfile, PermissionProfileSchema } from './permission-profile';

/** The largest profile file accepted: far above any real profile, low enough to refuse a wrong file quickly. */
export const MAX_PROFILE_TEXT_LENGTH = 1_000_000;

/** One problem in an imported profile: which field, what is wrong, and where it is in the text. */
export const ProfileImportIssueSchema = z
  .object({
    /** `permissions[0].delegated[3]`; empty for the text as a whole. */
    path: z.string(),
    message: z.string(),
    line: z.number().int().min(1),
    column: z.number().int().min(1),
  })
  .readonly();

/** One problem in an imported profile. */
export type ProfileImportIssue = z.infer<typeof ProfileImportIssueSchema>;

/** The result of importing a profile: the profile, or every problem found in it. */
export type ProfileImportResult =
  | { readonly ok: true; readonly profile: PermissionProfile }
  | { readonly ok: false; readonly issues: readonly ProfileImportIssue[] };

/** Writes a field path the way people read it: `permissions[0].delegated[3]`. */
export const formatJsonPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    const name = String(segment);
    if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return text === '' ? name : `${text}.${name}`;
    return `${text}[${JSON.stringify(name)}]`;
  }, '');

/** One line for a technician: `permissions[0].delegated[3]: expected string (line 14, column 9)`. */
export const formatProfileImportIssue = (issue: ProfileImportIssue): string =>
  `${issue.path === '' ? 'profile' : issue.path}: ${issue.message} (line ${issue.line}, column ${issue.column})`;

const hasPath = (value: unknown, path: readonly PropertyKey[]): boolean => {
  let current: unknown = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return false;
    if (!Object.hasOwn(current, segment)) return false;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return true;
};

const isResourcePath = (path: readonly PropertyKey[]): boolean =>
  path.length === 2 && path[0] === 'permissions' && typeof path[1] === 'number';

const segments = (path: readonly PropertyKey[]): JsonPathSegment[] =>
  path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));

const toIssues = (zodIssue: z.core.$ZodIssue, json: LocatedJson): ProfileImportIssue[] => {
  const path = zodIssue.path;
  if (zodIssue.code === 'unrecognized_keys') {
    return zodIssue.keys.map((key) => {
      const keyPath = [...segments(path), key];
      const hint = isResourcePath(path) ? ': permission types are "delegated" and "application"' : '';
      return {
        path: formatJsonPath(keyPath),
        message: `unknown field ${JSON.stringify(key)}${hint}`,
        ...json.locateKey(keyPath),
      };
    });
  }
  const message =
    zodIssue.code === 'invalid_type' && path.length > 0 && !hasPath(json.value, path)
      ? 'missing required field'
      : zodIssue.message.replace(/^Invalid input: /, '');
  return [{ path: formatJsonPath(path), message, ...json.locate(segments(path)) }];
};

/**
 * Reads a permission profile from JSON text, as a technician imports it from a file.
 *
 * Never throws on bad input: every problem comes back with the field it concerns and its line and column in
 * the text (`permissions[0].delegated[3]: expected a permission name such as "User.Read" (line 14,
 * column 9)`). Duplicate permissions or resources, unknown fields (a misspelt permission type), empty lists,
 * malformed application IDs and unsupported schema versions are all refused.
 */
export const importProfile = (text: string): ProfileImportResult => {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.length > MAX_PROFILE_TEXT_LENGTH) {
    return {
      ok: false,
      issues: [{ path: '', message: 'the file is too large to be a permission profile', line: 1, column: 1 }],
    };
  }
  if (body.trim() === '') {
    return { ok: false, issues: [{ path: '', message: 'the file is empty', line: 1, column: 1 }] };
  }
  const parsed = parseLocatedJson(body);
  if (!parsed.ok) {
    return {
      ok: false,
      issues: [{ path: '', message: `not valid JSON: ${parsed.error.message}`, ...parsed.error.position }],
    };
  }
  const result = PermissionProfileSchema.safeParse(parsed.json.value);
  if (result.success) return { ok: true, profile: result.data };
  const issues = result.error.issues.flatMap((issue) => toIssues(issue, parsed.json));
  issues.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, issues };
};
