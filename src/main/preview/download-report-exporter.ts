import type { ReportExporter } from '../bridge/handlers';
import type { RunManager } from '../onboarding/run-manager';
import { exportReport } from '../report/export-report';
import type { PdfPrinter } from '../report/pdf-printer';

/** Options of {@link createDownloadReportExporter}. */
export interface DownloadReportExporterOptions {
  readonly printer: PdfPrinter;
  readonly runs: RunManager;
  readonly toolVersion: string;
  readonly now?: () => Date;
}

/** The preview's reports: the file travels to the browser, which downloads it (the desktop app uses a save dialog). */
export const createDownloadReportExporter = (options: DownloadReportExporterOptions): ReportExporter => {
  const deps = (runId: string, pageSize: 'A4' | 'Letter' = 'A4') => ({
    toolVersion: options.toolVersion,
    now: options.now ?? (() => new Date()),
    pdfPrinter: options.printer,
    pageSize,
    live: options.runs.isLive(runId),
  });
  return {
    async export(record, format, pageSize) {
      const file = await exportReport(record, format, deps(record.runId, pageSize));
      return {
        kind: 'download',
        fileName: file.fileName,
        mimeType: file.mimeType,
        base64: Buffer.from(file.bytes).toString('base64'),
      };
    },
    async summary(record) {
      const file = await exportReport(record, 'summary', deps(record.runId));
      return new TextDecoder().decode(file.bytes);
    },
  };
};
