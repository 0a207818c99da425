import { STEP_TITLES } from '../checklist/steps';
import { WHO_CAN_FIX_LABELS } from '../guidance/guidance';
import {
  adminLine,
  CHANGE_OUTCOME_LABELS,
  countsLine,
  formatDuration,
  formatUtc,
  NOT_GRANTABLE_ADVICE,
  PERMISSION_TYPE_LABELS,
  PRACTICE_MARK,
  reportTitle,
  STATUS_LABELS,
  STATUS_ORDER,
  STRATEGY_LABELS,
  TOOL_ACCESS_STATUS_LABELS,
  tenantLabel,
  toolAccessIntro,
} from './report-labels';
import { enterpriseAppLine, REMOVAL_STATUS_LABELS } from './report-removal';
import type { Report, ReportRemoval } from './report-schema';
import { DIGEST_RECIPE } from './report-verification';

/**
 * Escapes text for Markdown (CommonMark and GitHub Flavored Markdown, as PSA tickets render it): line breaks become
 * spaces, and every character that could start emphasis, a link, HTML, a code span, a heading or a table cell
 * boundary gets a backslash. https://spec.commonmark.org/0.31.2/#backslash-escapes
 */
export const escapeMarkdown = (text: string): string =>
  text.replace(/\r\n|\r|\n/g, ' ').replace(/[\\`*_[\]<>|~#&!]/g, (c) => `\\${c}`);

const md = escapeMarkdown;

// A code span for names and IDs (no escaping needed inside, except a pipe inside a table cell, which GFM reads as
// the cell's end even in code).
const code = (text: string): string => `\`${text.replace(/`/g, "'").replace(/\|/g, '\\|')}\``;

const orDash = (text: string | null): string => (text === null || text === '' ? '—' : md(text));

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** The report as Markdown, for pasting into a PSA ticket; the practice mark opens and closes it. */
export const renderMarkdown = (report: Report): string => {
  const { tenant, run } = report;
  const lines: string[] = [];
  const practice = report.practice
    ? [`> **${md(PRACTICE_MARK)}.** Nothing in this report concerns a real client.`, '']
    : [];
  lines.push(
    `# ${reportTitle(report)}: ${md(report.targetApp.displayName)} in ${md(tenantLabel(report))}`,
    '',
    ...practice,
  );
  lines.push(`**Verdict: ${md(report.verdict.text)}.** ${md(report.verdict.detail)}`, '');
  lines.push(`${md(countsLine(report))}.`, '');
  if (report.verdict.notGrantable.length > 0) {
    lines.push(`## Nobody can grant (${report.verdict.notGrantable.length})`, '');
    for (const e of report.verdict.notGrantable) {
      lines.push(
        `- ${code(e.name)} (${PERMISSION_TYPE_LABELS[e.type].toLowerCase()}, ${md(e.resourceName)}): ${md(e.reason)}`,
      );
    }
    lines.push('', md(NOT_GRANTABLE_ADVICE), '');
  }
  lines.push(
    row(['Fact', 'Value']),
    row(['---', '---']),
    row(['Client organization', orDash(tenant.displayName)]),
    row(['Tenant ID', tenant.id === null ? '—' : code(tenant.id)]),
    row([
      'Domains',
      tenant.domains.length === 0
        ? orDash(tenant.defaultDomain)
        : tenant.domains.map((d) => md(d.name)).join(', '),
    ]),
    row(['Cloud', report.cloud === null ? '—' : md(report.cloud.displayName)]),
    row(['Target app', `${md(report.targetApp.displayName)} ${code(report.targetApp.appId)}`]),
    row(['Technician', md(report.technician)]),
    row(['Ticket', orDash(report.ticket)]),
    row(['Administrator', md(adminLine(report))]),
    row(['Started', md(formatUtc(run.startedAt))]),
    row([
      'Ended',
      run.endedAt !== null
        ? md(formatUtc(run.endedAt))
        : run.outcome === 'in-progress'
          ? `not yet: the run was open when this report was made (last entry ${md(formatUtc(run.lastEntryAt))})`
          : `never (last entry ${md(formatUtc(run.lastEntryAt))})`,
    ]),
    row(['Duration', md(formatDuration(run.durationSeconds))]),
    report.removal === null
      ? row(['Strategy', md(STRATEGY_LABELS[run.strategy])])
      : row([
          'Run',
          `Offboarding: every permission removed, the enterprise application ${report.removal.action === 'delete' ? 'deleted' : 'disabled'}`,
        ]),
    row(['Run ID', code(run.id)]),
    row(['Verified', verifiedCell(report)]),
    '',
  );
  if (report.removal !== null) {
    lines.push(...removalMarkdown(report.removal));
  } else {
    lines.push(
      row(STATUS_ORDER.map((s) => STATUS_LABELS[s]).concat('Total')),
      row(STATUS_ORDER.map(() => '---:').concat('---:')),
      row(STATUS_ORDER.map((s) => String(report.counts[s])).concat(String(report.counts.total))),
      '',
    );
    lines.push(...permissionsMarkdown(report));
  }

  lines.push(`## Warnings (${report.warnings.length})`, '');
  if (report.warnings.length === 0) lines.push('None.', '');
  for (const w of report.warnings) {
    const meta = [
      w.at === null ? null : formatUtc(w.at),
      w.step === null ? null : `${STEP_TITLES[w.step]} step`,
      w.whoCanFix === null ? null : WHO_CAN_FIX_LABELS[w.whoCanFix],
    ].filter((m): m is string => m !== null);
    lines.push(
      `- **${md(w.title)}**${meta.length === 0 ? '' : ` (${md(meta.join(' · '))})`}: ${md(w.message)}`,
    );
    w.whatToDo.forEach((step, i) => {
      lines.push(`  ${i + 1}. ${md(step)}`);
    });
    if (w.guidance !== null) {
      const ids = Object.entries(w.guidance.support).filter(([, v]) => v !== null);
      lines.push(
        `  - ${code(w.guidance.code)}: ${md(w.guidance.rawMessage)}${ids.length === 0 ? '' : ` (${ids.map(([k, v]) => `${k} ${code(String(v))}`).join(', ')})`}`,
      );
    }
  }
  if (report.warnings.length > 0) lines.push('');

  lines.push(`## Changes made (${report.changes.length})`, '');
  if (report.changes.length === 0) lines.push('None: nothing was written to the tenant.', '');
  else {
    lines.push(row(['Started (UTC)', 'Change', 'Outcome', 'Request ID']), row(['---', '---', '---', '---']));
    for (const c of report.changes) {
      lines.push(
        row([
          md(formatUtc(c.startedAt).replace(' UTC', '')),
          md(c.summary),
          `${CHANGE_OUTCOME_LABELS[c.outcome]}${c.httpStatus === null ? '' : ` (${c.httpStatus})`}`,
          c.requestId === null ? '—' : code(c.requestId),
        ]),
      );
    }
    lines.push('');
  }

  lines.push('## The tool’s own access', '', md(toolAccessIntro(report.toolAccess)), '');
  const access = report.toolAccess;
  if (access !== null && access.items.length > 0) {
    lines.push(
      row(['Part of the tool’s access', 'What became of it', 'Request ID']),
      row(['---', '---', '---']),
    );
    for (const item of access.items) {
      lines.push(
        row([
          `${md(item.description)} (${code(item.objectId)})${item.reason === null ? '' : `. ${md(item.reason)}`}`,
          `${TOOL_ACCESS_STATUS_LABELS[item.status]}${item.httpStatus === null ? '' : ` (${item.httpStatus})`}${
            item.guidance === null ? '' : `: ${code(item.guidance.code)} ${md(item.guidance.rawMessage)}`
          }`,
          item.requestId === null ? '—' : code(item.requestId),
        ]),
      );
    }
    lines.push('');
    if (access.stopped !== null)
      lines.push(`Removing stopped: ${code(access.stopped.code)} ${md(access.stopped.rawMessage)}`, '');
  }

  if (report.removal === null) {
    lines.push(`## Extra permissions (${report.extras.length})`, '');
    if (report.extras.length === 0) lines.push('None.', '');
    for (const e of report.extras) {
      lines.push(
        `- ${code(e.name)} (${PERMISSION_TYPE_LABELS[e.type].toLowerCase()}, ${md(e.resourceName)}) held by ${code(e.objectId)}`,
      );
    }
    if (report.extras.length > 0) lines.push('');
  }

  lines.push(
    '---',
    '',
    `Report SHA-256 ${code(report.digest)}. Check the JSON copy with ${code(DIGEST_RECIPE)}.`,
    '',
    `Generated ${md(formatUtc(report.generatedAt))} by Pia Onboarding ${md(report.toolVersion)}, report format ${report.schemaVersion}.${report.practice ? ` **${md(PRACTICE_MARK)}.**` : ''}`,
    '',
  );
  return lines.join('\n');
};

