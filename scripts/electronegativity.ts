import { createRequire } from 'node:module';
import { join } from 'node:path';

// Runs Electronegativity (https://github.com/doyensec/electronegativity) over src/ through its API, because its
// command line exits 0 whatever it finds, and fails on any finding of MEDIUM or HIGH severity that is not one of
// the justified exceptions below. An exception that no longer matches anything also fails, so the list cannot
// outlive its reason. `npm run lint:electron`.

interface Finding {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: { readonly value: number; readonly name: string };
  readonly confidence: { readonly name: string };
  readonly manualReview?: boolean;
  readonly description?: string;
}

interface Exception {
  readonly id: string;
  /** Path relative to src/, as Electronegativity reports it; `N/A` for global checks. */
  readonly file: string;
  readonly reason: string;
}

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

const matches = (finding: Finding, exception: Exception): boolean =>
  finding.id === exception.id && finding.file === exception.file;

const parseErrors = result.errors.filter((error) => !error.tolerable);
const serious = result.issues.filter((finding) => finding.severity.value >= MEDIUM);
const unexcused = serious.filter((finding) => !EXCEPTIONS.some((exception) => matches(finding, exception)));
const stale = EXCEPTIONS.filter((exception) => !serious.some((finding) => matches(finding, exception)));

for (const finding of result.issues) {
  const excused = EXCEPTIONS.find((exception) => matches(finding, exception));
  const where = `${finding.file}:${finding.location.line}`;
  const verdict = excused !== undefined ? 'excused' : finding.severity.value >= MEDIUM ? 'FAIL' : 'note';
  console.log(`${verdict.padEnd(7)} ${finding.severity.name.padEnd(13)} ${finding.id} ${where}`);
}
for (const error of parseErrors) console.log(`FAIL    could not parse ${error.file}: ${error.message}`);
for (const exception of stale)
  console.log(`FAIL    stale exception ${exception.id} ${exception.file}: remove it`);

if (unexcused.length > 0 || stale.length > 0 || parseErrors.length > 0) {
  console.error(
    `Electronegativity: ${unexcused.length} finding(s) of medium or higher severity, ${stale.length} stale exception(s), ${parseErrors.length} parse error(s).`,
  );
  process.exit(1);
}
console.log(
  `Electronegativity: no unexcused finding of medium or higher severity (${EXCEPTIONS.length} excused).`,
);
