import type { PaperSize } from '../../shared/report/report-format';

export type { PaperSize };

/**
 * Prints a self-contained HTML page to PDF. The app implements it with Electron's `webContents.printToPDF`
 * (src/main/electron/pdf-printer.ts); tests and the browser preview use Chromium's `page.pdf()`
 * (src/main/preview/chromium-pdf-printer.ts). Either must print CSS backgrounds and draw the page's `@page` margin
 * boxes (page numbers, digest, practice mark), so `displayHeaderFooter` stays off and `pageSize` picks the paper.
 * https://www.electronjs.org/docs/latest/api/web-contents#contentsprinttopdfoptions
 */
export interface PdfPrinter {
  printHtmlToPdf(html: string, options: { readonly pageSize: PaperSize }): Promise<Uint8Array>;
}
