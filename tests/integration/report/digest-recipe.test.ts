import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/main/report/sha256-hex';
import { buildReport } from '../../../src/shared/report/build-report';
import { canonicalJson } from '../../../src/shared/report/canonical-json';
import { renderCanonicalJson, renderJson } from '../../../src/shared/report/render-json';
import { DIGEST_RECIPE } from '../../../src/shared/report/report-verification';
import { blockedRun, interruptedRun, verifiedRun } from '../../support/run-fixtures';

// The recipe docs/report-schema.md gives anyone to check a copy: jq and sha256sum. Without them the test cannot run.
const available = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const tools = available('jq') && available('sha256sum');

let work = '';
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'report-digest-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const jqCanonical = (json: string): Buffer => {
  const file = join(work, 'value.json');
  writeFileSync(file, json);
  const result = spawnSync('jq', ['-jcS', '.', file]);
  expect(result.status, result.stderr.toString()).toBe(0);
  return result.stdout;
};

describe.skipIf(!tools)('the digest recipe with jq and sha256sum (needs both on PATH)', () => {
  it.each([
    ['verified', () => verifiedRun().record()],
    ['blocked, practice', () => blockedRun({ practice: true }).record()],
    ['interrupted', () => interruptedRun().record()],
  ])(
    'recomputes the digest of a %s run’s report from the pretty and the canonical JSON',
    async (_name, record) => {
      const report = await buildReport(record(), {
        toolVersion: '0.1.0',
        generatedAt: '2026-11-30T10:00:00.000Z',
        sha256Hex,
      });
      for (const [name, json] of [
        ['report.json', renderJson(report)],
        ['canonical.json', renderCanonicalJson(report)],
      ] as const) {
        writeFileSync(join(work, name), json);
        const command = DIGEST_RECIPE.replace('report.json', name);
        const result = spawnSync('sh', ['-c', command], { cwd: work, encoding: 'utf8' });
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout.split(/\s/)[0]).toBe(report.digest);
      }
    },
  );

  // jq 1.6 refuses a lone surrogate escape outright; a report never holds one (buildReport makes text well formed).
  it('the commands docs/report-schema.md gives print the digest of an exported report', async () => {
    const doc = readFileSync(new URL('../../../docs/report-schema.md', import.meta.url), 'utf8');
    const commands = [...doc.matchAll(/```sh\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
    expect(commands).toHaveLength(2);
    expect(commands[0]).toBe(DIGEST_RECIPE);
    expect(commands[1]).toMatch(/^node -e /);
    // A DEL and non-ASCII text: where a careless canonical form would differ from jq's.
    const report = await buildReport(
      verifiedRun({ practice: true, technician: 'Jördan\u007f Reyes 中文 \u{1F600}' }).record(),
      { toolVersion: '0.1.0', generatedAt: '2026-11-30T10:00:00.000Z', sha256Hex },
    );
    expect(renderJson(report)).toContain('\u007f');
    writeFileSync(join(work, 'report.json'), renderJson(report));
    for (const command of commands) {
      const result = spawnSync('sh', ['-c', command], { cwd: work, encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.split(/\s/)[0], command.slice(0, 20)).toBe(report.digest);
    }
  });

  it('writes canonical JSON byte for byte as jq -S -c does, for any text and key', () => {
    let everyAscii = '';
    for (let code = 0; code < 0xa0; code += 1) everyAscii += String.fromCharCode(code);
    const value = {
      text: `${everyAscii}\u2028\u2029\u00ad\ufeff é ü 中文 \u{1F600}`,
      keys: { Z: 1, a: 2, 'a b': 3, é: 4, '\uffff': 5, '\u{1F600}': 6, '': 7, _: 8, '-': 9 },
      numbers: [0, -1, 1, 9007199254740991, -42],
      nested: [[], {}, [null, true, false]],
    };
    const json = JSON.stringify(value);
    expect(Buffer.from(canonicalJson(JSON.parse(json)), 'utf8')).toEqual(jqCanonical(json));
  });

  it('agrees with jq on a whole report, pretty-printed', async () => {
    const report = await buildReport(verifiedRun({ practice: true }).record(), {
      toolVersion: '0.1.0',
      generatedAt: '2026-11-30T10:00:00.000Z',
      sha256Hex,
    });
    expect(Buffer.from(canonicalJson(report), 'utf8')).toEqual(jqCanonical(renderJson(report)));
  });
});
