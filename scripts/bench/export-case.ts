import { performance } from 'node:perf_hooks';
import { chromiumLaunchOptions } from '../../src/main/preview/chromium-launch';
import { createChromiumPdfPrinter } from '../../src/main/preview/chromium-pdf-printer';
import { exportReport } from '../../src/main/report/export-report';
import type { RunRecord } from '../../src/shared/onboarding/run-record';
import { median } from './figures';

/** The formats a technician saves a report in, in the order the figures list them. */
export const EXPORT_FORMATS = ['pdf', 'html', 'csv', 'json', 'md'] as const;

/** Median milliseconds to export one report in each format. */
export type ExportFigures = Readonly<Record<(typeof EXPORT_FORMATS)[number], number>>;

/**
 * Exports the report of `record` in every format, `warmup` times unmeasured then `runs` times measured. Each export
 * builds the report from the record (digest included) and renders it; the PDF is printed by Chromium
 * (src/main/preview/chromium-pdf-printer.ts), whose start is part of the warm-up, not of the figures.
 */
export const measureExport = async (
  record: RunRecord,
  options: { readonly warmup: number; readonly runs: number },
): Promise<ExportFigures> => {
  const printer = createChromiumPdfPrinter(chromiumLaunchOptions());
  const samples = Object.fromEntries(EXPORT_FORMATS.map((f) => [f, [] as number[]])) as Record<
    (typeof EXPORT_FORMATS)[number],
    number[]
  >;
  try {
    for (let i = 0; i < options.warmup + options.runs; i += 1) {
      for (const format of EXPORT_FORMATS) {
        const started = performance.now();
        const file = await exportReport(record, format, {
          toolVersion: '0.0.0-bench',
          now: () => new Date(),
          pdfPrinter: printer,
        });
        const elapsed = performance.now() - started;
        if (file.bytes.length === 0) throw new Error(`The ${format} report is empty.`);
        if (i >= options.warmup) samples[format].push(elapsed);
      }
    }
  } finally {
    await printer.close();
  }
  return {
    pdf: median(samples.pdf),
    html: median(samples.html),
    csv: median(samples.csv),
    json: median(samples.json),
    md: median(samples.md),
  };
};
