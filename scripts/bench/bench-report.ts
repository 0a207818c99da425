import { markdownTable } from '../figures/figures-file';
import { type RunContext, renderRunContext } from '../figures/run-context';
import type { ExportFigures } from './export-case';
import { median, roundMs } from './figures';
import type { SpanFigures } from './onboarding-case';
import type { UiPathFigures } from './ui-path-case';

/** One size of the whole-app case: the engine alone and the whole app, each measured from the grant to verified. */
export interface UiPathSize {
  readonly permissions: number;
  readonly engine: readonly SpanFigures[];
  readonly app: readonly UiPathFigures[];
}

/** Everything one `npm run bench` measured: every measured run's spans, and the other cases' medians. */
export interface BenchFigures {
  readonly latencyMs: number;
  readonly warmup: number;
  readonly runs: number;
  /** Permissions of the default profile that can be granted (of those it asks). */
  readonly grantable: number;
  readonly asked: number;
  readonly onboard: readonly SpanFigures[];
  /** The baseline as Microsoft documents it: one grant per resource, one POST per app role, in sequence. */
  readonly baseline: readonly SpanFigures[];
  /** The same baseline with a request per delegated scope. */
  readonly perPermission: readonly SpanFigures[];
  readonly verify: readonly SpanFigures[];
  readonly large: { readonly permissions: number; readonly samples: readonly SpanFigures[] };
  readonly growth: readonly { readonly permissions: number; readonly graphRequests: number }[];
  readonly exportRows: number;
  readonly exported: ExportFigures;
  readonly renderer: { readonly initialJsGzipBytes: number; readonly firstRenderMs: number };
  readonly practiceTenantStartMs: number;
  /** What the technician waits through on the Grant step, by size, against the engine alone. */
  readonly uiPath: readonly UiPathSize[];
}

/** A table as both outputs print it. */
export interface BenchTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const spanOf = (samples: readonly SpanFigures[]): SpanFigures => ({
  graphRequests: median(samples.map((s) => s.graphRequests)),
  wallMs: median(samples.map((s) => s.wallMs)),
});

/** Request counts of the measured runs: one number when they agree, else the median and the range. */
export const requestRange = (samples: readonly SpanFigures[]): string => {
  const counts = samples.map((s) => s.graphRequests);
  const [low, high] = [Math.min(...counts), Math.max(...counts)];
  return low === high ? String(low) : `${median(counts)} (${low}–${high})`;
};

const uiPathRow = (size: UiPathSize): readonly string[] => {
  const engineMs = median(size.engine.map((s) => s.wallMs));
  const appMs = median(size.app.map((s) => s.grantToVerifiedMs));
  return [
    String(size.permissions),
    seconds(engineMs),
    seconds(appMs),
    `${(appMs / engineMs).toFixed(2)}×`,
    `${roundMs(appMs / size.permissions)} ms`,
    String(median(size.app.map((s) => s.changedEvents))),
    String(median(size.app.map((s) => s.progressEvents))),
  ];
};

const ratio = (of: SpanFigures, to: SpanFigures): readonly string[] => [
  `${(of.graphRequests / to.graphRequests).toFixed(1)}×`,
  `${(of.wallMs / to.wallMs).toFixed(1)}×`,
];