const verifiedCell = (report: Report): string => {
  const removal = report.removal;
  if (removal !== null) {
    return removal.checkedAt === null
      ? 'not verified'
      : md(`${formatUtc(removal.checkedAt)} (attempt ${removal.attempt ?? 1})`);
  }
  return report.verification === null
    ? 'not verified'
    : md(`${formatUtc(report.verification.at)} (attempt ${report.verification.attempt})`);
};

const permissionsMarkdown = (report: Report): string[] => {
  const lines = [`## Permissions (${report.permissions.length})`, ''];
  if (report.verification === null) lines.push('Not verified: no permission is shown as granted.', '');
  lines.push(
    row(['#', 'Permission', 'Type', 'Status', 'Evidence']),
    row(['---:', '---', '---', '---', '---']),
  );
  report.permissions.forEach((p, i) => {
    const evidence = [
      md(p.evidence.note),
      p.evidence.objectId === null ? '' : ` ${code(p.evidence.objectId)}`,
    ].join('');
    lines.push(
      row([
        String(i + 1),
        code(p.name),
        PERMISSION_TYPE_LABELS[p.type],
        `**${STATUS_LABELS[p.status]}**`,
        evidence,
      ]),
    );
  });
  lines.push('');
  return lines;
};

/** An offboarding's table: every permission the app held or the profile lists, and what the read-back found. */
const removalMarkdown = (removal: ReportRemoval): string[] => {
  const lines = [`## Access removed (${removal.rows.length})`, '', md(enterpriseAppLine(removal)), ''];
  if (removal.checkedAt === null) lines.push('Not verified: no permission is shown as removed.', '');
  lines.push(
    row(['#', 'Permission', 'Type', 'Resource', 'Status']),
    row(['---:', '---', '---', '---', '---']),
  );
  removal.rows.forEach((r, i) => {
    lines.push(
      row([
        String(i + 1),
        `${code(r.name)}${r.listed ? '' : ' (not in the profile)'}`,
        PERMISSION_TYPE_LABELS[r.type],
        md(r.resourceName),
        `**${REMOVAL_STATUS_LABELS[r.status]}**`,
      ]),
    );
  });
  lines.push('');
  return lines;
};
