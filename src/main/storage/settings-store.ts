import { join } from 'node:path';
import type { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  type Settings,
  type SettingsPatchSchema,
  SettingsSchema,
} from '../../shared/settings/settings';
import { readJsonFile, writeJsonFile } from './json-file';

/** The technician's settings in the app's data folder (`settings.json`). */
export interface SettingsStore {
  get(): Promise<Settings>;
  update(patch: z.infer<typeof SettingsPatchSchema>): Promise<Settings>;
  /** Remembers the folder of the last report saved (not a setting the renderer may change). */
  rememberExportFolder(folder: string): Promise<Settings>;
  /** The sentence to show once when a damaged settings file was moved aside at start; null otherwise. */
  readonly recovered: () => string | null;
}

/**
 * Opens the settings of a data folder. The file is read once and cached; every change is written atomically.
 * A damaged file is moved aside (never deleted) and the app goes on with defaults.
 */
export const createSettingsStore = (dataDir: string, now: () => Date = () => new Date()): SettingsStore => {
  const path = join(dataDir, 'settings.json');
  let cached: Settings | null = null;
  let recovered: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const load = async (): Promise<Settings> => {
    if (cached !== null) return cached;
    const read = await readJsonFile(path, SettingsSchema, now);
    if (read.kind === 'corrupted') recovered = read.message;
    cached = read.kind === 'loaded' ? read.data : DEFAULT_SETTINGS;
    return cached;
  };
  return {
    get: load,
    update(patch) {
      return change(patch);
    },
    rememberExportFolder(folder) {
      return change({ lastExportFolder: folder });
    },
    recovered: () => recovered,
  };

  function change(
    patch: z.infer<typeof SettingsPatchSchema> & { lastExportFolder?: string },
  ): Promise<Settings> {
    // Changes apply one after another so two quick edits never lose one another.
    const next = queue.then(async () => {
      const current = await load();
      // A sign-in app change names only the clouds it changes; the others keep their IDs.
      const merged = SettingsSchema.parse({
        ...current,
        ...patch,
        signInClientIds: { ...current.signInClientIds, ...patch.signInClientIds },
      });
      await writeJsonFile(path, SettingsSchema, merged);
      cached = merged;
      return merged;
    });
    queue = next.catch(() => undefined);
    return next;
  }
};
