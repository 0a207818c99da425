import type { Report, ReportPermission, ReportRemovalRow } from './report-schema';

/** The CSV's columns, one row per permission; named after the JSON fields they hold. */
export const CSV_COLUMNS = [
  'resourceAppId',
  'resourceName',
  'type',
  'name',
  'id',
  'status',
  'evidenceKind',
  'evidenceObjectId',
  'evidenceCreatedDateTime',
  'evidencePrincipalIds',
  'evidenceNote',
  'tenantId',
  'tenantDisplayName',
  'runId',
  'verdict',
  'practice',
  'reportDigest',
] as const;

/** One CSV column. */
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The values of one permission's row, by column (null becomes an empty cell; user IDs are space-separated). */
export const csvRecord = (report: Report, row: ReportPermission): Readonly<Record<CsvColumn, string>> => ({
  resourceAppId: row.resourceAppId,
  resourceName: row.resourceName,
  type: row.type,
  name: row.name,
  id: row.id ?? '',
  status: row.status,
  evidenceKind: row.evidence.kind,
  evidenceObjectId: row.evidence.objectId ?? '',
  evidenceCreatedDateTime: row.evidence.createdDateTime ?? '',
  evidencePrincipalIds: row.evidence.principalIds.join(' '),
  evidenceNote: row.evidence.note,
  ...whereFrom(report),
});

/** The columns every row repeats, so a row copied elsewhere still says where it came from. */
const whereFrom = (
  report: Report,
): Pick<
  Record<CsvColumn, string>,
  'tenantId' | 'tenantDisplayName' | 'runId' | 'verdict' | 'practice' | 'reportDigest'
> => ({
  tenantId: report.tenant.id ?? '',
  tenantDisplayName: report.tenant.displayName ?? '',
  runId: report.run.id,
  verdict: report.verdict.text,
  practice: report.practice ? 'true' : 'false',
  reportDigest: report.digest,
});

/**
 * The values of an offboarding's row (docs/offboarding.md): the same columns, the status being what the read-back
 * found (removed, still-present, not-present, not-verified); the evidence note says when the profile does not list
 * the permission.
 */
export const csvRemovalRecord = (
  report: Report,
  row: ReportRemovalRow,
): Readonly<Record<CsvColumn, string>> => ({
  resourceAppId: row.resourceAppId ?? '',
  resourceName: row.resourceName,
  type: row.type,
  name: row.name,
  id: '',
  status: row.status,
  evidenceKind: '',
  evidenceObjectId: '',
  evidenceCreatedDateTime: '',
  evidencePrincipalIds: '',
  evidenceNote: row.listed ? '' : 'Not in the profile',
  ...whereFrom(report),
});

// A cell starting with = + - @ (or a tab, carriage return or NUL) is a formula to Excel and LibreOffice: a tenant's
// or resource's name could run one. Such a cell gets a leading apostrophe, as OWASP advises.
// https://owasp.org/www-community/attacks/CSV_Injection
const FORMULA_START = /^[=+\-@\t\r\0]/;

// Excel splits a CSV on the list separator of the machine's locale: a comma in some, a semicolon in many (de-DE,
// fr-FR, nl-NL, …), and a tab where a file is pasted. Quoting keeps a field whole under each of them; for a reader
// that ignores quotes, every piece a ";", ",", tab or line-break split could make of a field is defused as a cell of
// its own.
const SPLIT = /([;,\t\r\n])/;

const neutralized = (value: string): string => {
  const pieces = value
    .split(SPLIT)
    .map((piece, index) => (index % 2 === 0 && FORMULA_START.test(piece) ? `'${piece}` : piece))
    .join('');
  // A field that starts with a tab starts with an empty piece: the field itself is defused.
  return FORMULA_START.test(pieces) ? `'${pieces}` : pieces;
};

// RFC 4180 section 2: a field holding a comma, a double quote or a line break is enclosed in double quotes, and a
// double quote inside it is doubled; a field holding a semicolon or a tab is quoted too, for the locales above.
// https://www.rfc-editor.org/rfc/rfc4180#section-2
const field = (value: string): string => {
  const safe = neutralized(value);
  return /[",;\t\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * The permission table as CSV (an offboarding's: what was removed): a header row, then one row per permission, RFC 4180 quoting, CRLF line ends and a
 * UTF-8 byte order mark, so Excel opens it in UTF-8 rather than the system's code page. Each row carries the tenant,
 * run, verdict, practice flag and the report's digest, so a row copied elsewhere still says where it came from.
 */
export const renderCsv = (report: Report): string => {
  const lines = [
    CSV_COLUMNS.join(','),
    ...(report.removal === null
      ? report.permissions.map((row) => csvRecord(report, row))
      : report.removal.rows.map((row) => csvRemovalRecord(report, row))
    ).map((record) => CSV_COLUMNS.map((column) => field(record[column])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
};
