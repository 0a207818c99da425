import {
  adminLine,
  countsLine,
  formatDuration,
  formatUtc,
  PERMISSION_TYPE_LABELS,
  PRACTICE_MARK,
  tenantLabel,
} from './report-labels';
import { enterpriseAppLine } from './report-removal';
import type { Report } from './report-schema';

const MAX_WARNINGS = 3;

/** A few lines for "Copy summary": what a technician pastes into a chat or a ticket's first line. */
export const renderSummary = (report: Report): string => {
  const { run } = report;
  const verifiedAt = report.removal === null ? (report.verification?.at ?? null) : report.removal.checkedAt;
  const warnings = report.warnings.slice(0, MAX_WARNINGS).map((w) => `- ${w.title}`);
  const more = report.warnings.length - MAX_WARNINGS;
  const lines = [
    ...(report.practice ? [PRACTICE_MARK] : []),
    `${report.targetApp.displayName} ${report.run.kind} of ${tenantLabel(report)}: ${report.verdict.text}`,
    `${countsLine(report)}${verifiedAt === null ? ', not verified' : `, verified ${formatUtc(verifiedAt)}`}.`,
    ...(report.removal === null ? [] : [enterpriseAppLine(report.removal)]),
    ...(report.verdict.notGrantable.length === 0
      ? []
      : [
          'Nobody can grant (not a gap in the tenant):',
          ...report.verdict.notGrantable.map(
            (e) => `- ${e.name} (${PERMISSION_TYPE_LABELS[e.type].toLowerCase()}): ${e.reason}`,
          ),
        ]),
    ...(warnings.length === 0 ? [] : ['Warnings:', ...warnings, ...(more > 0 ? [`- and ${more} more`] : [])]),
    `Tenant ${report.tenant.id ?? 'unknown'}${report.cloud === null ? '' : `, ${report.cloud.displayName} cloud`}.`,
    `Administrator: ${adminLine(report)}.`,
    `Run by ${report.technician}${report.ticket === null ? '' : ` for ticket ${report.ticket}`}, started ${formatUtc(run.startedAt)}, ${formatDuration(run.durationSeconds)}.`,
    `Report SHA-256 ${report.digest}`,
  ];
  return `${lines.join('\n')}\n`;
};
