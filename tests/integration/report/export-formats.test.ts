import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChromiumPdfPrinter,
  createChromiumPdfPrinter,
} from '../../../src/main/preview/chromium-pdf-printer';
import { exportReportFiles, type ReportFile, reportFileName } from '../../../src/main/report/export-report';
import { sha256Hex } from '../../../src/main/report/sha256-hex';
import type { RunRecord } from '../../../src/shared/onboarding/run-record';
import { CSV_COLUMNS, csvRecord } from '../../../src/shared/report/render-csv';
import { checkReportDigest } from '../../../src/shared/report/report-digest';
import type { ReportFormat } from '../../../src/shared/report/report-format';
import {
  PERMISSION_TYPE_LABELS,
  PRACTICE_MARK,
  STATUS_LABELS,
} from '../../../src/shared/report/report-labels';
import { type Report, ReportSchema } from '../../../src/shared/report/report-schema';
import { chromiumLaunchOptions } from '../../e2e/support/chromium';
import {
  blockedRun,
  failedRun,
  incompleteRun,
  interruptedRun,
  missingRun,
  verifiedRun,
} from '../../support/run-fixtures';
import { pdfPages, squeezed } from './pdf-text';

const FORMATS: readonly ReportFormat[] = ['pdf', 'html', 'csv', 'json', 'md', 'summary'];

let printer: ChromiumPdfPrinter;
let browser: Browser;
let work: string;

beforeAll(async () => {
  printer = createChromiumPdfPrinter(chromiumLaunchOptions());
  browser = await chromium.launch(chromiumLaunchOptions());
  work = mkdtempSync(join(tmpdir(), 'report-export-'));
});

