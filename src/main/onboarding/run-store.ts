import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { type RunEntry, RunEntrySchema } from '../../shared/onboarding/run-entry';
import { foldRun, type RunRecord } from '../../shared/onboarding/run-record';
import { type Journal, type JournalProblem, openJournal, readJournal } from '../storage/journal';

const RunIdSchema = z.uuid();

/** A run read back from its journal, with any damage the journal showed. */
export interface StoredRun {
  readonly record: RunRecord;
  readonly entries: readonly RunEntry[];
  /** The last line was cut short by a crash during an append (that entry was never acknowledged). */
  readonly tornTail: boolean;
  readonly problems: readonly JournalProblem[];
}

/** Where runs live: one append-only journal file per run under the app's data folder. */
export interface RunStore {
  readonly directory: string;
  /** Opens a run's journal for appending (creating it). */
  open(runId: string): Promise<Journal<RunEntry>>;
  /** Reads one run; null when there is no such run or its journal holds no start. */
  read(runId: string): Promise<StoredRun | null>;
  /** Every run, newest first. A journal that cannot be read is skipped, never fatal. */
  list(): Promise<readonly StoredRun[]>;
}

/** Opens the run store in `directory` (`<userData>/runs` in the app). */
export const createRunStore = (directory: string): RunStore => {
  const pathOf = (runId: string): string => {
    // The ID names a file: only a UUID may, so nothing can point outside the folder.
    const id = RunIdSchema.parse(runId);
    return join(directory, `${id}.jsonl`);
  };
  const read = async (runId: string): Promise<StoredRun | null> => {
    const content = await readJournal(pathOf(runId), RunEntrySchema);
    const record = foldRun(content.entries);
    return record === null
      ? null
      : { record, entries: content.entries, tornTail: content.tornTail, problems: content.problems };
  };
  return {
    directory,
    open: (runId) => openJournal(pathOf(runId), RunEntrySchema),
    read,
    async list() {
      let names: string[];
      try {
        names = await readdir(directory);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const runs: StoredRun[] = [];
      for (const name of names) {
        const id = name.endsWith('.jsonl') ? name.slice(0, -'.jsonl'.length) : '';
        if (!RunIdSchema.safeParse(id).success) continue;
        const run = await read(id).catch(() => null);
        if (run !== null) runs.push(run);
      }
      return runs.sort((a, b) => b.record.startedAt.localeCompare(a.record.startedAt));
    },
  };
};
