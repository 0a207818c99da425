import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openJournal, parseJournal, readJournal } from '../../../../src/main/storage/journal';

const EntrySchema = z.object({ step: z.string(), n: z.number().int() }).strict();

let dir = '';
let path = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journal-'));
  path = join(dir, 'runs', 'run-1.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('journal', () => {
  it('appends one JSON object per line, in order, and reads them back', async () => {
    const journal = await openJournal(path, EntrySchema);
    await Promise.all([0, 1, 2, 3, 4].map((n) => journal.append({ step: 'grant', n })));
    await journal.close();
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(6);
    const content = await readJournal(path, EntrySchema);
    expect(content.entries.map((e) => e.n)).toEqual([0, 1, 2, 3, 4]);
    expect(content).toMatchObject({ tornTail: false, problems: [] });
  });

  it('refuses an invalid entry without writing it, and keeps accepting valid ones', async () => {
    const journal = await openJournal(path, EntrySchema);
    await expect(journal.append({ step: 'grant', n: 1.5 })).rejects.toThrow();
    await journal.append({ step: 'verify', n: 2 });
    await journal.close();
    expect((await readJournal(path, EntrySchema)).entries).toEqual([{ step: 'verify', n: 2 }]);
  });

  it('survives a crash in the middle of an append: the torn line is ignored, then cut off on reopen', async () => {
    const first = await openJournal(path, EntrySchema);
    await first.append({ step: 'discover', n: 1 });
    await first.append({ step: 'sign-in', n: 2 });
    await first.close();
    // What a power loss during the third append leaves behind: half a line, no newline.
    appendFileSync(path, '{"step":"gra');

    const afterCrash = await readJournal(path, EntrySchema);
    expect(afterCrash.entries.map((e) => e.step)).toEqual(['discover', 'sign-in']);
    expect(afterCrash).toMatchObject({ tornTail: true, problems: [] });

    const resumed = await openJournal(path, EntrySchema);
    await resumed.append({ step: 'grant', n: 3 });
    await resumed.close();
    const content = await readJournal(path, EntrySchema);
    expect(content.entries.map((e) => e.step)).toEqual(['discover', 'sign-in', 'grant']);
    expect(content).toMatchObject({ tornTail: false, problems: [] });
  });

  it('reports damaged complete lines with their line numbers instead of dropping them silently', () => {
    const text = '{"step":"a","n":1}\nnot json\n{"step":"b"}\n{"step":"c","n":3}\n';
    const content = parseJournal(text, EntrySchema);
    expect(content.entries.map((e) => e.step)).toEqual(['a', 'c']);
    expect(content.problems.map((p) => p.line)).toEqual([2, 3]);
  });

  it('treats a missing file as an empty journal', async () => {
    expect(await readJournal(join(dir, 'none.jsonl'), EntrySchema)).toEqual({
      entries: [],
      tornTail: false,
      problems: [],
    });
  });

  it('refuses appends after close', async () => {
    const journal = await openJournal(path, EntrySchema);
    await journal.close();
    await expect(journal.append({ step: 'late', n: 1 })).rejects.toThrow(/closed/);
  });
});
