import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../../src/shared/report/build-report';
import { renderCanonicalJson, renderJson } from '../../../../src/shared/report/render-json';
import { checkReportDigest, readReport } from '../../../../src/shared/report/report-digest';
import { failedRun } from '../../../support/run-fixtures';
import { webCryptoSha256 } from './web-crypto';

const build = () =>
  buildReport(failedRun({ practice: true }).record(), {
    toolVersion: '0.1.0',
    generatedAt: '2026-11-30T10:00:00.000Z',
    sha256Hex: webCryptoSha256,
  });

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Every leaf of a JSON value, with its path.
const leaves = (value: Json, path: (string | number)[] = []): (string | number)[][] => {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, [...path, key]));
  }
  return [path];
};

const altered = (value: Json): Json => {
  if (typeof value === 'string') return `${value}x`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  return 'was null';
};

describe('report digest', () => {
  it('verifies the report as built, from the pretty JSON file and from canonical JSON', async () => {
    const report = await build();
    expect((await readReport(renderJson(report), webCryptoSha256)).digest.valid).toBe(true);
    expect((await readReport(renderCanonicalJson(report), webCryptoSha256)).digest.valid).toBe(true);
    expect(renderJson(report)).not.toBe(renderCanonicalJson(report));
  });

  // Over 500 digests, one per changed value: about 1.6 s on a quiet 2-core machine, hence a budget of its own.
  it('fails when any single value anywhere in the report is changed', { timeout: 30_000 }, async () => {
    const report = await build();
    const json = JSON.parse(renderJson(report)) as { [key: string]: Json };
    const paths = leaves(json).filter((path) => path[0] !== 'digest');
    expect(paths.length).toBeGreaterThan(500);
    for (const path of paths) {
      const copy = structuredClone(json);
      let parent: Json = copy;
      for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as Json;
      const last = path.at(-1) as string | number;
      const holder = parent as Record<string | number, Json>;
      holder[last] = altered(holder[last] as Json);
      const check = await checkReportDigest(copy, webCryptoSha256);
      expect(check.valid, `changing ${path.join('.')} must fail the check`).toBe(false);
    }
  });

  it('fails when a field is added or removed, and says which digest the copy should carry', async () => {
    const report = await build();
    const added = await checkReportDigest({ ...report, note: 'added later' }, webCryptoSha256);
    expect(added.valid).toBe(false);
    expect(added.found).toBe(report.digest);
    const { ticket: _ticket, ...removed } = report;
    expect((await checkReportDigest(removed, webCryptoSha256)).valid).toBe(false);
    const { digest: _digest, ...unsigned } = report;
    expect(await checkReportDigest(unsigned, webCryptoSha256)).toEqual({
      valid: false,
      expected: report.digest,
      found: null,
    });
  });

  it('does not depend on key order or whitespace', async () => {
    const report = await build();
    const reversed = Object.fromEntries(Object.entries(report).reverse());
    expect((await checkReportDigest(reversed, webCryptoSha256)).valid).toBe(true);
    const spaced = JSON.parse(JSON.stringify(report, null, 7)) as unknown;
    expect((await checkReportDigest(spaced, webCryptoSha256)).valid).toBe(true);
  });

  it('reads only versions 1 to 4: an unknown field fails the schema even with a matching digest', async () => {
    const report = await build();
    const withExtra = { ...report, extra: true };
    const { digest: _d, ...content } = withExtra;
    const redigested = { ...content, digest: (await checkReportDigest(content, webCryptoSha256)).expected };
    await expect(readReport(JSON.stringify(redigested), webCryptoSha256)).rejects.toThrow(/extra/);
    await expect(
      readReport(JSON.stringify({ ...report, schemaVersion: 5 }), webCryptoSha256),
    ).rejects.toThrow();
  });

  /** A report of this build as version 3 wrote it: no `removal`, no `run.kind`. */
  const asVersion3 = async () => {
    const report = await build();
    const { kind: _k, ...run } = report.run;
    const { digest: _d, removal: _r, ...content } = { ...report, run, schemaVersion: 3 };
    return { ...content, digest: (await checkReportDigest(content, webCryptoSha256)).expected };
  };

  it('still reads a version 3 report, as earlier builds wrote it (onboarding only), and checks its digest', async () => {
    const v3 = await asVersion3();
    const read = await readReport(JSON.stringify(v3), webCryptoSha256);
    expect(read.digest.valid).toBe(true);
    expect(read.report.schemaVersion).toBe(3);
    // A version 3 report cannot carry what version 4 added.
    await expect(readReport(JSON.stringify({ ...v3, removal: null }), webCryptoSha256)).rejects.toThrow();
    await expect(
      readReport(JSON.stringify({ ...v3, run: { ...v3.run, kind: 'onboarding' } }), webCryptoSha256),
    ).rejects.toThrow();
  });

  it('still reads a version 2 report, as earlier builds wrote it (no toolAccess), and checks its digest', async () => {
    const report = await asVersion3();
    const { digest: _d, toolAccess: _t, ...content } = { ...report, schemaVersion: 2 };
    const v2 = { ...content, digest: (await checkReportDigest(content, webCryptoSha256)).expected };
    const read = await readReport(JSON.stringify(v2), webCryptoSha256);
    expect(read.digest.valid).toBe(true);
    expect(read.report.schemaVersion).toBe(2);
    // A version 2 report cannot carry what version 3 added.
    await expect(readReport(JSON.stringify({ ...v2, toolAccess: null }), webCryptoSha256)).rejects.toThrow();
  });

  it('still reads a version 1 report, as earlier builds wrote it, and checks its digest', async () => {
    const report = await asVersion3();
    const { notGrantable: _n, ...verdict } = report.verdict;
    const {
      digest: _d,
      toolAccess: _t,
      ...content
    } = {
      ...report,
      schemaVersion: 1,
      verdict: { ...verdict, kind: 'incomplete' },
    };
    const v1 = { ...content, digest: (await checkReportDigest(content, webCryptoSha256)).expected };
    const read = await readReport(JSON.stringify(v1), webCryptoSha256);
    expect(read.digest.valid).toBe(true);
    expect(read.report.schemaVersion).toBe(1);
    // A version 1 report cannot carry what version 2 added.
    await expect(
      readReport(JSON.stringify({ ...v1, verdict: report.verdict }), webCryptoSha256),
    ).rejects.toThrow();
  });
});
