import type { ReportExporter } from '../bridge/handlers';
import type { FileSaver } from '../files/file-saver';
import type { RunManager } from '../onboarding/run-manager';
import { exportReport } from './export-report';
import type { PdfPrinter } from './pdf-printer';

const FILTERS = {
  pdf: { name: 'PDF document', extensions: ['pdf'] },
  html: { name: 'Web page (self-contained)', extensions: ['html'] },
  csv: { name: 'CSV (Excel)', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  md: { name: 'Markdown', extensions: ['md'] },
} as const;

/** What the report exporter needs. */
export interface ReportExporterDeps {
  readonly runs: Pick<RunManager, 'isLive'>;
  readonly printer: PdfPrinter;
  readonly saver: FileSaver;
  readonly toolVersion: string;
  readonly now?: () => Date;
}

/**
 * Exports a run's report in one format and hands it to the saver (a save dialog in the desktop app, a download in
 * the preview); "Copy summary" gets the summary text.
 */
export const createReportExporter = (deps: ReportExporterDeps): ReportExporter => {
  const exportDeps = (runId: string, pageSize: 'A4' | 'Letter' = 'A4') => ({
    toolVersion: deps.toolVersion,
    now: deps.now ?? (() => new Date()),
    pdfPrinter: deps.printer,
    pageSize,
    live: deps.runs.isLive(runId),
  });
  return {
    async export(record, format, pageSize) {
      const file = await exportReport(record, format, exportDeps(record.runId, pageSize));
      return deps.saver.save({ ...file, filter: FILTERS[format] });
    },
    async summary(record) {
      const file = await exportReport(record, 'summary', exportDeps(record.runId));
      return new TextDecoder().decode(file.bytes);
    },
  };
};
