import { readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DEFAULT_PROFILE } from '../../shared/profile/default-profile';
import { exportProfile } from '../../shared/profile/export-profile';
import {
  formatProfileImportIssue,
  importProfile,
  type ProfileImportIssue,
} from '../../shared/profile/import-profile';
import { type PermissionProfile, PermissionProfileSchema } from '../../shared/profile/permission-profile';
import { writeFileAtomic } from './atomic-file';
import { corruptedFileName } from './json-file';

/** The ID of the built-in default profile, which is not a file and cannot be replaced or removed. */
export const BUILT_IN_PROFILE_ID = 'built-in';

/** A profile the technician can pick: its ID (the target app's appId, or `built-in`) and the profile. */
export type StoredProfile = {
  readonly id: string;
  readonly builtIn: boolean;
  readonly profile: PermissionProfile;
};

/** A saved profile file that could not be read and was moved aside, never deleted. */
export type MovedAsideProfile = {
  readonly file: string;
  readonly movedTo: string;
  /** A sentence for the technician: which file, why, and where it went. */
  readonly message: string;
};

/** Every profile available, and any damaged file found (and moved aside) while listing. */
export type ProfileListing = {
  readonly profiles: readonly StoredProfile[];
  readonly movedAside: readonly MovedAsideProfile[];
};

/** What importing profile text did. Nothing is written unless the outcome is `saved`. */
export type ProfileImportOutcome =
  | { readonly kind: 'saved'; readonly stored: StoredProfile; readonly replaced: boolean }
  | { readonly kind: 'invalid'; readonly issues: readonly ProfileImportIssue[] }
  /** A profile for the same target app is already saved and `replace` was not asked for. */
  | { readonly kind: 'exists'; readonly existing: StoredProfile; readonly imported: PermissionProfile };

/** Saved permission profiles in a data folder. */
export type ProfileStore = {
  /** The built-in default first, then every saved profile by name. Damaged files are moved aside. */
  readonly list: () => Promise<ProfileListing>;
  /** One profile by ID; null when there is none (or its file was damaged and moved aside). */
  readonly get: (id: string) => Promise<StoredProfile | null>;
  /** Saves a profile under its target app's appId, atomically, replacing the one saved for that app. */
  readonly save: (profile: PermissionProfile) => Promise<StoredProfile>;
  /**
   * Imports profile text. Invalid text changes nothing on disk; a valid profile for an app that already has
   * one is saved only with `replace: true`.
   */
  readonly importText: (
    text: string,
    options?: { readonly replace?: boolean },
  ) => Promise<ProfileImportOutcome>;
  /** A profile's text as exported (stable JSON); null when there is none. */
  readonly exportText: (id: string) => Promise<string | null>;
  /** Deletes a saved profile; false when there was none. The built-in profile cannot be removed. */
  readonly remove: (id: string) => Promise<boolean>;
};

/** Options for {@link createProfileStore}. */
export type ProfileStoreOptions = {
  /** The app's data folder; profiles live in its `profiles` subfolder. */
  readonly dataDir: string;
  /** The clock used to name damaged files moved aside. */
  readonly now?: () => Date;
};

const GUID_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.json$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const builtIn: StoredProfile = { id: BUILT_IN_PROFILE_ID, builtIn: true, profile: DEFAULT_PROFILE };

const nameOf = (stored: StoredProfile): string => stored.profile.name ?? stored.profile.targetApp.displayName;

/**
 * Opens the profile store of a data folder. Each saved profile is one file, `profiles/<appId>.json`, written
 * atomically (temp file, fsync, rename, fsync of the folder) in the export format, so a crash leaves the old
 * or the new profile, never half of one. A file that no longer reads as a profile is renamed aside with a
 * timestamp and reported, never deleted.
 */
