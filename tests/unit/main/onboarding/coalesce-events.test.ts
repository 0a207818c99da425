import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesceEvents } from '../../../../src/main/onboarding/coalesce-events';

describe('coalesceEvents', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const recorder = () => {
    const sent: string[] = [];
    const make = (value: string) => () => {
      sent.push(value);
    };
    return { sent, make };
  };

  it('sends nothing at once, and only the latest event of a key once its interval ends', () => {
    const events = coalesceEvents(200);
    const { sent, make } = recorder();
    for (let i = 1; i <= 600; i += 1) events.offer('run', make(`entry ${i}`));
    vi.advanceTimersByTime(199);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['entry 600']);
  });

  it('keeps sending at most one per interval while events keep coming, and stops when they stop', () => {
    const events = coalesceEvents(200);
    const { sent, make } = recorder();
    // 100 events 10 ms apart: one second of a step's work.
    for (let i = 1; i <= 100; i += 1) {
      events.offer('run', make(`entry ${i}`));
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual(['entry 20', 'entry 40', 'entry 60', 'entry 80', 'entry 100']);
  });

  it('makes a kept value only when it is sent', () => {
    const events = coalesceEvents(200);
    const made = vi.fn();
    events.offer('run', made);
    events.offer('run', made);
    events.offer('run', made);
    expect(made).not.toHaveBeenCalled();
    vi.advanceTimersByTime(200);
    expect(made).toHaveBeenCalledTimes(1);
  });

  it('keeps keys apart', () => {
    const events = coalesceEvents(200);
    const { sent, make } = recorder();
    events.offer('change:a', make('a1'));
    events.offer('change:b', make('b1'));
    events.offer('change:a', make('a2'));
    vi.advanceTimersByTime(200);
    expect(sent).toEqual(['a2', 'b1']);
  });

  it('drops what it kept for a key, so the last value the caller sends comes last, and the next starts afresh', () => {
    const events = coalesceEvents(200);
    const { sent, make } = recorder();
    events.offer('run', make('entry 1'));
    vi.advanceTimersByTime(150);
    events.offer('run', make('entry 2'));
    events.drop('run');
    sent.push('last');
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual(['last']);
    events.offer('run', make('next step'));
    vi.advanceTimersByTime(199);
    expect(sent).toEqual(['last']);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['last', 'next step']);
  });

  it('sends every event with an interval of 0', () => {
    const events = coalesceEvents(0);
    const { sent, make } = recorder();
    for (let i = 1; i <= 3; i += 1) events.offer('run', make(`entry ${i}`));
    expect(sent).toEqual(['entry 1', 'entry 2', 'entry 3']);
  });

  it('sends nothing more once closed', () => {
    const events = coalesceEvents(200);
    const { sent, make } = recorder();
    events.offer('a', make('a1'));
    events.offer('a', make('a2'));
    events.offer('b', make('b1'));
    events.offer('b', make('b2'));
    events.close();
    vi.advanceTimersByTime(1_000);
    expect(sent).toEqual([]);
  });
});
