/**
 * Hands a file to the browser's downloads, as the preview's answer to "export" (the desktop app saves through a
 * dialog in the main process instead). The object URL is released once the click has started the download.
 */
export const downloadFile = (fileName: string, mimeType: string, data: BlobPart): void => {
  const url = URL.createObjectURL(new Blob([data], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

/** Decodes the base64 a download arrives in over the bridge. */
export const base64Bytes = (base64: string): Uint8Array<ArrayBuffer> => {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
};
