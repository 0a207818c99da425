import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSaveDialogSaver,
  type SaveDialogSaverDeps,
} from '../../../../src/main/electron/save-dialog-saver';
import { createReportExporter } from '../../../../src/main/report/report-exporter';
import { createSettingsStore, type SettingsStore } from '../../../../src/main/storage/settings-store';
import { verifiedRun } from '../../../support/run-fixtures';

type SaveDialog = SaveDialogSaverDeps['showSaveDialog'];

describe('the desktop app’s report export', () => {
  let dir: string;
  let settings: SettingsStore;
  const asked: Parameters<SaveDialog>[0][] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pia-export-'));
    settings = createSettingsStore(join(dir, 'data'));
    asked.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const exporter = (answer: (options: Parameters<SaveDialog>[0]) => string | null) =>
    createReportExporter({
      runs: { isLive: () => false },
      printer: { printHtmlToPdf: async () => new TextEncoder().encode('%PDF-1.7 fake') },
      toolVersion: '1.2.3',
      now: () => new Date('2026-11-30T10:00:00Z'),
      saver: createSaveDialogSaver({
        settings: () => settings,
        defaultFolder: () => join(dir, 'Documents'),
        showSaveDialog: async (options) => {
          asked.push(options);
          const path = answer(options);
          return path === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: path };
        },
      }),
    });

  it('offers the report’s name in the documents folder, writes where the technician chose, and remembers the folder', async () => {
    const record = verifiedRun().record();
    const target = join(dir, 'Tickets', 'contoso.csv');
    const result = await exporter(() => target).export(record, 'csv', 'A4');
    expect(result).toEqual({
      file: { kind: 'saved', path: target },
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(asked[0]?.defaultPath).toMatch(
      new RegExp(`^${join(dir, 'Documents').replaceAll('\\', '\\\\')}/pia-onboarding.*\\.csv$`),
    );
    expect(asked[0]?.filters).toEqual([{ name: 'CSV (Excel)', extensions: ['csv'] }]);
    const csv = readFileSync(target, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n').filter((line) => line !== '').length).toBe(41);
    expect((await settings.get()).lastExportFolder).toBe(join(dir, 'Tickets'));

    await exporter(() => null).export(record, 'pdf', 'Letter');
    expect(asked[1]?.defaultPath?.startsWith(join(dir, 'Tickets'))).toBe(true);
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const result = await exporter(() => null).export(verifiedRun().record(), 'json', 'A4');
    expect(result.file).toEqual({ kind: 'cancelled' });
    expect((await settings.get()).lastExportFolder).toBeNull();
  });
});
