import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_IN_PROFILE_ID, createProfileStore } from '../../../../src/main/storage/profile-store';
import { DEFAULT_PROFILE } from '../../../../src/shared/profile/default-profile';
import { exportProfile } from '../../../../src/shared/profile/export-profile';

const PIA = '11111111-2222-4333-8444-555555555555';
const GRAPH = '00000003-0000-0000-c000-000000000000';

const piaProfileText = (application: readonly string[] = ['Group.ReadWrite.All']) =>
  JSON.stringify({
    schemaVersion: 1,
    name: 'Pia (production)',
    targetApp: { displayName: 'Pia', appId: PIA },
    permissions: [{ resourceAppId: GRAPH, resourceDisplayName: 'Microsoft Graph', application }],
  });

let dataDir: string;
const fixedNow = () => new Date('2026-11-28T10:00:00.000Z');

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'profile-store-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('profile store', () => {
  it('offers the built-in default profile in an empty data folder', async () => {
    const store = createProfileStore({ dataDir });
    const listing = await store.list();
    expect(listing.profiles).toEqual([{ id: BUILT_IN_PROFILE_ID, builtIn: true, profile: DEFAULT_PROFILE }]);
    expect(listing.movedAside).toEqual([]);
  });

  it('imports a profile, saves it under its appId in the export format, and lists it', async () => {
    const store = createProfileStore({ dataDir });
    const outcome = await store.importText(piaProfileText());
    expect(outcome).toMatchObject({ kind: 'saved', replaced: false, stored: { id: PIA } });
    const onDisk = await readFile(join(dataDir, 'profiles', `${PIA}.json`), 'utf8');
    if (outcome.kind !== 'saved') throw new Error('expected saved');
    expect(onDisk).toBe(exportProfile(outcome.stored.profile));
    // A fresh store (the app restarted) finds it.
    const listing = await createProfileStore({ dataDir }).list();
    expect(listing.profiles.map((p) => p.id)).toEqual([BUILT_IN_PROFILE_ID, PIA]);
    expect(await createProfileStore({ dataDir }).exportText(PIA)).toBe(onDisk);
  });

  it('leaves the saved profile untouched when invalid text is imported over it', async () => {
    const store = createProfileStore({ dataDir });
    await store.importText(piaProfileText());
    const before = await readFile(join(dataDir, 'profiles', `${PIA}.json`), 'utf8');

    const broken = piaProfileText().replace('"Group.ReadWrite.All"', '42');
    const outcome = await store.importText(broken, { replace: true });
    expect(outcome.kind).toBe('invalid');
    expect(outcome.kind === 'invalid' && outcome.issues[0]?.path).toBe('permissions[0].application[0]');

    expect(await readFile(join(dataDir, 'profiles', `${PIA}.json`), 'utf8')).toBe(before);
    expect(await readdir(join(dataDir, 'profiles'))).toEqual([`${PIA}.json`]);
  });

  it('asks before replacing a profile saved for the same app, and replaces it when told to', async () => {
    const store = createProfileStore({ dataDir });
    await store.importText(piaProfileText());
    const second = piaProfileText(['Group.ReadWrite.All', 'TeamMember.ReadWrite.All']);
    const asked = await store.importText(second);
    expect(asked).toMatchObject({ kind: 'exists', existing: { id: PIA } });
    expect((await store.get(PIA))?.profile.permissions[0]?.application).toHaveLength(1);

    const replaced = await store.importText(second, { replace: true });
    expect(replaced).toMatchObject({ kind: 'saved', replaced: true });
    expect((await store.get(PIA))?.profile.permissions[0]?.application).toHaveLength(2);
  });

  it('moves a damaged file aside with a message naming the problem, and keeps listing the rest', async () => {
    const store = createProfileStore({ dataDir, now: fixedNow });
    await store.importText(piaProfileText());
    const other = '22222222-3333-4444-8555-666666666666';
    const damagedPath = join(dataDir, 'profiles', `${other}.json`);
    await writeFile(damagedPath, '{ "schemaVersion": 1, "targetApp": ');

    const listing = await store.list();
    expect(listing.profiles.map((p) => p.id)).toEqual([BUILT_IN_PROFILE_ID, PIA]);
    const movedTo = join(dataDir, 'profiles', `${other}.corrupted-2026-11-28T10-00-00-000Z.json`);
    expect(listing.movedAside).toEqual([
      {
        file: `${other}.json`,
        movedTo,
        message: expect.stringContaining('not valid JSON'),
      },
    ]);
    // Never lost: the damaged content is still there, under its new name.
    expect(await readFile(movedTo, 'utf8')).toBe('{ "schemaVersion": 1, "targetApp": ');
    expect(await store.list()).toMatchObject({ movedAside: [] });
  });

  it('moves aside a file whose profile names another app than its file name', async () => {
    const store = createProfileStore({ dataDir, now: fixedNow });
    await store.importText(piaProfileText());
    const other = '22222222-3333-4444-8555-666666666666';
    await writeFile(join(dataDir, 'profiles', `${other}.json`), piaProfileText());
    const listing = await store.list();
    expect(listing.profiles.map((p) => p.id)).toEqual([BUILT_IN_PROFILE_ID, PIA]);
    expect(listing.movedAside[0]?.message).toContain('does not match its file name');
  });

  it('removes saved profiles but never the built-in one', async () => {
    const store = createProfileStore({ dataDir });
    await store.importText(piaProfileText());
    expect(await store.remove(BUILT_IN_PROFILE_ID)).toBe(false);
    expect(await store.remove(PIA)).toBe(true);
    expect(await store.remove(PIA)).toBe(false);
    expect((await store.list()).profiles.map((p) => p.id)).toEqual([BUILT_IN_PROFILE_ID]);
  });

  it('ignores IDs that could escape the profiles folder', async () => {
    const store = createProfileStore({ dataDir });
    expect(await store.get('../settings')).toBeNull();
    expect(await store.remove('../../etc/passwd')).toBe(false);
  });

  it('keeps both profiles when two imports race', async () => {
    const store = createProfileStore({ dataDir });
    const other = piaProfileText().replace(PIA, '22222222-3333-4444-8555-666666666666');
    const results = await Promise.all([store.importText(piaProfileText()), store.importText(other)]);
    expect(results.map((r) => r.kind)).toEqual(['saved', 'saved']);
    expect((await store.list()).profiles).toHaveLength(3);
  });
});
