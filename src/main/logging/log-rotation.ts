import { renameSync, rmSync } from 'node:fs';
import { join, parse } from 'node:path';

/** The name of the `index`th archived copy of a log file: `main.log` → `main.1.log`. */
export const archivedLogPath = (path: string, index: number): string => {
  const { dir, name, ext } = parse(path);
  return join(dir, `${name}.${index}${ext}`);
};

/**
 * Shifts `main.log` to `main.1.log`, `main.1.log` to `main.2.log` and so on, dropping the oldest beyond `keep`.
 *
 * Synchronous, because electron-log calls it in the middle of a synchronous write.
 */
export const rotateLogFilesSync = (path: string, keep: number): void => {
  rmSync(archivedLogPath(path, keep), { force: true });
  for (let index = keep - 1; index >= 1; index -= 1) {
    try {
      renameSync(archivedLogPath(path, index), archivedLogPath(path, index + 1));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  renameSync(path, archivedLogPath(path, 1));
};
