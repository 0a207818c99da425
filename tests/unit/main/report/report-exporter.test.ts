import { describe, expect, it } from 'vitest';
import { downloadSaver } from '../../../../src/main/files/file-saver';
import { createReportExporter } from '../../../../src/main/report/report-exporter';
import { sha256Hex } from '../../../../src/main/report/sha256-hex';
import { applyEntry } from '../../../../src/shared/onboarding/run-record';
import { checkReportDigest } from '../../../../src/shared/report/report-digest';
import { incompleteRun, startRun } from '../../../support/run-fixtures';

const text = (base64: string): string =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.from(base64, 'base64'));

describe('the report exporter', () => {
  // Each export asks the clock again: a report made per export would carry its own generatedAt and digest.
  let tick = 0;
  const exporter = (live: () => boolean) =>
    createReportExporter({
      runs: { isLive: live },
      printer: { printHtmlToPdf: async () => new TextEncoder().encode('%PDF-1.7 fake') },
      saver: downloadSaver,
      toolVersion: '1.2.3',
      now: () => new Date(Date.parse('2026-11-30T10:00:00Z') + 1000 * tick++),
    });

  it('renders every format of one run state from one report: one digest, the one the JSON recomputes to', async () => {
    const reports = exporter(() => true);
    const record = startRun()
      .discover()
      .signIn()
      .readIdentity()
      .guards()
      .plan()
      .confirm()
      .write()
      .verify()
      .record();
    const current = await reports.current(record);
    const files = [];
    for (const format of ['pdf', 'html', 'csv', 'json', 'md'] as const) {
      files.push(await reports.export(record, format, 'A4'));
    }
    expect(new Set(files.map((f) => f.digest))).toEqual(new Set([current.digest]));
    const json = files.find((f) => f.file.kind === 'download' && f.file.fileName.endsWith('.json'))?.file;
    if (json?.kind !== 'download') throw new Error('a JSON download');
    const parsed = JSON.parse(text(json.base64)) as { generatedAt: string; verdict: { kind: string } };
    expect(await checkReportDigest(parsed, sha256Hex)).toMatchObject({
      valid: true,
      expected: current.digest,
    });
    expect(parsed.generatedAt).toBe(current.generatedAt);
    // Before Finish, the verdict is the verification's, not "in progress".
    expect(current.verdict.kind).toBe('complete-with-not-grantable');
    for (const f of files) {
      if (f.file.kind === 'download' && !f.file.fileName.endsWith('.pdf')) {
        expect(text(f.file.base64), f.file.fileName).toContain(current.digest);
      }
    }
    expect(await reports.summary(record)).toContain(`Report SHA-256 ${current.digest}`);
  });

  it('makes a new report when the run changes (Finish), and when it stops being live', async () => {
    let live = true;
    const reports = exporter(() => live);
    const journal = incompleteRun();
    const ended = journal.record();
    const entries = journal.entries;
    const last = entries.at(-1);
    if (last === undefined || last.type !== 'run-ended') throw new Error('an ended run');
    // The same run just before its end, and at its end.
    const before = {
      ...ended,
      ended: false,
      endedAt: null,
      outcome: null,
      lastEntryAt: entries.at(-2)?.at ?? '',
    };
    const open = await reports.current(before);
    expect((await reports.current(before)).digest).toBe(open.digest);
    const finished = await reports.current(applyEntry(before, last));
    expect(finished.digest).not.toBe(open.digest);
    expect(finished.verdict.kind).toBe(open.verdict.kind);
    live = false;
    const stored = await reports.current(applyEntry(before, last));
    expect(stored.digest).not.toBe(finished.digest);
  });
});
