import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { fsyncDirectory } from './atomic-file';

/** A line of a journal file that could not be used, and why. */
export interface JournalProblem {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reason: string;
}

/** Everything a journal file holds, in order, plus what had to be skipped. */
export interface JournalContent<T> {
  readonly entries: readonly T[];
  /** True when the last line was cut short, as a crash in the middle of an append leaves it. */
  readonly tornTail: boolean;
  /** Complete lines that are not valid entries: damage that is not a torn append, reported rather than hidden. */
  readonly problems: readonly JournalProblem[];
}

/** An open, append-only journal: one JSON object per line, each on disk before `append` resolves. */
export interface Journal<T> {
  /** Validates the entry, appends it as one line and fsyncs the file. Appends run one after another. */
  append(entry: T): Promise<void>;
  /** Waits for pending appends and closes the file. */
  close(): Promise<void>;
}

const reasonOf = (error: unknown): string => {
  if (error instanceof SyntaxError) return 'not valid JSON';
  if (typeof error === 'object' && error !== null && 'issues' in error && Array.isArray(error.issues)) {
    const first = error.issues[0] as { path?: readonly PropertyKey[]; message?: string } | undefined;
    return `${first?.path?.map(String).join('.') || '(entry)'}: ${first?.message ?? 'invalid'}`;
  }
  return String(error);
};

/** Parses a journal's text: complete lines are entries, a final line without its newline is a torn append. */
export const parseJournal = <S extends z.ZodType>(text: string, schema: S): JournalContent<z.output<S>> => {
  const lines = text.split('\n');
  // After a clean append the text ends with "\n", so the last piece is empty; anything else was cut short.
  const tail = lines.pop() ?? '';
  const entries: z.output<S>[] = [];
  const problems: JournalProblem[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const parsed = schema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else problems.push({ line: index + 1, reason: reasonOf(parsed.error) });
    } catch (error) {
      problems.push({ line: index + 1, reason: reasonOf(error) });
    }
  });
  return { entries, tornTail: tail.length > 0, problems };
};

/** Reads a journal file; a missing file is an empty journal. Never throws on damaged content. */
export const readJournal = async <S extends z.ZodType>(
  path: string,
  schema: S,
): Promise<JournalContent<z.output<S>>> => {
  try {
    return parseJournal(await readFile(path, 'utf8'), schema);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { entries: [], tornTail: false, problems: [] };
    throw error;
  }
};

/**
 * Opens a journal for appending, creating it if needed.
 *
 * A torn last line (the app died in the middle of an append) is cut off first, so the next entry starts on a
 * line of its own; the entry that was being written was never acknowledged to its caller, so nothing that was
 * reported as saved is lost.
 */
export const openJournal = async <S extends z.ZodType>(
  path: string,
  schema: S,
): Promise<Journal<z.input<S>>> => {
  await mkdir(dirname(path), { recursive: true });
  const existed = await stat(path).then(
    () => true,
    () => false,
  );
  const handle = await open(path, 'a+', 0o600);
  try {
    const text = await readFile(path, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      await handle.truncate(Buffer.byteLength(text.slice(0, end), 'utf8'));
      await handle.sync();
    }
    if (!existed) await fsyncDirectory(dirname(path));
  } catch (error) {
    await handle.close();
    throw error;
  }

  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  return {
    append(entry) {
      if (closed) return Promise.reject(new Error(`The journal ${path} is closed.`));
      const parsed = schema.safeParse(entry);
      if (!parsed.success) return Promise.reject(parsed.error);
      const line = `${JSON.stringify(parsed.data)}\n`;
      const write = queue.then(async () => {
        // The file is opened for appending, so every write lands at its end whatever the position says.
        await handle.write(line);
        await handle.sync();
      });
      // A failed append must not block the ones after it; its own caller still sees the failure.
      queue = write.catch(() => undefined);
      return write;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await handle.close();
    },
  };
};
