/** What a check for updates found, in words the technician can act on. */
export type UpdateCheck =
  | { readonly kind: 'not-configured' }
  | { readonly kind: 'development' }
  | { readonly kind: 'up-to-date'; readonly version: string }
  | { readonly kind: 'available'; readonly version: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** The part of electron-updater's `autoUpdater` the app uses, so the service is tested with a fake. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<{
    readonly isUpdateAvailable: boolean;
    readonly updateInfo: { version: string };
  } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

/**
 * The update server override from the environment: `PIA_UPDATE_URL`, an https URL of a folder holding the files
 * electron-builder publishes (`latest.yml`, `latest-mac.yml`, `latest-linux.yml` and the installers).
 * Installers carry the server they were built with; this variable points one machine elsewhere.
 */
export const updateFeedUrlFrom = (env: Readonly<Record<string, string | undefined>>): string | undefined => {
  const raw = env.PIA_UPDATE_URL?.trim();
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw);
    // Updates are code the app will run: only over https.
    return url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
};

/** The sentence shown after a check. */
export const updateCheckMessage = (check: UpdateCheck, currentVersion: string): string => {
  switch (check.kind) {
    case 'not-configured':
      return 'No update server is configured for this copy. Ask your administrator for an installer built with the update address, or install new versions by hand.';
    case 'development':
      return 'Updates are checked only in an installed copy of the app.';
    case 'up-to-date':
      return `You have the latest version (${currentVersion}).`;
    case 'available':
      return `Version ${check.version} is available (you have ${currentVersion}).`;
    case 'failed':
      return `The update server could not be reached: ${check.reason}`;
    default: {
      const never: never = check;
      return String(never);
    }
  }
};

/** Checks for and installs updates from the configured generic server; never throws. */
export interface UpdateService {
  check(): Promise<UpdateCheck>;
  /** Downloads the available update, then quits and installs it. */
  downloadAndInstall(): Promise<UpdateCheck | undefined>;
}

/** Creates the update service over electron-updater's `autoUpdater`. */
export const createUpdateService = (deps: {
  readonly updater: Updater;
  /** PIA_UPDATE_URL from the environment, when running from source (shell-config.ts); installed copies pass none. */
  readonly feedUrl: string | undefined;
  /** Whether the installed app carries electron-builder's `app-update.yml` (its publish URL). */
  readonly packagedFeed: boolean;
  readonly isPackaged: boolean;
  readonly log: { warn(message: string, detail?: unknown): void };
}): UpdateService => {
  const { updater, feedUrl } = deps;
  const configured = feedUrl !== undefined || deps.packagedFeed;
  if (feedUrl !== undefined) updater.setFeedURL({ provider: 'generic', url: feedUrl });
  // The technician decides when: never download or install behind their back in the middle of a run.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;
  const failure = (error: unknown): UpdateCheck => {
    deps.log.warn('Update check failed', error);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { kind: 'failed', reason: reason ?? 'unknown error' };
  };
  return {
    async check() {
      if (!configured) return { kind: 'not-configured' };
      if (!deps.isPackaged) return { kind: 'development' };
      try {
        const result = await updater.checkForUpdates();
        if (result === null) return { kind: 'development' };
        return result.isUpdateAvailable
          ? { kind: 'available', version: result.updateInfo.version }
          : { kind: 'up-to-date', version: result.updateInfo.version };
      } catch (error) {
        return failure(error);
      }
    },
    async downloadAndInstall() {
      try {
        await updater.downloadUpdate();
        updater.quitAndInstall(false, true);
        return undefined;
      } catch (error) {
        return failure(error);
      }
    },
  };
};
