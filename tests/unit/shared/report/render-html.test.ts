import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../../src/shared/onboarding/run-record';
import { buildReport } from '../../../../src/shared/report/build-report';
import { renderHtml } from '../../../../src/shared/report/render-html';
import { PRACTICE_MARK } from '../../../../src/shared/report/report-labels';
import { incompleteRun, interruptedRun } from '../../../support/run-fixtures';
import { webCryptoSha256 } from './web-crypto';

const build = (record: RunRecord) =>
  buildReport(record, {
    toolVersion: '0.1.0',
    generatedAt: '2026-11-30T10:00:00.000Z',
    sha256Hex: webCryptoSha256,
  });

describe('renderHtml', () => {
  it('is one self-contained document: no script, no external style, font, image or link to load', async () => {
    const html = renderHtml(await build(incompleteRun().record()));
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(
      /<script|<link|<img|<iframe|<object|<embed|@import|url\(|@font-face|\ssrc=|\shref=/i,
    );
  });

  it('has a title, table headers with scopes and a caption for every table', async () => {
    const report = await build(incompleteRun().record());
    const html = renderHtml(report);
    expect(html).toContain('<title>Onboarding report: Pia in Contoso (contoso.com)</title>');
    expect(html.match(/<table/g)?.length).toBe(html.match(/<caption>/g)?.length);
    expect(html.match(/<th scope="row">/g)?.length).toBe(
      report.permissions.length + report.changes.length + report.extras.length,
    );
    expect(html).toContain('<th scope="col">Status</th>');
  });

  it('prints the digest and page numbers on every page, and marks a practice run on every page', async () => {
    const practice = await build(incompleteRun({ practice: true }).record());
    const html = renderHtml(practice);
    expect(html).toContain(`@bottom-left { content: "SHA-256 ${practice.digest}"`);
    expect(html).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages)');
    expect(html).toContain(`@top-center { content: "${PRACTICE_MARK}"`);
    expect(html).toContain(`<p class="digest mono" id="digest">${practice.digest}</p>`);
    expect(renderHtml(await build(incompleteRun().record()))).not.toContain(PRACTICE_MARK);
  });

  it('escapes what the tenant and the technician typed', async () => {
    const record = interruptedRun().record();
    const organization =
      record.organization === null
        ? null
        : { ...record.organization, displayName: '<img src=x onerror=alert(1)> & "Co"' };
    const html = renderHtml(
      await build({
        ...record,
        organization,
        input: { ...record.input, ticket: "</style><script>x('y')</script>" },
      }),
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot;');
    expect(html).toContain('&lt;/style&gt;&lt;script&gt;x(&#39;y&#39;)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img/);
  });

  it('carries a Content-Security-Policy that lets nothing load or run, before anything the tenant named', async () => {
    const html = renderHtml(await build(incompleteRun().record()));
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
    expect(metas).toHaveLength(1);
    const directives = new Map(
      (metas[0]?.[1] ?? '').split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/);
        return [name, sources] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('style-src')).toEqual(["'unsafe-inline'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    // Nothing else is allowed: no script, image, font, connection or frame source of its own.
    expect([...directives.keys()].sort()).toEqual(['base-uri', 'default-src', 'form-action', 'style-src']);
    // A policy in <meta> applies from where it stands: it comes before the title and the body.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<title>'));
    expect(html).not.toMatch(/<script|<img|<link|<iframe|@import|url\(/i);
  });
});
