import { describe, expect, it } from 'vitest';
import { type BenchFigures, renderBenchReport, requestRange } from '../../../scripts/bench/bench-report';
import { exampleRunContext } from '../figures/run-context-fixture';

const context = exampleRunContext();

const spans = (graphRequests: number, ...wallMs: number[]) =>
  wallMs.map((ms) => ({ graphRequests, wallMs: ms }));

const figures: BenchFigures = {
  latencyMs: 100,
  warmup: 1,
  runs: 3,
  grantable: 39,
  asked: 40,
  onboard: spans(8, 1000, 1100, 1050),
  baseline: spans(31, 3100, 3200, 3150),
  perPermission: spans(48, 5000, 5200, 5100),
  verify: spans(2, 250, 260, 255),
  large: { permissions: 200, samples: spans(17, 2700, 2800, 2750) },
  growth: [
    { permissions: 20, graphRequests: 7 },
    { permissions: 200, graphRequests: 17 },
  ],
  exportRows: 40,
  exported: { pdf: 1041, html: 39, csv: 24, json: 23, md: 18 },
  renderer: { initialJsGzipBytes: 333_085, firstRenderMs: 704 },
  practiceTenantStartMs: 327,
  uiPath: [
    {
      permissions: 40,
      engine: spans(3, 500, 520, 510),
      app: [1100, 1000, 1200].map((ms) => ({ grantToVerifiedMs: ms, changedEvents: 9, progressEvents: 4 })),
    },
    {
      permissions: 300,
      engine: spans(17, 2000, 2100, 2050),
      app: [2300, 2400, 2460].map((ms) => ({ grantToVerifiedMs: ms, changedEvents: 30, progressEvents: 17 })),
    },
  ],
};

describe('the bench figures in Markdown', () => {
  const text = renderBenchReport(figures, context);

  it('compares the onboarding with the documented baseline first, the per-permission one labelled apart', () => {
    expect(text).toContain(
      '| baseline, as Microsoft documents it: one grant per resource with all its scopes, one POST per app role, in sequence | 31 | 3.15 s |',
    );
    expect(text).toContain('| ratio: baseline ÷ onboard | 3.9× | 3.0× |');
    expect(text).toMatch(/\| per-permission baseline: [^|]+ \| 48 \| 5\.10 s \|/);
    expect(text).toContain('| ratio: per-permission baseline ÷ onboard | 6.0× | 4.9× |');
  });

  it('prints the whole time of the bench, the load it read and its settings', () => {
    expect(text).toContain('`npm run bench`, which took 2 min 35 s');
    expect(text).toContain('1.50 2.25 3.00 at the start');
    expect(text).toContain(
      '100 ms added to every practice-tenant request, 1 warm-up run(s), then 3 measured run(s)',
    );
  });

  it('ends with the figures as one JSON line', () => {
    const json = text.split('```json\n')[1]?.split('\n```')[0] ?? '';
    expect(JSON.parse(json)).toMatchObject({
      onboard: { graphRequests: 8, wallMs: 1050 },
      baseline: { graphRequests: 31, wallMs: 3150 },
      perPermissionBaseline: { graphRequests: 48, wallMs: 5100 },
    });
  });
});

describe('the whole-app case', () => {
  const text = renderBenchReport(figures, context);

  it('sets the whole app beside the engine alone at every size, with the ratio and the time per permission', () => {
    expect(text).toContain('| 40 | 0.51 s | 1.10 s | 2.16× | 28 ms | 9 | 4 |');
    expect(text).toContain('| 300 | 2.05 s | 2.40 s | 1.17× | 8 ms | 30 | 17 |');
  });

  it('carries the medians into the JSON line', () => {
    const json = text.split('```json\n')[1]?.split('\n```')[0] ?? '';
    expect(JSON.parse(json).uiPath).toEqual([
      { permissions: 40, engineMs: 510, appMs: 1100, changedEvents: 9 },
      { permissions: 300, engineMs: 2050, appMs: 2400, changedEvents: 30 },
    ]);
  });
});

describe('request counts of the measured runs', () => {
  it('are one number when the runs agree, the median and range when they do not', () => {
    expect(requestRange(spans(8, 1, 2, 3))).toBe('8');
    expect(requestRange([...spans(8, 1, 2), ...spans(10, 3)])).toBe('8 (8–10)');
  });
});
