import type { RunRecord } from '../../shared/onboarding/run-record';
import { buildReport } from '../../shared/report/build-report';
import { canonicalJson } from '../../shared/report/canonical-json';
import type { Report } from '../../shared/report/report-schema';
import type { ReportExporter } from '../bridge/handlers';
import type { FileSaver } from '../files/file-saver';
import type { RunManager } from '../onboarding/run-manager';
import { renderReportFile } from './export-report';
import type { PdfPrinter } from './pdf-printer';
import { sha256Hex } from './sha256-hex';

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
 *
 * The report of one run state is built once: every format exported (and the summary copied) while the run's record
 * stays the same comes from that one report, with one `generatedAt` and one digest, so the client's PDF and the
 * MSP's JSON of the same visit check against each other. A change to the run (Verify again, Finish, a resumed run)
 * is another state and makes a new report. Kept in memory, the latest state of each run.
 */
export const createReportExporter = (deps: ReportExporterDeps): ReportExporter => {
  const now = deps.now ?? (() => new Date());
  const built = new Map<string, { readonly state: string; readonly report: Promise<Report> }>();

  const reportOf = (record: RunRecord): Promise<Report> => {
    const live = deps.runs.isLive(record.runId);
    // The run state: everything the report is made of besides the moment and the tool's version.
    const state = canonicalJson({ record, live });
    const cached = built.get(record.runId);
    if (cached !== undefined && cached.state === state) return cached.report;
    const report = buildReport(record, {
      toolVersion: deps.toolVersion,
      generatedAt: now().toISOString(),
      live,
      sha256Hex,
    });
    built.set(record.runId, { state, report });
    // A report that could not be built is not kept: the next request tries again.
    report.catch(() => {
      if (built.get(record.runId)?.report === report) built.delete(record.runId);
    });
    return report;
  };

  return {
    async current(record) {
      const report = await reportOf(record);
      return { digest: report.digest, generatedAt: report.generatedAt, verdict: report.verdict };
    },
    async export(record, format, pageSize) {
      const file = await renderReportFile(await reportOf(record), format, {
        pdfPrinter: deps.printer,
        pageSize,
      });
      return { file: await deps.saver.save({ ...file, filter: FILTERS[format] }), digest: file.digest };
    },
    async summary(record) {
      const file = await renderReportFile(await reportOf(record), 'summary', { pdfPrinter: deps.printer });
      return new TextDecoder().decode(file.bytes);
    },
  };
};