afterAll(async () => {
  await printer?.close();
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

const exportAll = (record: RunRecord, pageSize: 'A4' | 'Letter' = 'A4') =>
  exportReportFiles(record, FORMATS, {
    toolVersion: '0.1.0',
    now: () => new Date('2026-11-30T10:00:00.000Z'),
    pdfPrinter: printer,
    pageSize,
  });

const fileOf = (files: readonly ReportFile[], format: ReportFormat): ReportFile => {
  const file = files.find((f) => f.format === format);
  if (file === undefined) throw new Error(`no ${format} file`);
  return file;
};

const text = (file: ReportFile): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);

const scenarios = [
  { name: 'verified', record: () => verifiedRun().record(), verdict: 'complete' },
  {
    name: 'built-in profile (an entry nobody can grant), practice tenant',
    record: () => incompleteRun({ practice: true }).record(),
    verdict: 'complete-with-not-grantable',
  },
  { name: 'incomplete', record: () => missingRun().record(), verdict: 'incomplete' },
  { name: 'blocked', record: () => blockedRun().record(), verdict: 'blocked' },
  { name: 'failed', record: () => failedRun().record(), verdict: 'failed' },
  { name: 'interrupted', record: () => interruptedRun().record(), verdict: 'interrupted' },
] as const;

describe.each(scenarios)('report of a $name run, in every format', ({ record, verdict }) => {
  let report: Report;
  let files: readonly ReportFile[];

  beforeAll(async () => {
    ({ report, files } = await exportAll(record()));
  });

  it('JSON: a version 4 report whose digest verifies, the one every other file shows', async () => {
    const parsed: unknown = JSON.parse(text(fileOf(files, 'json')));
    expect(ReportSchema.parse(parsed)).toEqual(report);
    expect(report.schemaVersion).toBe(4);
    expect(await checkReportDigest(parsed, sha256Hex)).toMatchObject({
      valid: true,
      expected: report.digest,
    });
    expect(report.verdict.kind).toBe(verdict);
    for (const file of files) {
      expect(file.digest).toBe(report.digest);
      expect(file.fileName).toBe(reportFileName(report, file.format));
      if (file.format !== 'pdf') expect(text(file), file.format).toContain(report.digest);
    }
  });

  it('PDF: every page has its number, the digest and (for practice) the mark; rows and statuses match the JSON', async () => {
    const pdf = fileOf(files, 'pdf');
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    const pages = await pdfPages(pdf.bytes);
    // 40 rows of permissions and the rest of the report: a few pages, not one per row.
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(8);
    pages.forEach((page, i) => {
      expect(page.text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(squeezed(page.text), `page ${i + 1}`).toContain(`SHA-256${report.digest}`);
      expect(page.text.includes(PRACTICE_MARK), `practice mark on page ${i + 1}`).toBe(report.practice);
      // A4 portrait, in points.
      expect([Math.round(page.width), Math.round(page.height)]).toEqual([596, 843]);
    });

    const all = squeezed(pages.map((p) => p.text).join('\n'));
    expect(all).toContain(squeezed(`Verdict ${report.verdict.text}`));
    // Each row starts with its number and name; it ends where the next row (or the Warnings heading) starts.
    const starts: number[] = [];
    let from = all.indexOf(squeezed(`Permissions (${report.permissions.length})`));
    expect(from).toBeGreaterThan(0);
    report.permissions.forEach((row, i) => {
      const start = all.indexOf(`${i + 1}${row.name}`, from);
      expect(start, `row ${i + 1} (${row.name})`).toBeGreaterThan(from);
      starts.push(start);
      from = start + 1;
    });
    const end = all.indexOf(squeezed('Warnings and guidance'), from);
    expect(end).toBeGreaterThan(from);
    report.permissions.forEach((row, i) => {
      const segment = all.slice(starts[i], starts[i + 1] ?? end);
      // In order within the row: its ID, type and status label.
      let at = 0;
      for (const cell of [
        row.id ?? 'no ID',
        PERMISSION_TYPE_LABELS[row.type],
        squeezed(STATUS_LABELS[row.status]),
      ]) {
        const found = segment.indexOf(squeezed(cell), at);
        expect(found, `row ${i + 1} (${row.name}) shows ${cell}`).toBeGreaterThanOrEqual(at);
        at = found + squeezed(cell).length;
      }
      const others = Object.values(STATUS_LABELS).filter((label) => label !== STATUS_LABELS[row.status]);
      expect(
        others.filter((label) => segment.includes(squeezed(label))),
        `row ${i + 1} has one status`,
      ).toEqual([]);
      // The row is not cut: its name is whole on one page.
      expect(
        pages.some((page) => squeezed(page.text).includes(`${i + 1}${row.name}`)),
        row.name,
      ).toBe(true);
    });
  });

  it('CSV: parses back to one row per permission with the JSON’s values', () => {
    const csv = text(fileOf(files, 'csv'));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(fileOf(files, 'csv').bytes.slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(rows).toEqual(report.permissions.map((p) => ({ ...csvRecord(report, p) })));
  });

  it('HTML: opens from a file with the network off, asks for nothing, and shows every row and the digest', async () => {
    const path = join(work, fileOf(files, 'html').fileName);
    writeFileSync(path, fileOf(files, 'html').bytes);
    const context = await browser.newContext({ offline: true });
    const requested: string[] = [];
    const url = pathToFileURL(path).href;
    // The report file itself may load; anything else it asked for would be recorded and refused.
    await context.route('**/*', async (route) => {
      if (route.request().url() === url) return route.continue();
      requested.push(route.request().url());
      return route.abort('blockedbyclient');
    });
    try {
      const page = await context.newPage();
      await page.goto(url);
      expect(requested).toEqual([]);
      await expect.poll(() => page.title()).toContain('Onboarding report');
      // Every row read in one round trip (a few per row made this test take seconds).
      const shown = await page.locator('table.permissions tbody tr').evaluateAll((rows) =>
        rows.map((row) => {
          const status = row.querySelector('.status');
          return {
            rowheader: row.querySelector('th[scope="row"]')?.textContent ?? null,
            status: status?.textContent ?? null,
            statusVisible: status?.checkVisibility() ?? false,
            dataStatus: row.getAttribute('data-status'),
          };
        }),
      );
      expect(shown).toEqual(
        report.permissions.map((row) => ({
          rowheader: expect.stringContaining(row.name),
          status: STATUS_LABELS[row.status],
          statusVisible: true,
          dataStatus: row.status,
        })),
      );
      expect(await page.locator('#digest').textContent()).toBe(report.digest);
      expect(await page.locator('#digest').isVisible()).toBe(true);
      expect(await page.locator('.verdict strong').textContent()).toBe(report.verdict.text);
      expect(await page.locator('.verdict strong').isVisible()).toBe(true);
      expect(await page.locator('p.practice').count()).toBe(report.practice ? 1 : 0);
    } finally {
      await context.close();
    }
  });
});

describe('PDF paper', () => {
  it('prints on US Letter when asked', async () => {
    const { files } = await exportAll(verifiedRun().record(), 'Letter');
    const pages = await pdfPages(fileOf(files, 'pdf').bytes);
    expect([Math.round(pages[0]?.width ?? 0), Math.round(pages[0]?.height ?? 0)]).toEqual([612, 792]);
  });
});

describe('reportFileName', () => {
  it('names the tenant’s domain, the run’s date and short ID, and marks a practice run', async () => {
    const { report } = await exportAll(
      incompleteRun({ practice: true, runId: 'E25A2803-5149-481a-aea1-2f6f610e0066' }).record(),
    );
    expect(reportFileName(report, 'pdf')).toBe('pia-onboarding-practice_contoso.com_2026-11-30_e25a2803.pdf');
    expect(reportFileName({ ...report, practice: false }, 'md')).toBe(
      'pia-onboarding_contoso.com_2026-11-30_e25a2803.md',
    );
    const odd = {
      ...report,
      tenant: { ...report.tenant, defaultDomain: null, enteredAs: '../..\\Con:toso?' },
    };
    expect(reportFileName(odd, 'csv')).toBe('pia-onboarding-practice_con-toso_2026-11-30_e25a2803.csv');
  });
});
