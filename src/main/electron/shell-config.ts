import { updateFeedUrlFrom } from './updates';

/** What the desktop shell reads from its environment at start. */
export interface ShellConfig {
  /**
   * The generic update server override (`PIA_UPDATE_URL`), https only, and only when running from source: an
   * installed copy updates from the server baked into its installer, whatever the environment says. On Linux
   * (AppImage, deb) and unsigned Windows builds the updater trusts the hash the same server sends, so an override
   * would let anything that can set a variable for the user choose the code the app installs.
   */
  readonly updateFeedUrl: string | undefined;
  /** The MSP's own documentation origin (`PIA_DOCS_URL`), which links may open besides Microsoft's docs. */
  readonly docsOrigin: string | undefined;
  /** Whether reload and developer tools are offered: only when running from source (`!app.isPackaged`). */
  readonly development: boolean;
}

/** Reads the shell's configuration from environment variables; malformed values count as absent. */
export const shellConfigFrom = (
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
): ShellConfig => {
  let docsOrigin: string | undefined;
  try {
    const docs = env.PIA_DOCS_URL === undefined ? undefined : new URL(env.PIA_DOCS_URL);
    docsOrigin = docs?.protocol === 'https:' ? docs.origin : undefined;
  } catch {
    docsOrigin = undefined;
  }
  return {
    updateFeedUrl: isPackaged ? undefined : updateFeedUrlFrom(env),
    docsOrigin,
    development: !isPackaged,
  };
};
