import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../../../src/main/storage/settings-store';
import { effectivePracticeMode } from '../../../../src/shared/settings/settings';

const GLOBAL_ID = '0b2f5e8a-6c4d-4e1f-9a3b-7c8d9e0f1a2b';
const US_GOV_ID = '7d1e4c2b-3a5f-4b6c-8d7e-9f0a1b2c3d4e';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'pia-settings-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('sign-in app client IDs per cloud', () => {
  it('reads a settings file with the single client ID of earlier versions as the Global one', async () => {
    await writeFile(
      join(dataDir, 'settings.json'),
      JSON.stringify({ technicianName: 'Alex', signInClientId: GLOBAL_ID, practiceMode: false }),
    );
    const store = createSettingsStore(dataDir);
    const settings = await store.get();
    expect(store.recovered()).toBeNull();
    expect(settings.signInClientIds).toEqual({ global: GLOBAL_ID, 'us-government': null, china: null });
    expect(settings.technicianName).toBe('Alex');
    expect(effectivePracticeMode(settings)).toBe(false);
  });

  it('changes only the clouds a change names, and writes the new shape', async () => {
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ signInClientId: GLOBAL_ID }));
    const store = createSettingsStore(dataDir);
    const next = await store.update({ signInClientIds: { 'us-government': US_GOV_ID } });
    expect(next.signInClientIds).toEqual({ global: GLOBAL_ID, 'us-government': US_GOV_ID, china: null });
    const written = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'));
    expect(written.signInClientId).toBeUndefined();
    expect(written.signInClientIds).toEqual(next.signInClientIds);
    const cleared = await store.update({ signInClientIds: { global: null, 'us-government': null } });
    expect(effectivePracticeMode(cleared)).toBe(true);
  });
});
