/** Why the directory refused a change. */
export type DirectoryErrorCode = 'not-found' | 'conflict' | 'invalid';

/** A change the directory refuses (unknown object, duplicate, inconsistent reference). */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  constructor(
    readonly code: DirectoryErrorCode,
    message: string,
  ) {
    super(message);
  }
}
