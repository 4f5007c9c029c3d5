import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ALIVE_CHECK_MS, startOnce } from '../../../src/content/lifecycle';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function copy(world: Record<string, unknown>, alive: { value: boolean }) {
  const handle = { stop: vi.fn() };
  startOnce(() => handle, () => alive.value, world);
  return handle;
}

describe('startOnce', () => {
  it('keeps running while the extension is alive, and stops once it is gone (updated or reloaded)', () => {
    const alive = { value: true };
    const a = copy({}, alive);
    vi.advanceTimersByTime(10 * ALIVE_CHECK_MS);
    expect(a.stop).not.toHaveBeenCalled();
    alive.value = false;
    vi.advanceTimersByTime(ALIVE_CHECK_MS);
    expect(a.stop).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10 * ALIVE_CHECK_MS);
    expect(a.stop).toHaveBeenCalledTimes(1); // its check ended with it
  });

  it('a second copy in the same world stops the first before it starts', () => {
    const alive = { value: true };
    const world = {};
    const a = copy(world, alive);
    const b = copy(world, alive);
    expect(a.stop).toHaveBeenCalledTimes(1);
    expect(b.stop).not.toHaveBeenCalled();
    const c = copy(world, alive);
    expect(b.stop).toHaveBeenCalledTimes(1);
    expect(c.stop).not.toHaveBeenCalled();
    // the stopped copies' checks are gone: only c's is left
    expect(vi.getTimerCount()).toBe(1);
  });
});
