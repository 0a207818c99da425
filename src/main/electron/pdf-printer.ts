import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { PaperSize, PdfPrinter } from '../report/pdf-printer';

/** What the PDF printer needs from the adapter: the one window constructor (hardened preferences enforced there). */
export interface ElectronPdfPrinterDeps {
  readonly createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
}

/**
 * Prints a report with Electron's `webContents.printToPDF`: an offscreen window, JavaScript off, on an in-memory
 * session of its own that refuses every network request, loads the self-contained HTML and prints it. Margins,
 * page numbers and marks come from the page's own `@page` rule.
 * https://www.electronjs.org/docs/latest/api/web-contents#contentsprinttopdfoptions
 */
export const createElectronPdfPrinter = (deps: ElectronPdfPrinterDeps): PdfPrinter => ({
  async printHtmlToPdf(html: string, { pageSize }: { readonly pageSize: PaperSize }): Promise<Uint8Array> {
    const window = deps.createWindow({
      show: false,
      webPreferences: {
        javascript: false,
        offscreen: true,
        partition: `report-${Date.now()}-${Math.random()}`,
      },
    });
    try {
      const contents = window.webContents;
      // The report is self-contained: anything it would fetch is refused, so the PDF shows only what it holds.
      contents.session.webRequest.onBeforeRequest((details, callback) =>
        callback({ cancel: !details.url.startsWith('data:') }),
      );
      await contents.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      const pdf = await contents.printToPDF({ pageSize, printBackground: true, preferCSSPageSize: false });
      return new Uint8Array(pdf);
    } finally {
      window.destroy();
    }
  },
});
