import { readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-file';

/** What reading a stored JSON file found: its data, nothing yet, or a damaged file that was moved aside. */
export type JsonFileRead<T> =
  | { readonly kind: 'loaded'; readonly data: T }
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'corrupted';
      /** Where the damaged file now is, so support can look at it. */
      readonly movedTo: string;
      /** A sentence for the technician: what happened and what the app did about it. */
      readonly message: string;
    };

/** The name a damaged file is renamed to: `settings.json` → `settings.corrupted-2025-01-31T10-00-00-000Z.json`. */
export const corruptedFileName = (path: string, now: Date): string => {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : '';
  return join(dirname(path), `${stem}.corrupted-${stamp}${extension}`);
};

/** Explains in one sentence why the file's content was refused. */
const reasonOf = (error: unknown): string => {
  if (error instanceof SyntaxError) return 'it is not valid JSON';
  if (typeof error === 'object' && error !== null && 'issues' in error && Array.isArray(error.issues)) {
    const first = error.issues[0] as { path?: readonly PropertyKey[]; message?: string } | undefined;
    const where = first?.path?.map(String).join('.') || '(top level)';
    return `the field ${where} is invalid: ${first?.message ?? 'unexpected value'}`;
  }
  return 'its content could not be read';
};

/**
 * Reads a JSON file and validates it with its schema.
 *
 * A file that is not JSON or does not match the schema is renamed aside with a timestamp, never deleted and
 * never thrown at the caller: the app keeps running on its defaults and tells the technician where the old file
 * went. Errors other than "not found" when reading (permissions, I/O) are thrown, because moving the file aside
 * would not help.
 */
export const readJsonFile = async <S extends z.ZodType>(
  path: string,
  schema: S,
  now: () => Date = () => new Date(),
): Promise<JsonFileRead<z.output<S>>> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  let reason: string;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { kind: 'loaded', data: parsed.data };
    reason = reasonOf(parsed.error);
  } catch (error) {
    reason = reasonOf(error);
  }
  const movedTo = corruptedFileName(path, now());
  await rename(path, movedTo);
  return {
    kind: 'corrupted',
    movedTo,
    message: `${basename(path)} could not be used because ${reason}. It was moved to ${movedTo} and the app started from defaults.`,
  };
};

/** Validates data with its schema, then writes it as pretty JSON atomically. */
export const writeJsonFile = async <S extends z.ZodType>(
  path: string,
  schema: S,
  data: z.input<S>,
): Promise<void> => {
  const valid = schema.parse(data);
  await writeFileAtomic(path, `${JSON.stringify(valid, null, 2)}\n`);
};
