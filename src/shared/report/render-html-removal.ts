import { escapeHtml as h, wrappable } from './html-text';
import { formatUtc, PERMISSION_TYPE_LABELS } from './report-labels';
import { ENTERPRISE_APP_STATUS_LABELS, enterpriseAppLine, REMOVAL_STATUS_LABELS } from './report-removal';
import type { ReportRemoval, ReportRemovalRow } from './report-schema';

/** The summary's line for an offboarding: what it removes, and what becomes of the enterprise application. */
export const removalFact = (removal: ReportRemoval): string =>
  `<dt>Run</dt><dd>Offboarding: every permission the app holds removed, its enterprise application ${
    removal.action === 'delete' ? 'deleted' : 'disabled'
  }</dd>`;

const removalRow = (row: ReportRemovalRow, index: number): string => `<tr data-status="${h(row.status)}">
<td class="num">${index + 1}</td>
<th scope="row"><span class="name">${wrappable(row.name)}</span>${row.listed ? '' : '<br><span class="id">not in the profile</span>'}</th>
<td>${h(PERMISSION_TYPE_LABELS[row.type])}</td>
<td>${h(row.resourceName)}${row.resourceAppId === null ? '' : `<br><span class="id">${h(row.resourceAppId)}</span>`}</td>
<td><span class="status status-${h(row.status)}">${h(REMOVAL_STATUS_LABELS[row.status])}</span></td>
</tr>`;

/** An offboarding's table: every permission the app held or the profile lists, and what the read-back found. */
export const removalSection = (removal: ReportRemoval): string => {
  const caption =
    removal.checkedAt === null
      ? 'Not verified: the run did not read the tenant back, so no permission is shown as removed.'
      : `As read back from the tenant ${formatUtc(removal.checkedAt)}.`;
  const app =
    removal.enterpriseAppStatus === null
      ? ''
      : ` <span class="status status-${removal.enterpriseAppStatus === 'disabled' ? 'removed' : h(removal.enterpriseAppStatus)}">${h(ENTERPRISE_APP_STATUS_LABELS[removal.enterpriseAppStatus])}</span>`;
  return `<section aria-labelledby="removal"><h2 id="removal">Access removed (${removal.rows.length})</h2>
<p>${h(enterpriseAppLine(removal))}${app}</p>
<table class="removal">
<caption>${h(caption)}</caption>
<colgroup><col class="n"><col class="p"><col class="t"><col class="r"><col class="s"></colgroup>
<thead><tr><th scope="col" class="num">#</th><th scope="col">Permission</th><th scope="col">Type</th><th scope="col">Resource</th><th scope="col">Status</th></tr></thead>
<tbody>
${removal.rows.map(removalRow).join('\n')}
</tbody>
</table>
</section>`;
};
