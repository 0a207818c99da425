import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../../src/shared/onboarding/run-record';
import { buildReport } from '../../../../src/shared/report/build-report';
import { CSV_COLUMNS, csvRecord, renderCsv } from '../../../../src/shared/report/render-csv';
import { escapeMarkdown, renderMarkdown } from '../../../../src/shared/report/render-markdown';
import { renderSummary } from '../../../../src/shared/report/render-summary';
import { PRACTICE_MARK, STATUS_LABELS } from '../../../../src/shared/report/report-labels';
import type { Report } from '../../../../src/shared/report/report-schema';
import { blockedRun, failedRun, incompleteRun } from '../../../support/run-fixtures';
import { webCryptoSha256 } from './web-crypto';

const build = (record: RunRecord): Promise<Report> =>
  buildReport(record, {
    toolVersion: '0.1.0',
    generatedAt: '2026-11-30T10:00:00.000Z',
    sha256Hex: webCryptoSha256,
  });

// A tenant whose names hold every character CSV and Markdown treat specially.
const hostile = (record: RunRecord): RunRecord => ({
  ...record,
  organization:
    record.organization === null
      ? null
      : {
          ...record.organization,
          displayName: '=HYPERLINK("https://evil.example","Contoso, | *Ltd*")\r\nline 2',
        },
  input: { ...record.input, technician: 'Jo "JR" Reyes | <b>tech</b>', ticket: '#123 [link](https://x) `x`' },
});

