import { type Browser, chromium, type LaunchOptions } from '@playwright/test';
import type { PaperSize } from '../../shared/report/report-format';
import type { PdfPrinter } from '../report/pdf-printer';

/** A {@link PdfPrinter} over a Chromium that Playwright drives; `close` ends the browser. */
export interface ChromiumPdfPrinter extends PdfPrinter {
  close(): Promise<void>;
}

/**
 * Prints reports with Chromium's `page.pdf()`, for tests and the browser preview (the app prints with Electron's
 * `printToPDF`, src/main/electron/pdf-printer.ts). It lives in src/main/preview because `@playwright/test` is a
 * development dependency: lint refuses Playwright anywhere else in src/, and nothing outside the preview may import
 * the preview, so the Electron main bundle never reaches it. `launchOptions` names the Chromium to use
 * (chromium-launch.ts finds one without downloading). The page gets no network at all: every request is aborted, so
 * the PDF shows exactly what the self-contained HTML holds.
 * https://playwright.dev/docs/api/class-page#page-pdf
 */
export const createChromiumPdfPrinter = (launchOptions: LaunchOptions): ChromiumPdfPrinter => {
  let browser: Promise<Browser> | null = null;
  const launched = (): Promise<Browser> => {
    browser ??= chromium.launch({ ...launchOptions, headless: true });
    return browser;
  };
  return {
    async printHtmlToPdf(html: string, { pageSize }: { readonly pageSize: PaperSize }): Promise<Uint8Array> {
      const context = await (await launched()).newContext({ offline: true, javaScriptEnabled: false });
      try {
        await context.route('**/*', (route) => route.abort('blockedbyclient'));
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({
          format: pageSize,
          printBackground: true,
          // Margins, page numbers and marks come from the page's own @page rule.
          preferCSSPageSize: false,
          displayHeaderFooter: false,
          tagged: true,
        });
        return new Uint8Array(pdf);
      } finally {
        await context.close();
      }
    },
    async close(): Promise<void> {
      if (browser !== null) await (await browser).close();
      browser = null;
    },
  };
};
