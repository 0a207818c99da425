import { describe, expect, it } from 'vitest';
import { spanFrom } from '../../../scripts/bench/onboarding-case';

describe('a benchmark span', () => {
  it('runs from its recorded start to its end', () => {
    expect(spanFrom(1_250, 3_750, 8, 'onboarding')).toEqual({ graphRequests: 8, wallMs: 2_500 });
  });

  it('fails when its start was never recorded, instead of measuring from the start of the process', () => {
    expect(() => spanFrom(null, 3_750, 8, 'onboarding (the signed-in entry)')).toThrow(
      'No start was recorded for onboarding (the signed-in entry): the span cannot be measured.',
    );
  });
});