export const createProfileStore = (options: ProfileStoreOptions): ProfileStore => {
  const folder = join(options.dataDir, 'profiles');
  const now = options.now ?? (() => new Date());
  const pathOf = (appId: string): string => join(folder, `${appId}.json`);

  // One operation at a time, so an import cannot interleave with a save of the same file.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(operation: () => Promise<T>): Promise<T> => {
    const result = queue.then(operation, operation);
    queue = result.catch(() => undefined);
    return result;
  };

  const moveAside = async (file: string, reason: string): Promise<MovedAsideProfile> => {
    const path = join(folder, file);
    const movedTo = corruptedFileName(path, now());
    await rename(path, movedTo);
    return {
      file,
      movedTo,
      message: `The saved profile ${file} could not be used because ${reason}. It was moved to ${movedTo}; fix it and import it again.`,
    };
  };

  /** Reads one saved file: the profile, nothing, or a damaged file moved aside. */
  const readSaved = async (
    appId: string,
  ): Promise<
    | { kind: 'loaded'; stored: StoredProfile }
    | { kind: 'missing' }
    | { kind: 'moved'; moved: MovedAsideProfile }
  > => {
    let text: string;
    try {
      text = await readFile(pathOf(appId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw error;
    }
    const file = basename(pathOf(appId));
    const result = importProfile(text);
    if (!result.ok) {
      const first = result.issues[0];
      const reason = first === undefined ? 'it is not a profile' : formatProfileImportIssue(first);
      return { kind: 'moved', moved: await moveAside(file, reason) };
    }
    if (result.profile.targetApp.appId !== appId) {
      return {
        kind: 'moved',
        moved: await moveAside(
          file,
          `its target app (${result.profile.targetApp.appId}) does not match its file name`,
        ),
      };
    }
    return { kind: 'loaded', stored: { id: appId, builtIn: false, profile: result.profile } };
  };

  const write = async (profile: PermissionProfile): Promise<StoredProfile> => {
    const valid = PermissionProfileSchema.parse(profile);
    await writeFileAtomic(pathOf(valid.targetApp.appId), exportProfile(valid));
    return { id: valid.targetApp.appId, builtIn: false, profile: valid };
  };

  const list = async (): Promise<ProfileListing> => {
    let files: string[];
    try {
      files = await readdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: [builtIn], movedAside: [] };
      throw error;
    }
    const saved: StoredProfile[] = [];
    const movedAside: MovedAsideProfile[] = [];
    for (const file of files.sort()) {
      const appId = GUID_FILE.exec(file)?.[1];
      if (appId === undefined) continue; // temp files, files moved aside, anything else
      const read = await readSaved(appId);
      if (read.kind === 'loaded') saved.push(read.stored);
      else if (read.kind === 'moved') movedAside.push(read.moved);
    }
    saved.sort((a, b) => nameOf(a).localeCompare(nameOf(b)) || a.id.localeCompare(b.id));
    return { profiles: [builtIn, ...saved], movedAside };
  };

  const get = async (id: string): Promise<StoredProfile | null> => {
    if (id === BUILT_IN_PROFILE_ID) return builtIn;
    const appId = id.toLowerCase();
    if (!GUID.test(appId)) return null;
    const read = await readSaved(appId);
    return read.kind === 'loaded' ? read.stored : null;
  };

  return {
    list: () => serial(list),
    get: (id) => serial(() => get(id)),
    save: (profile) => serial(() => write(profile)),
    importText: (text, importOptions = {}) =>
      serial(async (): Promise<ProfileImportOutcome> => {
        const result = importProfile(text);
        if (!result.ok) return { kind: 'invalid', issues: result.issues };
        const existing = await get(result.profile.targetApp.appId);
        if (existing !== null && importOptions.replace !== true) {
          return { kind: 'exists', existing, imported: result.profile };
        }
        return { kind: 'saved', stored: await write(result.profile), replaced: existing !== null };
      }),
    exportText: (id) =>
      serial(async () => {
        const stored = await get(id);
        return stored === null ? null : exportProfile(stored.profile);
      }),
    remove: (id) =>
      serial(async () => {
        const appId = id.toLowerCase();
        if (id === BUILT_IN_PROFILE_ID || !GUID.test(appId)) return false;
        try {
          await rm(pathOf(appId));
          return true;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
          throw error;
        }
      }),
  };
};
