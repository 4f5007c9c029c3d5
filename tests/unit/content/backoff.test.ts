import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoff } from '../../../src/content/backoff';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const clock = () => Date.now();

describe('backoff', () => {
  it('runs at once when triggers are far apart', () => {
    const job = vi.fn();
    const b = backoff(job, 1000, 30_000, clock);
    for (let i = 0; i < 5; i++) {
      b.trigger();
      expect(job).toHaveBeenCalledTimes(i + 1);
      vi.advanceTimersByTime(3000);
    }
  });

  it('under a churn of triggers runs at 0, 1, 3, 7, 15 s… (the interval doubling up to the cap), merging what comes between', () => {
    const job = vi.fn();
    const times: number[] = [];
    const start = Date.now();
    const b = backoff(() => (times.push((Date.now() - start) / 1000), job()), 1000, 8000, clock);
    for (let t = 0; t < 40_000; t += 100) {
      b.trigger();
      vi.advanceTimersByTime(100);
    }
    expect(times).toEqual([0, 1, 3, 7, 15, 23, 31, 39]);
  });

  it('goes back to at once after a pause, and stop() cancels a run that is due', () => {
    const job = vi.fn();
    const b = backoff(job, 1000, 30_000, clock);
    b.trigger();
    b.trigger(); // early: due in 1 s
    vi.advanceTimersByTime(1000);
    expect(job).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000); // a pause
    b.trigger();
    expect(job).toHaveBeenCalledTimes(3);
    b.trigger();
    b.stop();
    vi.advanceTimersByTime(60_000);
    expect(job).toHaveBeenCalledTimes(3);
  });
});
