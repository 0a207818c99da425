import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { writeFileAtomic } from '../../../../src/main/storage/atomic-file';
import { corruptedFileName, readJsonFile, writeJsonFile } from '../../../../src/main/storage/json-file';

const SettingsSchema = z.object({ theme: z.enum(['light', 'dark']), recent: z.array(z.string()) }).strict();

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'storage-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fixedNow = () => new Date('2025-03-04T05:06:07.089Z');

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temp file behind', async () => {
    const path = join(dir, 'nested', 'settings.json');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(join(dir, 'nested'))).toEqual(['settings.json']);
  });

  it('keeps the old content when the write fails, and cleans up its temp file', async () => {
    const path = join(dir, 'settings.json');
    await writeFileAtomic(path, 'old');
    // A directory at the target path makes the final rename fail after the temp file was written.
    const blocked = join(dir, 'blocked');
    await writeFileAtomic(join(blocked, 'x'), 'x');
    await expect(writeFileAtomic(blocked, 'new')).rejects.toThrow();
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'settings.json']);
  });
});

describe('readJsonFile', () => {
  it('round-trips valid data', async () => {
    const path = join(dir, 'settings.json');
    await writeJsonFile(path, SettingsSchema, { theme: 'dark', recent: ['contoso.com'] });
    expect(await readJsonFile(path, SettingsSchema)).toEqual({
      kind: 'loaded',
      data: { theme: 'dark', recent: ['contoso.com'] },
    });
  });

  it('refuses to write data that does not match the schema', async () => {
    const path = join(dir, 'settings.json');
    await expect(writeJsonFile(path, SettingsSchema, { theme: 'blue' } as never)).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says a missing file is missing', async () => {
    expect(await readJsonFile(join(dir, 'nope.json'), SettingsSchema)).toEqual({ kind: 'missing' });
  });

  it('moves a file that is not JSON aside with a timestamp and explains, without throwing', async () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, '{"theme": "dark", "rec');
    const result = await readJsonFile(path, SettingsSchema, fixedNow);
    const movedTo = join(dir, 'settings.corrupted-2025-03-04T05-06-07-089Z.json');
    expect(result).toEqual({
      kind: 'corrupted',
      movedTo,
      message: expect.stringContaining('not valid JSON'),
    });
    expect(readdirSync(dir)).toEqual(['settings.corrupted-2025-03-04T05-06-07-089Z.json']);
    expect(readFileSync(movedTo, 'utf8')).toBe('{"theme": "dark", "rec');
  });

  it('moves a file with a wrong field aside and names the field', async () => {
    const path = join(dir, 'settings.json');
    writeFileSync(path, JSON.stringify({ theme: 'blue', recent: [] }));
    const result = await readJsonFile(path, SettingsSchema, fixedNow);
    expect(result.kind).toBe('corrupted');
    expect(result.kind === 'corrupted' && result.message).toMatch(/field theme is invalid/);
    expect(await readJsonFile(path, SettingsSchema)).toEqual({ kind: 'missing' });
  });

  it('names a corrupted copy without an extension too', () => {
    expect(corruptedFileName('/data/profile', fixedNow())).toBe(
      join('/data', 'profile.corrupted-2025-03-04T05-06-07-089Z'),
    );
  });
});
