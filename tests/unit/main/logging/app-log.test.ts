import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppLog } from '../../../../src/main/logging/app-log';
import { archivedLogPath, rotateLogFilesSync } from '../../../../src/main/logging/log-rotation';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'logs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('createAppLog', () => {
  it('writes redacted lines to its file', () => {
    const log = createAppLog({ directory: dir });
    log.info('Token response', { access_token: 'secret-value', tenant: 'contoso.com' });
    log.error('Redirect reached http://localhost:5000/?code=the-code&state=s');
    const text = readFileSync(log.filePath, 'utf8');
    expect(text).toContain('contoso.com');
    expect(text).toContain('[info]');
    expect(text).not.toContain('secret-value');
    expect(text).not.toContain('the-code');
    expect(text).toContain('code=[redacted]');
  });

  it('rotates the file when it grows past its limit, keeping a bounded number of old files', () => {
    const log = createAppLog({ directory: dir, maxFileBytes: 200, keepFiles: 2 });
    for (let i = 0; i < 40; i += 1) log.info(`line ${i} ${'x'.repeat(40)}`);
    expect(existsSync(log.filePath)).toBe(true);
    expect(existsSync(archivedLogPath(log.filePath, 1))).toBe(true);
    expect(existsSync(archivedLogPath(log.filePath, 2))).toBe(true);
    expect(existsSync(archivedLogPath(log.filePath, 3))).toBe(false);
    expect(readFileSync(log.filePath, 'utf8')).toContain('line 39');
  });

  it('drops debug lines at the default level', () => {
    const log = createAppLog({ directory: dir, fileName: 'quiet.log' });
    log.debug('noisy detail');
    log.warn('kept');
    expect(readFileSync(log.filePath, 'utf8')).not.toContain('noisy detail');
  });
});

describe('rotateLogFilesSync', () => {
  it('shifts archives up and drops the oldest', () => {
    const path = join(dir, 'main.log');
    writeFileSync(path, 'current');
    writeFileSync(archivedLogPath(path, 1), 'one');
    writeFileSync(archivedLogPath(path, 2), 'two');
    rotateLogFilesSync(path, 2);
    expect(existsSync(path)).toBe(false);
    expect(readFileSync(archivedLogPath(path, 1), 'utf8')).toBe('current');
    expect(readFileSync(archivedLogPath(path, 2), 'utf8')).toBe('one');
  });
});
