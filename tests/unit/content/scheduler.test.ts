import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../../src/content/scheduler';

/** a fake clock: each step "costs" what the step says */
function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('scheduler', () => {
  it('runs work in slices bounded by the slice budget and yields between them', async () => {
    const clock = fakeClock();
    let yields = 0;
    const s = createScheduler({ sliceMs: 8, now: clock.now, yieldNow: async () => void yields++ });
    let units = 100;
    const done = await s.run((deadline) => {
      while (units > 0 && clock.now() < deadline) {
        units--;
        clock.advance(1);
      }
      return units === 0;
    });
    expect(done).toBe(true);
    expect(s.stats.longestSliceMs).toBeLessThanOrEqual(8);
    expect(s.stats.slices).toBe(Math.ceil(100 / 8));
    expect(yields).toBe(s.stats.slices - 1);
    expect(s.stats.busyMs).toBe(100);
  });

  it('gives up when told to, and stops when cancelled', async () => {
    const clock = fakeClock();
    const s = createScheduler({ now: clock.now, yieldNow: async () => undefined });
    let n = 0;
    expect(await s.run(() => (n++, false), () => n >= 3)).toBe(false);
    expect(n).toBe(3);
    const p = s.run(() => false);
    s.cancel();
    expect(await p).toBe(false);
  });

  it('records single tasks', async () => {
    const clock = fakeClock();
    const s = createScheduler({ now: clock.now, yieldNow: async () => undefined });
    expect(await s.task(() => (clock.advance(12), 'x'))).toBe('x');
    expect(s.stats.longestTaskMs).toBe(12);
    expect(s.stats.longestSliceMs).toBe(12);
  });

  it('yields through the event loop by default', async () => {
    const s = createScheduler();
    let slices = 0;
    expect(await s.run(() => ++slices >= 3)).toBe(true);
    expect(s.stats.slices).toBe(3);
  });
});