describe('renderCsv', () => {
  it('starts with a UTF-8 byte order mark, ends every line with CRLF, and has one row per permission', async () => {
    const report = await build(incompleteRun().record());
    const csv = renderCsv(report);
    expect(csv.startsWith('\uFEFFresourceAppId,resourceName,type,name,id,status,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(csv.split('\r\n')).toHaveLength(report.permissions.length + 2);
  });

  it('parses back with a CSV parser to the report’s rows', async () => {
    const report = await build(failedRun().record());
    const rows = parse(renderCsv(report), { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(rows).toEqual(report.permissions.map((p) => ({ ...csvRecord(report, p) })));
    expect(rows.map((r) => [r.name, r.type, r.status, r.id])).toEqual(
      report.permissions.map((p) => [p.name, p.type, p.status, p.id ?? '']),
    );
    expect(new Set(rows.map((r) => r.reportDigest))).toEqual(new Set([report.digest]));
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says, and defuses a formula', async () => {
    const report = await build(hostile(incompleteRun().record()));
    const csv = renderCsv(report);
    expect(csv).toContain(`,"'=HYPERLINK(""https://evil.example"",""Contoso, | *Ltd*"")\r\nline 2",`);
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(report.permissions.length);
    expect(rows[0]?.tenantDisplayName).toBe(`'${report.tenant.displayName}`);
  });
});

describe('renderCsv in locales that split on semicolons or tabs', () => {
  const named = (displayName: string): RunRecord => {
    const record = incompleteRun().record();
    return { ...record, organization: record.organization && { ...record.organization, displayName } };
  };
  // What a spreadsheet runs: a cell that starts with = + - @ or NUL once the tabs, line breaks and spaces it skips
  // are taken away (OWASP lists tab and carriage return as formula starts for that reason).
  const FORMULA = /^[\t\r\n ]*[=+\-@\0]/;
  const HOSTILE = [
    'Contoso;=cmd|"/C calc"!A0',
    'Contoso;+SUM(1,2)',
    'Contoso,-2+3',
    'Contoso\t@SUM(A1)',
    '\t=1+1',
    'Contoso;\r=1',
    'Contoso;\0=1',
  ];

  it.each(HOSTILE)('leaves no cell that starts a formula, whichever separator reads %j', async (name) => {
    const csv = renderCsv(await build(named(name)));
    for (const delimiter of [',', ';', '\t']) {
      const rows = parse(csv, {
        bom: true,
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
      }) as string[][];
      for (const cell of rows.flat())
        expect(cell, `${JSON.stringify(cell)} read with ${JSON.stringify(delimiter)}`).not.toMatch(FORMULA);
    }
    // A reader that ignores quotes altogether: every piece of every line, split on any separator.
    for (const piece of csv.replace(/^\uFEFF/, '').split(/[,;\t\r\n]/)) {
      expect(piece.replace(/^"/, ''), JSON.stringify(piece)).not.toMatch(FORMULA);
    }
  });

  it('quotes a field holding a semicolon or a tab, so it stays one cell under a semicolon separator', async () => {
    const report = await build(named('Contoso; Fabrikam\tand Tailspin'));
    const csv = renderCsv(report);
    expect(csv).toContain(',"Contoso; Fabrikam\tand Tailspin",');
    const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]?.tenantDisplayName).toBe('Contoso; Fabrikam\tand Tailspin');
  });
});

describe('renderMarkdown', () => {
  it('escapes pipes, emphasis, links, HTML and line breaks in what the tenant and technician typed', () => {
    expect(escapeMarkdown('a | b *c* [d](e) <b> `f` \\ #1 & _g_\nh')).toBe(
      'a \\| b \\*c\\* \\[d\\](e) \\<b\\> \\`f\\` \\\\ \\#1 \\& \\_g\\_ h',
    );
  });

  it('has one table row per permission, with status labels, and the digest', async () => {
    const report = await build(hostile(incompleteRun().record()));
    const markdown = renderMarkdown(report);
    const rows = markdown.split('\n').filter((line) => /^\| \d+ \| `/.test(line));
    expect(rows).toHaveLength(report.permissions.length);
    rows.forEach((line, i) => {
      const p = report.permissions[i];
      expect(line).toContain(`\`${p?.name}\``);
      expect(line).toContain(`**${p === undefined ? '' : STATUS_LABELS[p.status]}**`);
      // Cells split on unescaped pipes only: five cells, as the header has.
      expect(line.split(/(?<!\\)\|/).length - 2).toBe(5);
    });
    expect(markdown).toContain('Jo "JR" Reyes \\| \\<b\\>tech\\</b\\>');
    expect(markdown).not.toContain('\r');
    expect(markdown).toContain(`Report SHA-256 \`${report.digest}\``);
  });

  it('marks a practice run at the top and the bottom', async () => {
    const markdown = renderMarkdown(await build(incompleteRun({ practice: true }).record()));
    const lines = markdown.trimEnd().split('\n');
    expect(lines.slice(0, 4).join('\n')).toContain(escapeMarkdown(PRACTICE_MARK));
    expect(lines.at(-1)).toContain(escapeMarkdown(PRACTICE_MARK));
    expect(renderMarkdown(await build(incompleteRun().record()))).not.toContain(
      escapeMarkdown(PRACTICE_MARK),
    );
  });
});

describe('renderSummary', () => {
  it('says the verdict, the counts, what went wrong, who and when, and the digest in a few lines', async () => {
    const report = await build(blockedRun({ practice: true }).record());
    const summary = renderSummary(report);
    expect(summary.split('\n').filter((l) => l !== '').length).toBeLessThanOrEqual(12);
    expect(summary).toContain(PRACTICE_MARK);
    expect(summary).toContain('Pia onboarding of Contoso (contoso.com): Blocked');
    expect(summary).toContain('0 granted, 40 missing of 40 requested, not verified.');
    expect(summary).toContain('- The account lacks an administrator role');
    expect(summary).toContain(
      'Administrator: Lynne Robbins <helpdesk@contoso.com>, Helpdesk Administrator (active).',
    );
    expect(summary).toContain('Run by Jordan Reyes for ticket T-20931, started 2026-11-30 09:15:00 UTC');
    expect(summary.trimEnd().endsWith(`Report SHA-256 ${report.digest}`)).toBe(true);
  });
});
