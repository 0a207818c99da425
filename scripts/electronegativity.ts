import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Exception, type Finding, judgeFindings } from './electronegativity-exceptions';

// Runs Electronegativity (https://github.com/doyensec/electronegativity) over src/ through its API, because its
// command line exits 0 whatever it finds, and fails on any finding of MEDIUM or HIGH severity that is not one of
// the justified exceptions below, each bound to its line by a marker comment (electronegativity-exceptions.ts). An
// exception or marker that no longer matches anything also fails, so the list cannot outlive its reason.
// `npm run lint:electron`.

/** Findings reviewed and accepted, each with the reason. Also in docs/SECURITY.md. */
const EXCEPTIONS: readonly Exception[] = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    reason:
      'The CSP is sent as an HTTP header by the app:// protocol handler (src/main/electron/app-protocol.ts, ' +
      'tested in tests/unit/main/electron/app-protocol.test.ts) and by the preview host; Electronegativity only ' +
      'recognises <meta> tags and webRequest.onHeadersReceived.',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/electron/external-links.ts',
    reason:
      'The only shell.openExternal call, behind isAllowedExternalUrl: https, default port, no credentials, exact ' +
      'host allow-list (tests/unit/main/electron/external-links.test.ts).',
  },
  {
    id: 'CERTIFICATE_VERIFY_PROC_JS_CHECK',
    file: 'main/electron/sign-in-window.ts',
    reason:
      'Pins the practice tenant certificate by SHA-256 fingerprint on its loopback host only and returns -3 ' +
      "(Chromium's own verdict) for everything else (tests/unit/main/electron/certificate-pin.test.ts).",
  },
];

const MEDIUM = 2;

// The package ships no type declarations; its runner is the documented programmatic entry point.
const run = createRequire(import.meta.url)('@doyensec/electronegativity/dist/runner.js') as (options: {
  input: string;
  isRelative: boolean;
  electronVersionOverride: string;
}) => Promise<unknown>;

const root = join(import.meta.dirname, '..');
const result = (await run({
  input: join(root, 'src'),
  isRelative: true,
  // The release list is fetched from the network when the version is unknown; name it so the scan is offline.
  electronVersionOverride: '45.5.0',
})) as { errors: { file: string; message: string; tolerable: boolean }[]; issues: Finding[] };

const parseErrors = result.errors.filter((error) => !error.tolerable);
const serious = result.issues.filter((finding) => finding.severity.value >= MEDIUM);
const lines = new Map<string, readonly string[]>();
const sourceLines = (file: string): readonly string[] => {
  let text = lines.get(file);
  if (text === undefined) {
    text = readFileSync(join(root, 'src', file), 'utf8').split('\n');
    lines.set(file, text);
  }
  return text;
};
const { excused, unexcused, staleExceptions, staleMarkers } = judgeFindings(serious, EXCEPTIONS, sourceLines);
const stale = [...staleExceptions.map((e) => `${e.id} ${e.file}`), ...staleMarkers];

for (const finding of result.issues) {
  const where = `${finding.file}:${finding.location.line}`;
  const verdict = excused.includes(finding) ? 'excused' : unexcused.includes(finding) ? 'FAIL' : 'note';
  console.log(`${verdict.padEnd(7)} ${finding.severity.name.padEnd(13)} ${finding.id} ${where}`);
}
for (const error of parseErrors) console.log(`FAIL    could not parse ${error.file}: ${error.message}`);
for (const entry of stale) console.log(`FAIL    stale exception or marker ${entry}: remove it`);

if (unexcused.length > 0 || stale.length > 0 || parseErrors.length > 0) {
  console.error(
    `Electronegativity: ${unexcused.length} finding(s) of medium or higher severity, ${stale.length} stale exception(s), ${parseErrors.length} parse error(s).`,
  );
  process.exit(1);
}
console.log(
  `Electronegativity: no unexcused finding of medium or higher severity (${EXCEPTIONS.length} excused).`,
);
