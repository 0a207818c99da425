import { assertNever } from '../../shared/assert-never';
import type { RunRecord } from '../../shared/onboarding/run-record';
import { buildReport } from '../../shared/report/build-report';
import { renderCsv } from '../../shared/report/render-csv';
import { renderHtml } from '../../shared/report/render-html';
import { renderJson } from '../../shared/report/render-json';
import { renderMarkdown } from '../../shared/report/render-markdown';
import { renderSummary } from '../../shared/report/render-summary';
import { type PaperSize, REPORT_FILE_TYPES, type ReportFormat } from '../../shared/report/report-format';
import type { Report } from '../../shared/report/report-schema';
import type { PdfPrinter } from './pdf-printer';
import { sha256Hex } from './sha256-hex';

/** What exporting a report needs from the app. */
export interface ReportExportDeps {
  /** The version of the tool making the report. */
  readonly toolVersion: string;
  readonly now: () => Date;
  /** Prints the HTML report to PDF: Electron's printToPDF in the app, Chromium's page.pdf in tests. */
  readonly pdfPrinter: PdfPrinter;
  /** The PDF's paper; A4 when absent. */
  readonly pageSize?: PaperSize;
  /** Whether this process still drives the run (its report says "in progress" rather than "interrupted"). */
  readonly live?: boolean;
}

/** One exported report file: its suggested name, media type and bytes, and the digest every format shows. */
export interface ReportFile {
  readonly format: ReportFormat;
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  readonly digest: string;
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80) || 'unknown';

/**
 * The file name a report is saved under: `pia-onboarding_<tenant-domain>_<yyyy-mm-dd>_<run-id-short>.<ext>`, with
 * `pia-onboarding-practice_` for a practice run. The domain is the tenant's default domain (else what the technician
 * typed), the date the run's start (UTC), the run ID's first 8 characters; only `a-z 0-9 . -` survive, so the name is
 * valid on Windows, macOS and Linux.
 */
export const reportFileName = (report: Report, format: ReportFormat): string => {
  const prefix = report.practice ? 'pia-onboarding-practice' : 'pia-onboarding';
  const domain = slug(report.tenant.defaultDomain ?? report.tenant.enteredAs);
  const started = Date.parse(report.run.startedAt);
  const date = Number.isNaN(started) ? 'undated' : new Date(started).toISOString().slice(0, 10);
  const run = slug(report.run.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8));
  return `${prefix}_${domain}_${date}_${run}.${REPORT_FILE_TYPES[format].extension}`;
};

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Renders one format of a built report. */
export const renderReportFile = async (
  report: Report,
  format: ReportFormat,
  deps: Pick<ReportExportDeps, 'pdfPrinter' | 'pageSize'>,
): Promise<ReportFile> => {
  const bytes = await (async (): Promise<Uint8Array> => {
    switch (format) {
      case 'pdf':
        return deps.pdfPrinter.printHtmlToPdf(renderHtml(report), { pageSize: deps.pageSize ?? 'A4' });
      case 'html':
        return utf8(renderHtml(report));
      case 'csv':
        return utf8(renderCsv(report));
      case 'json':
        return utf8(renderJson(report));
      case 'md':
        return utf8(renderMarkdown(report));
      case 'summary':
        return utf8(renderSummary(report));
      default:
        return assertNever(format);
    }
  })();
  return {
    format,
    fileName: reportFileName(report, format),
    mimeType: REPORT_FILE_TYPES[format].mimeType,
    bytes,
    digest: report.digest,
  };
};

/**
 * Exports several formats of one run from a single report, so every file carries the same `generatedAt` and digest
 * (a PDF's digest then matches the JSON exported with it).
 */
export const exportReportFiles = async (
  record: RunRecord,
  formats: readonly ReportFormat[],
  deps: ReportExportDeps,
): Promise<{ readonly report: Report; readonly files: readonly ReportFile[] }> => {
  const report = await buildReport(record, {
    toolVersion: deps.toolVersion,
    generatedAt: deps.now().toISOString(),
    live: deps.live ?? false,
    sha256Hex,
  });
  const files: ReportFile[] = [];
  // One at a time: printing PDFs in parallel gains nothing and holds several pages in memory.
  for (const format of formats) files.push(await renderReportFile(report, format, deps));
  return { report, files };
};

/** Exports one run's report in one format: the file to save (or, for `summary`, the text to copy). */
export const exportReport = async (
  record: RunRecord,
  format: ReportFormat,
  deps: ReportExportDeps,
): Promise<ReportFile> => {
  const { files } = await exportReportFiles(record, [format], deps);
  const file = files[0];
  if (file === undefined) throw new Error(`No ${format} file was rendered.`);
  return file;
};
