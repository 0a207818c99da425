// `npm run bench`: the figures behind the README's Performance section. Every case runs against the practice tenant
// with a fixed latency added to each request (`--latency N`, 100 ms by default), `--warmup N` unmeasured runs (1)
// then `--runs N` measured ones (5); figures are medians. The whole-app case (renderer in Chromium, preview bridge,
// core) runs `--ui-runs N` measured times per size (3) after the same warm-up. Readable tables come first; then one JSON line with the
// figures. Timings are printed, never asserted: the onboarding's correctness is checked on every run.
//
// The figures are also written as Markdown to docs/figures/bench.md (with the commit, the moment, the machine, its
// load and the bench's whole time), and that file is copied unchanged into README.md between its figures:bench
// markers.
import { fileURLToPath } from 'node:url';
import { DEFAULT_PROFILE } from '../../src/shared/profile/default-profile';
import { writeFigures } from '../figures/figures-file';
import { endRunContext, startRunContext } from '../figures/run-context';
import { measureBaselineOnboarding } from './baseline-onboarding';
import {
  type BenchFigures,
  benchJson,
  benchTables,
  renderBenchReport,
  type UiPathSize,
} from './bench-report';
import { measureExport } from './export-case';
import { formatTable, integerOption, median } from './figures';
import { largeProfile } from './large-profile';
import { measureOnboarding, type SpanFigures } from './onboarding-case';
import { buildRenderer, initialJsGzipBytes, measureFirstRender } from './renderer-case';
import { measureUiPath } from './ui-path-case';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const context = startRunContext('bench', args);
const latencyMs = integerOption(args, 'latency', 100);
const warmup = integerOption(args, 'warmup', 1);
const runs = Math.max(1, integerOption(args, 'runs', 5));
const uiRuns = Math.max(1, integerOption(args, 'ui-runs', 3));
const LARGE = 200;
const UI_PATH_SIZES = [40, 100, 300] as const;
const GROWTH_SIZES = [20, 50, 100, 150] as const;
const ASKED = DEFAULT_PROFILE.permissions.reduce(
  (sum, resource) => sum + (resource.delegated?.length ?? 0) + (resource.application?.length ?? 0),
  0,
);
// The default profile's 40 permissions, less Device.ReadWrite.All, which Microsoft Graph offers as an
// application permission only: 39 can be granted.
const DEFAULT_GRANTABLE = 39;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const log = (line: string): void => console.log(line);

log(
  `Pia Onboarding bench: ${latencyMs} ms added to every practice-tenant request, ${warmup} warm-up run(s), ` +
    `${runs} measured run(s), medians.`,
);

log('Building the app (electron-vite build)…');
buildRenderer(root);

const onboard: SpanFigures[] = [];
const verify: SpanFigures[] = [];
const baseline: SpanFigures[] = [];
const perPermission: SpanFigures[] = [];
const large: SpanFigures[] = [];
const practiceStarts: number[] = [];
let reportRecord = null as Awaited<ReturnType<typeof measureOnboarding>>['record'] | null;

for (let i = 0; i < warmup + runs; i += 1) {
  const measured = i >= warmup;
  const engine = await measureOnboarding(DEFAULT_PROFILE, { latencyMs, expectGranted: DEFAULT_GRANTABLE });
  const documented = await measureBaselineOnboarding(DEFAULT_PROFILE, {
    latencyMs,
    expectGranted: DEFAULT_GRANTABLE,
    pattern: 'documented',
  });
  const each = await measureBaselineOnboarding(DEFAULT_PROFILE, {
    latencyMs,
    expectGranted: DEFAULT_GRANTABLE,
    pattern: 'per-permission',
  });
  const big = await measureOnboarding(largeProfile(LARGE), { latencyMs, expectGranted: LARGE });
  log(
    `  ${measured ? `run ${i - warmup + 1}/${runs}` : `warm-up ${i + 1}/${warmup}`}: ` +
      `onboard ${engine.onboard.graphRequests} requests ${seconds(engine.onboard.wallMs)}, ` +
      `baseline ${documented.graphRequests} requests ${seconds(documented.wallMs)}, ` +
      `per-permission ${each.graphRequests} requests ${seconds(each.wallMs)}, ` +
      `verify ${engine.verify.graphRequests} requests ${seconds(engine.verify.wallMs)}, ` +
      `${LARGE} permissions ${big.onboard.graphRequests} requests ${seconds(big.onboard.wallMs)}`,
  );
  if (!measured) continue;
  onboard.push(engine.onboard);
  verify.push(engine.verify);
  baseline.push(documented);
  perPermission.push(each);
  large.push(big.onboard);
  practiceStarts.push(engine.practiceStartMs, big.practiceStartMs);
  reportRecord = engine.record;
}

// Request counts do not depend on timing: one run per size shows how they grow.
const growth: { permissions: number; graphRequests: number }[] = [];
for (const size of GROWTH_SIZES) {
  const figures = await measureOnboarding(largeProfile(size), { latencyMs, expectGranted: size });
  growth.push({ permissions: size, graphRequests: figures.onboard.graphRequests });
}
growth.push({ permissions: LARGE, graphRequests: median(large.map((f) => f.graphRequests)) });

if (reportRecord === null) throw new Error('No measured run produced a record.');
const exportRows = reportRecord.verification?.rows.length ?? 0;
log(`Exporting a ${exportRows}-row report…`);
const exported = await measureExport(reportRecord, { warmup, runs });

const rendererDir = `${root}out/renderer`;
// What the technician waits through: the whole app against the engine alone, on the same practice tenant settings.
const uiPath: UiPathSize[] = [];
for (const size of UI_PATH_SIZES) {
  const engine: SpanFigures[] = [];
  const app: UiPathSize['app'][number][] = [];
  for (let i = 0; i < warmup + uiRuns; i += 1) {
    const alone = await measureOnboarding(largeProfile(size), { latencyMs, expectGranted: size });
    const whole = await measureUiPath(rendererDir, largeProfile(size), { latencyMs });
    log(
      `  whole app, ${size} permissions, ${i < warmup ? `warm-up ${i + 1}/${warmup}` : `run ${i - warmup + 1}/${uiRuns}`}: ` +
        `engine ${seconds(alone.grantToVerified.wallMs)}, whole app ${seconds(whole.grantToVerifiedMs)} ` +
        `(${whole.changedEvents} run changes, ${whole.progressEvents} progress events)`,
    );
    if (i < warmup) continue;
    engine.push(alone.grantToVerified);
    app.push(whole);
  }
  uiPath.push({ permissions: size, engine, app });
}

log('Loading the renderer in Chromium…');
const renderer = {
  initialJsGzipBytes: await initialJsGzipBytes(rendererDir),
  firstRenderMs: await measureFirstRender(rendererDir, { warmup, runs }),
};

const figures: BenchFigures = {
  latencyMs,
  warmup,
  runs,
  grantable: DEFAULT_GRANTABLE,
  asked: ASKED,
  onboard,
  baseline,
  perPermission,
  verify,
  large: { permissions: LARGE, samples: large },
  growth,
  exportRows,
  exported,
  renderer,
  practiceTenantStartMs: median(practiceStarts),
  uiPath,
};
for (const table of benchTables(figures)) {
  log('');
  log(formatTable(table.header, table.rows));
}
log('');
log(benchJson(figures));
const path = await writeFigures(root, 'bench', renderBenchReport(figures, endRunContext(context)));
log(`Figures written to ${path} and README.md.`);
