import { dirname, join } from 'node:path';
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { ReportExporter } from '../bridge/handlers';
import type { RunManager } from '../onboarding/run-manager';
import { exportReport } from '../report/export-report';
import type { PdfPrinter } from '../report/pdf-printer';
import type { SettingsStore } from '../settings/settings-store';
import { writeFileAtomic } from '../storage/atomic-file';

/** What the desktop exporter needs from the adapter. */
export interface DesktopReportExporterDeps {
  readonly runs: RunManager;
  readonly printer: PdfPrinter;
  readonly toolVersion: string;
  readonly showSaveDialog: (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  readonly settings: () => SettingsStore;
  readonly defaultFolder: () => string;
  readonly now?: () => Date;
}

const FILTERS: Readonly<Record<string, { name: string; extensions: string[] }>> = {
  pdf: { name: 'PDF document', extensions: ['pdf'] },
  html: { name: 'Web page (self-contained)', extensions: ['html'] },
  csv: { name: 'CSV (Excel)', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  md: { name: 'Markdown', extensions: ['md'] },
};

/**
 * The desktop app's reports: a save dialog opening in the folder of the last report saved, the file written
 * atomically where the technician chose. Nothing is written when the dialog is cancelled.
 */
export const createDesktopReportExporter = (deps: DesktopReportExporterDeps): ReportExporter => {
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
      const settings = deps.settings();
      const folder = (await settings.get()).lastExportFolder ?? deps.defaultFolder();
      const filter = FILTERS[format];
      const choice = await deps.showSaveDialog({
        title: 'Save the onboarding report',
        defaultPath: join(folder, file.fileName),
        filters: filter === undefined ? [] : [filter],
      });
      if (choice.canceled || choice.filePath === undefined || choice.filePath === '')
        return { kind: 'cancelled' };
      await writeFileAtomic(choice.filePath, file.bytes);
      await settings.rememberExportFolder(dirname(choice.filePath));
      return { kind: 'saved', path: choice.filePath };
    },
    async summary(record) {
      const file = await exportReport(record, 'summary', exportDeps(record.runId));
      return new TextDecoder().decode(file.bytes);
    },
  };
};
