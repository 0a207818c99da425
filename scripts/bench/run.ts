// `npm run bench`: the figures behind the README's Performance section. Every case runs against the practice tenant
// with a fixed latency added to each request (`--latency N`, 100 ms by default), `--warmup N` unmeasured runs (1)
// then `--runs N` measured ones (5); figures are medians. A readable table comes first; the last line is one JSON
// object with the figures. Timings are printed, never asserted: the onboarding's correctness is checked on every run.
import { fileURLToPath } from 'node:url';
import { DEFAULT_PROFILE } from '../../src/shared/profile/default-profile';
import { EXPORT_FORMATS, measureExport } from './export-case';
import { formatTable, integerOption, median, roundMs } from './figures';
import { largeProfile } from './large-profile';
import { measureNaiveOnboarding } from './naive-onboarding';
import { measureOnboarding, type SpanFigures } from './onboarding-case';
import { buildRenderer, initialJsGzipBytes, measureFirstRender } from './renderer-case';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const latencyMs = integerOption(args, 'latency', 100);
const warmup = integerOption(args, 'warmup', 1);
const runs = Math.max(1, integerOption(args, 'runs', 5));
const LARGE = 200;
const GROWTH_SIZES = [20, 50, 100, 150] as const;
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
const naive: SpanFigures[] = [];
const large: SpanFigures[] = [];
const practiceStarts: number[] = [];
let reportRecord = null as Awaited<ReturnType<typeof measureOnboarding>>['record'] | null;

for (let i = 0; i < warmup + runs; i += 1) {
  const measured = i >= warmup;
  const engine = await measureOnboarding(DEFAULT_PROFILE, { latencyMs, expectGranted: DEFAULT_GRANTABLE });
  const baseline = await measureNaiveOnboarding(DEFAULT_PROFILE, {
    latencyMs,
    expectGranted: DEFAULT_GRANTABLE,
  });
  const big = await measureOnboarding(largeProfile(LARGE), { latencyMs, expectGranted: LARGE });
  log(
    `  ${measured ? `run ${i - warmup + 1}/${runs}` : `warm-up ${i + 1}/${warmup}`}: ` +
      `onboard ${engine.onboard.graphRequests} requests ${seconds(engine.onboard.wallMs)}, ` +
      `naive ${baseline.graphRequests} requests ${seconds(baseline.wallMs)}, ` +
      `verify ${engine.verify.graphRequests} requests ${seconds(engine.verify.wallMs)}, ` +
      `${LARGE} permissions ${big.onboard.graphRequests} requests ${seconds(big.onboard.wallMs)}`,
  );
  if (!measured) continue;
  onboard.push(engine.onboard);
  verify.push(engine.verify);
  naive.push(baseline);
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
const rows = reportRecord.verification?.rows.length ?? 0;
log(`Exporting a ${rows}-row report…`);
const exported = await measureExport(reportRecord, { warmup, runs });

log('Loading the renderer in Chromium…');
const rendererDir = `${root}out/renderer`;
const renderer = {
  initialJsGzipBytes: await initialJsGzipBytes(rendererDir),
  firstRenderMs: await measureFirstRender(rendererDir, { warmup, runs }),
};

const spanOf = (samples: readonly SpanFigures[]): SpanFigures => ({
  graphRequests: median(samples.map((s) => s.graphRequests)),
  wallMs: median(samples.map((s) => s.wallMs)),
});
const range = (samples: readonly SpanFigures[]): string => {
  const counts = samples.map((s) => s.graphRequests);
  const [low, high] = [Math.min(...counts), Math.max(...counts)];
  return low === high ? String(low) : `${median(counts)} (${low}–${high})`;
};
const o = spanOf(onboard);
const n = spanOf(naive);
const v = spanOf(verify);
const l = spanOf(large);

log('');
log(
  formatTable(
    ['case', 'Graph requests', 'wall time'],
    [
      ['onboard: default profile, fresh tenant, signed-in → verified', range(onboard), seconds(o.wallMs)],
      ['naive baseline: one request per read and per permission', range(naive), seconds(n.wallMs)],
      [
        '  ratio naive / onboard',
        `${(n.graphRequests / o.graphRequests).toFixed(1)}×`,
        `${(n.wallMs / o.wallMs).toFixed(1)}×`,
      ],
      ['verify: verification alone, onboarded tenant', range(verify), seconds(v.wallMs)],
      [`large: ${LARGE} Graph application permissions, fresh tenant`, range(large), seconds(l.wallMs)],
    ],
  ),
);
log('');
log(
  formatTable(
    ['permissions (application)', 'ceil(n/20)', 'Graph requests', 'requests − ceil(n/20)'],
    growth.map((g) => [
      String(g.permissions),
      String(Math.ceil(g.permissions / 20)),
      String(g.graphRequests),
      String(g.graphRequests - Math.ceil(g.permissions / 20)),
    ]),
  ),
);
log('');
log(
  formatTable(
    [`export (${rows}-row report)`, 'median'],
    EXPORT_FORMATS.map((format) => [format, `${roundMs(exported[format])} ms`]),
  ),
);
log('');
log(
  formatTable(
    ['renderer and practice tenant', 'median'],
    [
      ['initial JavaScript, gzipped', `${(renderer.initialJsGzipBytes / 1024).toFixed(1)} KiB`],
      ['first render (navigation → heading on screen)', `${roundMs(renderer.firstRenderMs)} ms`],
      ['practice tenant start', `${roundMs(median(practiceStarts))} ms`],
    ],
  ),
);
log('');
log(
  JSON.stringify({
    onboard: {
      graphRequests: o.graphRequests,
      wallMs: roundMs(o.wallMs),
      naiveGraphRequests: n.graphRequests,
      naiveWallMs: roundMs(n.wallMs),
    },
    verify: { graphRequests: v.graphRequests, wallMs: roundMs(v.wallMs) },
    large: { permissions: LARGE, graphRequests: l.graphRequests, wallMs: roundMs(l.wallMs) },
    export: {
      pdfMs: roundMs(exported.pdf),
      htmlMs: roundMs(exported.html),
      csvMs: roundMs(exported.csv),
      jsonMs: roundMs(exported.json),
      mdMs: roundMs(exported.md),
    },
    renderer: {
      initialJsGzipBytes: renderer.initialJsGzipBytes,
      firstRenderMs: roundMs(renderer.firstRenderMs),
    },
    practiceTenantStartMs: roundMs(median(practiceStarts)),
  }),
);
