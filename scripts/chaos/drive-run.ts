import { join } from 'node:path';
import type { OnboardingRun } from '../../src/main/onboarding/onboarding-run';
import { exportReportFiles } from '../../src/main/report/export-report';
import type { PdfPrinter } from '../../src/main/report/pdf-printer';
import { writeFileAtomic } from '../../src/main/storage/atomic-file';
import type { RunRecord } from '../../src/shared/onboarding/run-record';
import type { ReportFormat } from '../../src/shared/report/report-format';

/** The engine calls a run is driven through, in order; `export` saves the report. */
export const ENGINE_STEPS = ['discover', 'sign-in', 'plan', 'apply', 'verify', 'export'] as const;

/** One engine call of a run. */
export type EngineStep = (typeof ENGINE_STEPS)[number];

/** Options of {@link driveRun}. */
export interface DriveOptions {
  /** Called just before each step. */
  readonly beforeStep?: (step: EngineStep) => void | Promise<void>;
  /** Called when a step has returned. */
  readonly afterStep?: (step: EngineStep) => void | Promise<void>;
  /** Where the report files are saved (atomically, as the app saves them). */
  readonly reportsDirectory: string;
  readonly formats: readonly ReportFormat[];
  readonly pdfPrinter: PdfPrinter;
}

/** How far a driven run got. */
export interface DriveOutcome {
  readonly record: RunRecord;
  /** The step that recorded a problem and stopped the run there; null when every step went through. */
  readonly stoppedAt: EngineStep | null;
  /** The report files saved, by format. */
  readonly saved: Readonly<Partial<Record<ReportFormat, string>>>;
}

/** A printer for drives that export no PDF: asking it is a mistake of the caller. */
export const noPdfPrinter: PdfPrinter = {
  printHtmlToPdf: () => Promise.reject(new Error('This drive exports no PDF.')),
};

/**
 * Takes a run through every step as the checklist does, from discovery to the saved report, and stops at the first
 * step that records a problem (the technician would read its guidance there). It neither finishes nor closes the
 * run: the caller decides whether the app goes on, closes, or dies.
 */
export const driveRun = async (run: OnboardingRun, options: DriveOptions): Promise<DriveOutcome> => {
  const saved: Partial<Record<ReportFormat, string>> = {};
  for (const step of ENGINE_STEPS) {
    await options.beforeStep?.(step);
    const problemsBefore = run.record.problems.length;
    let record: RunRecord;
    switch (step) {
      case 'discover':
        record = await run.discover();
        break;
      case 'sign-in':
        record = await run.signIn({ prompt: 'select_account' });
        break;
      case 'plan':
        record = await run.plan();
        break;
      case 'apply':
        record = await run.apply();
        break;
      case 'verify':
        record = await run.verify();
        break;
      case 'export': {
        record = run.record;
        const { files } = await exportReportFiles(record, options.formats, {
          toolVersion: '0.0.0-chaos',
          now: () => new Date(),
          pdfPrinter: options.pdfPrinter,
          live: true,
        });
        for (const file of files) {
          const path = join(options.reportsDirectory, file.fileName);
          await writeFileAtomic(path, file.bytes);
          saved[file.format] = path;
        }
        break;
      }
    }
    await options.afterStep?.(step);
    if (record.problems.length > problemsBefore) return { record, stoppedAt: step, saved };
  }
  return { record: run.record, stoppedAt: null, saved };
};
