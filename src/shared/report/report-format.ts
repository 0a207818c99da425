import { z } from 'zod';

/**
 * The formats a report exports to: `summary` is the few lines "Copy summary" puts on the clipboard; the others are
 * files. The bridge's `reports.export` takes one of these.
 */
export const ReportFormatSchema = z.enum(['pdf', 'html', 'csv', 'json', 'md', 'summary']);

/** A format a report exports to. */
export type ReportFormat = z.infer<typeof ReportFormatSchema>;

/** The paper sizes the PDF prints on. */
export const PaperSizeSchema = z.enum(['A4', 'Letter']);

/** A paper size. */
export type PaperSize = z.infer<typeof PaperSizeSchema>;

/** Each format's file extension and media type. */
export const REPORT_FILE_TYPES: Readonly<
  Record<ReportFormat, { readonly extension: string; readonly mimeType: string }>
> = {
  pdf: { extension: 'pdf', mimeType: 'application/pdf' },
  html: { extension: 'html', mimeType: 'text/html;charset=utf-8' },
  csv: { extension: 'csv', mimeType: 'text/csv;charset=utf-8' },
  json: { extension: 'json', mimeType: 'application/json' },
  md: { extension: 'md', mimeType: 'text/markdown;charset=utf-8' },
  summary: { extension: 'txt', mimeType: 'text/plain;charset=utf-8' },
};
