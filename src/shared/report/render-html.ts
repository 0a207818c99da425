import { STEP_TITLES } from '../checklist/steps';
import { WHO_CAN_FIX_LABELS } from '../guidance/guidance';
import { escapeHtml, orDash, time, wrappable } from './html-text';
import { removalFact, removalSection } from './render-html-removal';
import {
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
import type { Report, ReportChange, ReportPermission, ReportWarning, ToolAccessItem } from './report-schema';
import { DIGEST_RECIPE } from './report-verification';

const h = escapeHtml;

// Print layout. Page margin boxes (@top-center, @bottom-left, @bottom-right) put the practice mark, the digest and
// "Page n of m" on every printed page. Chromium draws them since version 131 (MDN browser-compat-data,
// css.at-rules.page.at_bottom-center), when printing and in printToPDF/page.pdf without displayHeaderFooter, so
// Electron's PDF and the test's PDF get them from the same HTML. https://drafts.csswg.org/css-page-3/#margin-boxes
const styles = (report: Report): string => `
:root { color-scheme: light; --ink: #1b1b1f; --muted: #565660; --rule: #c9c9d1; --band: #f3f3f6;
  --ok: #0b6b2b; --ok-bg: #e3f4e8; --bad: #a4262c; --bad-bg: #fbe7e8; --warn: #7a4b00; --warn-bg: #fdf0d5;
  --info: #1d4f91; --info-bg: #e6eefa; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: var(--ink); background: #fff;
  font: 10.5pt/1.4 "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 18pt; margin: 0 0 .25rem; }
h2 { font-size: 13pt; margin: 1.5rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid var(--rule);
  break-after: avoid; }
h3 { font-size: 11pt; margin: 0 0 .3rem; break-after: avoid; }
p { margin: .3rem 0; }
.subtitle { color: var(--muted); font-size: 11.5pt; margin: 0 0 .75rem; }
.mono, .id { font-family: "Cascadia Mono", Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; }
.id { font-size: 7pt; font-weight: 400; color: var(--muted); overflow-wrap: anywhere; }
.nowrap { white-space: nowrap; }
.practice { border: 2px solid var(--warn); background: var(--warn-bg); color: var(--warn); font-weight: 700;
  padding: .4rem .75rem; margin: 0 0 1rem; text-transform: uppercase; letter-spacing: .02em; }
.verdict { display: flex; gap: .75rem; align-items: baseline; flex-wrap: wrap; border-left: 6px solid var(--info);
  background: var(--info-bg); padding: .6rem .9rem; margin: .5rem 0 1rem; break-inside: avoid; }
.verdict strong { font-size: 15pt; }
.verdict-complete, .verdict-complete-with-not-grantable { border-color: var(--ok); background: var(--ok-bg); }
.verdict-incomplete, .verdict-interrupted, .verdict-in-progress { border-color: var(--warn); background: var(--warn-bg); }
.verdict-blocked, .verdict-failed, .verdict-cancelled { border-color: var(--bad); background: var(--bad-bg); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: .4rem 0 .8rem; font-size: 8.5pt; line-height: 1.25; }
caption { text-align: left; color: var(--muted); padding: 0 0 .3rem; caption-side: top; }
th, td { text-align: left; vertical-align: top; padding: .2rem .3rem; border-bottom: 1px solid var(--rule); }
thead th { background: var(--band); border-bottom: 2px solid var(--rule); }
thead { display: table-header-group; }
tr { break-inside: avoid; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; padding: 0 .35rem; border-radius: 3px; font-weight: 600; white-space: nowrap; }
.status-granted, .outcome-applied, .outcome-already-present { color: var(--ok); background: var(--ok-bg); }
.status-missing, .outcome-failed { color: var(--bad); background: var(--bad-bg); }
.status-not-offered, .status-not-present, .outcome-already-gone { color: var(--muted); background: var(--band); }
.status-removed { color: var(--ok); background: var(--ok-bg); }
.status-still-present { color: var(--bad); background: var(--bad-bg); }
.status-not-verified { color: var(--warn); background: var(--warn-bg); }
table.removal col.n { width: 4%; } table.removal col.p { width: 40%; } table.removal col.t { width: 12%; }
table.removal col.r { width: 24%; } table.removal col.s { width: 20%; }
.status-user-consent-only, .status-app-disabled, .outcome-unknown { color: var(--warn);
  background: var(--warn-bg); }
table { table-layout: fixed; }
table.permissions col.n { width: 4%; } table.permissions col.p { width: 35%; } table.permissions col.t { width: 10%; }
table.permissions col.s { width: 12%; } table.permissions col.e { width: 39%; }
table.changes col.w { width: 17%; } table.changes col.c { width: 67%; } table.changes col.o { width: 16%; }
table.extras col.p { width: 40%; } table.extras col.t { width: 14%; } table.extras col.r { width: 20%; }
table.extras col.o { width: 26%; }
.warning { border: 1px solid var(--rule); border-left: 5px solid var(--warn); padding: .5rem .75rem; margin: 0 0 .6rem;
  break-inside: avoid; }
.warning ol { margin: .3rem 0; padding-left: 1.3rem; }
.warning .meta { color: var(--muted); font-size: 8.5pt; }
.digest { font-size: 9pt; overflow-wrap: anywhere; background: var(--band); padding: .4rem .6rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--band); padding: .4rem .6rem; font-size: 8.5pt; }
footer { margin-top: 2rem; color: var(--muted); font-size: 8.5pt; border-top: 1px solid var(--rule); padding-top: .4rem; }
@media screen { .practice { position: sticky; top: 0; z-index: 1; } }
@page {
  margin: 16mm 13mm 18mm 13mm;
  ${report.practice ? `@top-center { content: "${PRACTICE_MARK}"; color: #7a4b00; font: 700 9pt sans-serif; }` : ''}
  @bottom-left { content: "SHA-256 ${report.digest}"; color: #565660; font: 6.5pt monospace; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); color: #565660; font: 8pt sans-serif; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  h2 { margin-top: 1rem; }
  a { color: inherit; text-decoration: none; }
}
`;

const signedInAs = (report: Report): string => {
  const admin = report.admin;
  if (admin === null) return 'Nobody signed in';
  return admin.displayName === null
    ? h(admin.userPrincipalName)
    : `${h(admin.displayName)} &lt;${h(admin.userPrincipalName)}&gt;`;
};

const fact = (term: string, value: string): string => `<dt>${h(term)}</dt><dd>${value}</dd>`;

const summary = (report: Report): string => {
  const { tenant, run } = report;
  const domains =
    tenant.domains.length === 0
      ? orDash(tenant.defaultDomain)
      : tenant.domains
          .map((d) => `${h(d.name)}${d.isDefault ? ' (default)' : d.isInitial ? ' (initial)' : ''}`)
          .join(', ');
  const roles =
    report.admin === null || report.admin.roles.length === 0
      ? '—'
      : report.admin.roles.map((r) => `${h(r.displayName)} (${h(r.state)})`).join(', ');
  return `<dl class="facts">
${fact('Client organization', orDash(tenant.displayName))}
${fact('Tenant ID', tenant.id === null ? '—' : `<span class="mono">${h(tenant.id)}</span>`)}
${fact('Domains', domains)}
${fact('Entered as', h(tenant.enteredAs))}
${fact('Cloud', report.cloud === null ? '—' : h(report.cloud.displayName))}
${fact('Target app', `${h(report.targetApp.displayName)} <span class="mono">${h(report.targetApp.appId)}</span>`)}
${fact('Permission profile', h(report.targetApp.profileName))}
${fact('Technician', h(report.technician))}
${fact('Ticket', orDash(report.ticket))}
${fact('Signed in as', signedInAs(report))}
${fact('Administrator roles', roles)}
${fact('Started', time(run.startedAt))}
${fact('Ended', run.endedAt !== null ? time(run.endedAt) : run.outcome === 'in-progress' ? `Not yet: the run was open when this report was made (last entry ${time(run.lastEntryAt)})` : `Never ended (last entry ${time(run.lastEntryAt)})`)}
${fact('Duration', h(formatDuration(run.durationSeconds)))}
${report.removal === null ? fact('Strategy', h(STRATEGY_LABELS[run.strategy])) : removalFact(report.removal)}
${fact('Run ID', `<span class="mono">${h(run.id)}</span>`)}
${fact('Verified', verifiedFact(report))}
</dl>`;
};

const verifiedFact = (report: Report): string => {
  const removal = report.removal;
  if (removal !== null) {
    return removal.checkedAt === null
      ? 'Not verified'
      : `${time(removal.checkedAt)} (attempt ${removal.attempt ?? 1})`;
  }
  return report.verification === null
    ? 'Not verified'
    : `${time(report.verification.at)} (attempt ${report.verification.attempt})`;
};

const countsTable = (report: Report): string => `<table class="counts">
<caption>Requested permissions by status</caption>
<thead><tr>${STATUS_ORDER.map((s) => `<th scope="col" class="num">${h(STATUS_LABELS[s])}</th>`).join('')}<th scope="col" class="num">Total</th></tr></thead>
<tbody><tr>${STATUS_ORDER.map((s) => `<td class="num">${report.counts[s]}</td>`).join('')}<td class="num">${report.counts.total}</td></tr></tbody>
</table>`;

const permissionRow = (row: ReportPermission, index: number, showResource: boolean): string => {
  const evidence = row.evidence;
  const proof = [
    evidence.objectId === null
      ? ''
      : `<br><span class="id nowrap" title="${h(evidence.kind)}">${h(evidence.objectId)}</span>`,
    evidence.createdDateTime === null
      ? ''
      : `<br><span class="id">created ${h(formatUtc(evidence.createdDateTime))}</span>`,
    evidence.principalIds.length === 0
      ? ''
      : `<br><span class="id">users: ${evidence.principalIds.map(h).join(', ')}</span>`,
  ].join('');
  return `<tr data-status="${h(row.status)}">
<td class="num">${index + 1}</td>
<th scope="row"><span class="name">${wrappable(row.name)}</span>${
    showResource ? `<br><span class="id">${h(row.resourceName)}</span>` : ''
  }<br><span class="id">${row.id === null ? 'no ID' : h(row.id)}</span></th>
<td>${h(PERMISSION_TYPE_LABELS[row.type])}</td>
<td><span class="status status-${h(row.status)}">${h(STATUS_LABELS[row.status])}</span></td>
<td>${h(evidence.note)}${proof}</td>
</tr>`;
};

const permissionsTable = (report: Report): string => {
  const resources = new Set(report.permissions.map((p) => p.resourceAppId));
  const caption =
    report.verification === null
      ? 'Not verified: the run stopped before verification, so no permission is shown as granted.'
      : `As verified ${formatUtc(report.verification.at)}, read back from the tenant.`;
  return `<table class="permissions">
<caption>${h(caption)}</caption>
<colgroup><col class="n"><col class="p"><col class="t"><col class="s"><col class="e"></colgroup>
<thead><tr><th scope="col" class="num">#</th><th scope="col">Permission</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Evidence</th></tr></thead>
<tbody>
${report.permissions.map((row, i) => permissionRow(row, i, resources.size > 1)).join('\n')}
</tbody>
</table>`;
};

const extrasSection = (report: Report): string =>
  report.extras.length === 0
    ? '<p>None: the target app holds no permission beyond those requested.</p>'
    : `<table class="extras">
<caption>Permissions the target app holds that the profile does not list (kept, never removed)</caption>
<colgroup><col class="p"><col class="t"><col class="r"><col class="o"></colgroup>
<thead><tr><th scope="col">Permission</th><th scope="col">Type</th><th scope="col">Resource</th><th scope="col">Held by</th></tr></thead>
<tbody>
${report.extras
  .map(
    (e) =>
      `<tr><th scope="row">${wrappable(e.name)}</th><td>${h(PERMISSION_TYPE_LABELS[e.type])}</td><td>${h(e.resourceName)}</td><td><span class="id">${h(e.objectId)}</span></td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;

const changeRow = (change: ReportChange): string => {
  const ids = [
    change.method === null || change.url === null ? null : `${change.method} ${change.url}`,
    change.requestId === null ? null : `request-id ${change.requestId}`,
    change.objectId === null ? null : `object ${change.objectId}`,
  ].filter((line): line is string => line !== null);
  return `<tr>
<td>${time(change.startedAt)}</td>
<th scope="row">${h(change.summary)}${ids.map((line) => `<br><span class="id">${h(line)}</span>`).join('')}</th>
<td><span class="status outcome-${h(change.outcome)}">${h(CHANGE_OUTCOME_LABELS[change.outcome])}</span>${
    change.httpStatus === null ? '' : `<br><span class="id">HTTP ${change.httpStatus}</span>`
  }</td>
</tr>`;
};

const changesSection = (report: Report): string =>
  report.changes.length === 0
    ? '<p>None: nothing was written to the tenant.</p>'
    : `<table class="changes">
<caption>Every write, in the order it was sent, with Microsoft Graph’s request ID for support</caption>
<colgroup><col class="w"><col class="c"><col class="o"></colgroup>
<thead><tr><th scope="col">Started</th><th scope="col">Change</th><th scope="col">Outcome</th></tr></thead>
<tbody>
${report.changes.map(changeRow).join('\n')}
</tbody>
</table>`;

const toolAccessRow = (item: ToolAccessItem): string => {
  const ids = [
    `${item.kind === 'grant' ? 'grant' : 'enterprise application'} ${item.objectId}`,
    item.requestId === null ? null : `request-id ${item.requestId}`,
  ].filter((line): line is string => line !== null);
  return `<tr data-tool-access="${h(item.status)}">
<th scope="row">${h(item.description)}${ids.map((line) => `<br><span class="id">${h(line)}</span>`).join('')}${
    item.reason === null ? '' : `<br>${h(item.reason)}`
  }</th>
<td><span class="status">${h(TOOL_ACCESS_STATUS_LABELS[item.status])}</span>${
    item.httpStatus === null ? '' : `<br><span class="id">HTTP ${item.httpStatus}</span>`
  }${item.guidance === null ? '' : `<br>${h(item.guidance.code)}: ${h(item.guidance.rawMessage)}`}</td>
</tr>`;
};

const toolAccessSection = (report: Report): string => {
  const access = report.toolAccess;
  const intro = `<p>${h(toolAccessIntro(access))}</p>`;
  if (access === null || access.items.length === 0) return intro;
  return `${intro}
<table class="tool-access">
<caption>The tool’s enterprise application and delegated grants in the tenant${
    access.signInAppId === null ? '' : ` (application ID ${h(access.signInAppId)})`
  }</caption>
<thead><tr><th scope="col">Part of the tool’s access</th><th scope="col">What became of it</th></tr></thead>
<tbody>
${access.items.map(toolAccessRow).join('\n')}
</tbody>
</table>${
    access.stopped === null
      ? ''
      : `<p>Removing stopped: ${h(access.stopped.code)}: ${h(access.stopped.rawMessage)}</p>`
  }`;
};

const warningBlock = (warning: ReportWarning): string => {
  const g = warning.guidance;
  const support = g === null ? [] : Object.entries(g.support).filter(([, v]) => v !== null);
  const meta = [
    warning.at === null ? null : formatUtc(warning.at),
    warning.step === null ? null : `${STEP_TITLES[warning.step]} step`,
    warning.whoCanFix === null ? null : WHO_CAN_FIX_LABELS[warning.whoCanFix],
  ].filter((m): m is string => m !== null);
  return `<article class="warning">
<h3>${h(warning.title)}</h3>
${meta.length === 0 ? '' : `<p class="meta">${meta.map(h).join(' · ')}</p>`}
<p>${h(warning.message)}</p>
${warning.whatToDo.length === 0 ? '' : `<ol>${warning.whatToDo.map((step) => `<li>${h(step)}</li>`).join('')}</ol>`}
${
  g === null
    ? ''
    : `<p class="meta">${h(g.code)}${g.httpStatus === null ? '' : ` (HTTP ${g.httpStatus})`}: ${h(g.rawMessage)}</p>
${support.length === 0 ? '' : `<p class="meta">${support.map(([k, v]) => `${h(k)} <span class="mono">${h(String(v))}</span>`).join(' · ')}</p>`}
<p class="meta">Microsoft’s page: ${h(g.learnMore)}</p>`
}
</article>`;
};

const notGrantableSection = (report: Report): string =>
  report.verdict.notGrantable.length === 0
    ? ''
    : `<section class="not-grantable" aria-labelledby="not-grantable"><h2 id="not-grantable">Nobody can grant (${report.verdict.notGrantable.length})</h2>
<ul>${report.verdict.notGrantable
        .map(
          (e) =>
            `<li><span class="mono">${h(e.name)}</span> (${h(PERMISSION_TYPE_LABELS[e.type].toLowerCase())}, ${h(e.resourceName)}): ${h(e.reason)}</li>`,
        )
        .join('')}</ul>
<p>${h(NOT_GRANTABLE_ADVICE)}</p>
</section>`;

const warningsSection = (report: Report): string =>
  report.warnings.length === 0 ? '<p>None.</p>' : report.warnings.map(warningBlock).join('\n');

const guardsSection = (report: Report): string =>
  report.guards.length === 0
    ? '<p>The identity checks did not run.</p>'
    : `<ul>${report.guards.map((g) => `<li>${g.passed ? 'Passed' : '<strong>Failed</strong>'}: ${h(g.message)}</li>`).join('')}</ul>`;

/**
 * The report's Content-Security-Policy, as a `<meta>` (it travels with the file, so no server sends it): nothing may
 * load or run, only the report's own inline styles apply. Everything the report shows is escaped; should an escape
 * ever be missed, an injected script, image, form or link to elsewhere is still inert. It comes before anything the
 * tenant named. https://www.w3.org/TR/CSP3/#meta-element
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * The report as one self-contained HTML file: no external fonts, scripts, styles or images, so it opens offline and
 * from an email attachment; print-friendly (A4 or Letter, the practice mark, digest and page numbers on every
 * printed page). The PDF is this page printed by Chromium.
 */
export const renderHtml = (report: Report): string => {
  const title = `${reportTitle(report)}: ${report.targetApp.displayName} in ${tenantLabel(report)}${report.practice ? ' (practice)' : ''}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Pia Onboarding ${h(report.toolVersion)}">
<meta name="report-digest" content="sha256:${h(report.digest)}">
<title>${h(title)}</title>
<style>${styles(report)}</style>
</head>
<body${report.practice ? ' class="practice-run"' : ''}>
${report.practice ? `<p class="practice" role="note">${h(PRACTICE_MARK)}. Nothing in this report concerns a real client.</p>` : ''}
<header>
<h1>${h(reportTitle(report))}</h1>
<p class="subtitle">${h(report.targetApp.displayName)} in ${h(tenantLabel(report))}</p>
<div class="verdict verdict-${h(report.verdict.kind)}"><span>Verdict</span> <strong>${h(report.verdict.text)}</strong></div>
<p>${h(report.verdict.detail)}</p>
<p>${h(countsLine(report))}.</p>
${notGrantableSection(report)}
</header>
<main>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
${summary(report)}
${report.removal === null ? countsTable(report) : ''}
</section>
${
  report.removal === null
    ? `<section aria-labelledby="permissions"><h2 id="permissions">Permissions (${report.permissions.length})</h2>
${permissionsTable(report)}
</section>`
    : removalSection(report.removal)
}
<section aria-labelledby="warnings"><h2 id="warnings">Warnings and guidance (${report.warnings.length})</h2>
${warningsSection(report)}
</section>
<section aria-labelledby="changes"><h2 id="changes">Changes made (${report.changes.length})</h2>
${changesSection(report)}
</section>
<section aria-labelledby="tool-access"><h2 id="tool-access">The tool’s own access</h2>
${toolAccessSection(report)}
</section>
${
  report.removal === null
    ? `<section aria-labelledby="extras"><h2 id="extras">Extra permissions (${report.extras.length})</h2>
${extrasSection(report)}
</section>`
    : ''
}
<section aria-labelledby="identity"><h2 id="identity">Identity checks</h2>
${guardsSection(report)}
</section>
<section aria-labelledby="verify"><h2 id="verify">Check this report</h2>
<p>SHA-256 digest of this report’s canonical JSON:</p>
<p class="digest mono" id="digest">${h(report.digest)}</p>
<p>The JSON export of the same report carries this digest. To check a copy of it:</p>
<pre>${h(DIGEST_RECIPE)}</pre>
<p>The result must equal the digest above; any change to any field changes it.</p>
</section>
</main>
<footer>
<p>Generated ${time(report.generatedAt)} by Pia Onboarding ${h(report.toolVersion)} (run made with ${h(report.run.toolVersion)}). Report format version ${report.schemaVersion}.${report.practice ? ` ${h(PRACTICE_MARK)}.` : ''}</p>
<p class="mono">SHA-256 ${h(report.digest)}</p>
</footer>
</body>
</html>
`;
};
