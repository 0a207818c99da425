import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Flushes a directory's entry table to disk, so a rename inside it survives a power loss.
 *
 * POSIX needs the directory fsynced after a rename; Windows cannot open a directory for fsync (EISDIR/EPERM) and
 * makes the rename durable by itself (MoveFileEx with MOVEFILE_WRITE_THROUGH semantics in libuv), so failure there
 * is expected and ignored.
 */
export const fsyncDirectory = async (directory: string): Promise<void> => {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform or file system: the rename itself is the best we can do.
  } finally {
    await handle?.close().catch(() => undefined);
  }
};

/**
 * Writes a file so that, after a crash at any moment, it holds either its old content or its new content,
 * never a mixture: write a temp file beside it, fsync it, rename it over the target, fsync the directory.
 */
export const writeFileAtomic = async (path: string, content: string | Uint8Array): Promise<void> => {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true });
  // The temp file lives in the same directory: a rename is atomic only within one file system.
  const temp = join(directory, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(directory);
};
