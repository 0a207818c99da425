import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** One page of a PDF: its size in points and its text as pdf.js extracts it. */
export interface PdfPage {
  readonly width: number;
  readonly height: number;
  /** Text items joined, a line break where pdf.js reports one. */
  readonly text: string;
}

/** Extracts every page's text with pdf.js (no rendering, no worker). */
export const pdfPages = async (bytes: Uint8Array): Promise<readonly PdfPage[]> => {
  const document = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
  }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const page = await document.getPage(n);
      const [, , width = 0, height = 0] = page.view;
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : ''))
        .join('');
      pages.push({ width, height, text });
    }
    return pages;
  } finally {
    await document.destroy();
  }
};

/** Text without any whitespace: a word wrapped across lines reads whole again. */
export const squeezed = (text: string): string => text.replace(/\s+/g, '');
