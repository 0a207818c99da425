import { dirname, join } from 'node:path';
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { FileSaver } from '../files/file-saver';
import { writeFileAtomic } from '../storage/atomic-file';
import type { SettingsStore } from '../storage/settings-store';

/** What the save-dialog saver needs from the adapter. */
export interface SaveDialogSaverDeps {
  readonly showSaveDialog: (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  readonly settings: () => SettingsStore;
  /** Where the first dialog opens (the Documents folder). */
  readonly defaultFolder: () => string;
}

/**
 * The desktop app's saver: a save dialog opening in the folder of the last file saved, the file written atomically
 * where the technician chose. Nothing is written when the dialog is cancelled.
 */
export const createSaveDialogSaver = (deps: SaveDialogSaverDeps): FileSaver => ({
  async save(file) {
    const settings = deps.settings();
    const folder = (await settings.get()).lastExportFolder ?? deps.defaultFolder();
    const choice = await deps.showSaveDialog({
      title: 'Save',
      defaultPath: join(folder, file.fileName),
      filters: [{ name: file.filter.name, extensions: [...file.filter.extensions] }],
    });
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '')
      return { kind: 'cancelled' };
    await writeFileAtomic(choice.filePath, file.bytes);
    await settings.rememberExportFolder(dirname(choice.filePath));
    return { kind: 'saved', path: choice.filePath };
  },
});