/** The bench's tables, in the order they are printed. */
export const benchTables = (figures: BenchFigures): readonly BenchTable[] => {
  const o = spanOf(figures.onboard);
  const b = spanOf(figures.baseline);
  const p = spanOf(figures.perPermission);
  const v = spanOf(figures.verify);
  const l = spanOf(figures.large.samples);
  return [
    {
      header: ['case', 'Graph requests', 'wall time'],
      rows: [
        [
          `onboard: default profile (${figures.grantable} of its ${figures.asked} permissions grantable), fresh tenant, signed-in → verified, direct grant`,
          requestRange(figures.onboard),
          seconds(o.wallMs),
        ],
        [
          'baseline, as Microsoft documents it: one grant per resource with all its scopes, one POST per app role, in sequence',
          requestRange(figures.baseline),
          seconds(b.wallMs),
        ],
        ['ratio: baseline ÷ onboard', ...ratio(b, o)],
        [
          'per-permission baseline: the same with one request per delegated scope (POST, then a PATCH each)',
          requestRange(figures.perPermission),
          seconds(p.wallMs),
        ],
        ['ratio: per-permission baseline ÷ onboard', ...ratio(p, o)],
        ['verify: verification alone, onboarded tenant', requestRange(figures.verify), seconds(v.wallMs)],
        [
          `large: ${figures.large.permissions} Microsoft Graph application permissions, fresh tenant`,
          requestRange(figures.large.samples),
          seconds(l.wallMs),
        ],
      ],
    },
    {
      header: ['application permissions', 'ceil(n/20)', 'Graph requests', 'requests − ceil(n/20)'],
      rows: figures.growth.map((g) => [
        String(g.permissions),
        String(Math.ceil(g.permissions / 20)),
        String(g.graphRequests),
        String(g.graphRequests - Math.ceil(g.permissions / 20)),
      ]),
    },
    {
      header: [
        'application permissions',
        'engine alone: grant → verified',
        'whole app: “Grant consent” → Verify shows every permission granted',
        'whole app ÷ engine',
        'whole app per permission',
        'run changes sent',
        'progress events sent',
      ],
      rows: figures.uiPath.map(uiPathRow),
    },
    {
      header: [`export (${figures.exportRows}-row report)`, 'median'],
      rows: (Object.keys(figures.exported) as (keyof ExportFigures)[]).map((format) => [
        format,
        `${roundMs(figures.exported[format])} ms`,
      ]),
    },
    {
      header: ['renderer and practice tenant', 'median'],
      rows: [
        ['initial JavaScript, gzipped', `${(figures.renderer.initialJsGzipBytes / 1024).toFixed(1)} KiB`],
        ['first render (navigation → heading on screen)', `${roundMs(figures.renderer.firstRenderMs)} ms`],
        ['practice tenant start', `${roundMs(figures.practiceTenantStartMs)} ms`],
      ],
    },
  ];
};

/** The bench's figures as one JSON object, for tools. */
export const benchJson = (figures: BenchFigures): string => {
  const o = spanOf(figures.onboard);
  const b = spanOf(figures.baseline);
  const p = spanOf(figures.perPermission);
  const v = spanOf(figures.verify);
  const l = spanOf(figures.large.samples);
  const e = figures.exported;
  return JSON.stringify({
    latencyMs: figures.latencyMs,
    runs: figures.runs,
    onboard: { graphRequests: o.graphRequests, wallMs: roundMs(o.wallMs) },
    baseline: { graphRequests: b.graphRequests, wallMs: roundMs(b.wallMs) },
    perPermissionBaseline: { graphRequests: p.graphRequests, wallMs: roundMs(p.wallMs) },
    verify: { graphRequests: v.graphRequests, wallMs: roundMs(v.wallMs) },
    large: {
      permissions: figures.large.permissions,
      graphRequests: l.graphRequests,
      wallMs: roundMs(l.wallMs),
    },
    growth: figures.growth,
    export: {
      pdfMs: roundMs(e.pdf),
      htmlMs: roundMs(e.html),
      csvMs: roundMs(e.csv),
      jsonMs: roundMs(e.json),
      mdMs: roundMs(e.md),
    },
    renderer: {
      initialJsGzipBytes: figures.renderer.initialJsGzipBytes,
      firstRenderMs: roundMs(figures.renderer.firstRenderMs),
    },
    practiceTenantStartMs: roundMs(figures.practiceTenantStartMs),
    uiPath: figures.uiPath.map((size) => ({
      permissions: size.permissions,
      engineMs: roundMs(median(size.engine.map((s) => s.wallMs))),
      appMs: roundMs(median(size.app.map((s) => s.grantToVerifiedMs))),
      changedEvents: median(size.app.map((s) => s.changedEvents)),
    })),
  });
};

/** The bench's figures as Markdown: where they were measured, how, every table, and the JSON line. */
export const renderBenchReport = (figures: BenchFigures, context: RunContext): string =>
  [
    'Written by `npm run bench`; not edited by hand. To change a figure, run the command again.',
    '',
    renderRunContext(context),
    `- Settings: ${figures.latencyMs} ms added to every practice-tenant request, ${figures.warmup} warm-up run(s), ` +
      `then ${figures.runs} measured run(s); times are medians.`,
    '',
    ...benchTables(figures).flatMap((table) => [markdownTable(table.header, table.rows), '']),
    '```json',
    benchJson(figures),
    '```',
    '',
  ].join('\n');
