import type { z } from 'zod';
import type { FileExportResultSchema } from '../../shared/bridge/contract';

/** A file the app offers the technician to keep: a report or an exported profile. */
export interface FileToSave {
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  /** The save dialog's filter: "PDF document" with its extensions. */
  readonly filter: { readonly name: string; readonly extensions: readonly string[] };
}

/** Where an exported file goes: a save dialog in the desktop app, a browser download in the preview. */
export interface FileSaver {
  save(file: FileToSave): Promise<z.input<typeof FileExportResultSchema>>;
}

/** The preview's saver: the file travels over the bridge and the browser downloads it. */
export const downloadSaver: FileSaver = {
  save: async (file) => ({
    kind: 'download',
    fileName: file.fileName,
    mimeType: file.mimeType,
    base64: Buffer.from(file.bytes).toString('base64'),
  }),
};
