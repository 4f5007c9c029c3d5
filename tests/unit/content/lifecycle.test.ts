import { describe, expect, it, vi } from 'vitest';
import { startOnce } from '../../../src/content/lifecycle';

function copy(world: Record<string, unknown>, alive: { value: boolean }) {
  const handle = { stop: vi.fn() };
  let invalidate = () => undefined as void;
  startOnce(
    () => handle,
    (stop) => (invalidate = stop),
    () => alive.value,
    world,
  );
  return { handle, invalidate: () => invalidate() };
}

describe('startOnce', () => {
  it("ignores WXT's invalidation while the extension is alive (a page can forge the event that causes it)", () => {
    const alive = { value: true };
    const world = {};
    const a = copy(world, alive);
    a.invalidate();
    expect(a.handle.stop).not.toHaveBeenCalled();
  });

  it('stops on invalidation once the extension is gone from this copy (updated or reloaded)', () => {
    const alive = { value: true };
    const world: Record<string, unknown> = {};
    const a = copy(world, alive);
    alive.value = false;
    a.invalidate();
    expect(a.handle.stop).toHaveBeenCalledTimes(1);
  });

  it('a second live copy in the same world stops the first before it starts', () => {
    const alive = { value: true };
    const world = {};
    const a = copy(world, alive);
    const b = copy(world, alive);
    expect(a.handle.stop).toHaveBeenCalledTimes(1);
    expect(b.handle.stop).not.toHaveBeenCalled();
    // the first copy's late invalidation (its extension gone) does not unregister the second
    alive.value = false;
    a.invalidate();
    const c = copy(world, { value: true });
    expect(b.handle.stop).toHaveBeenCalledTimes(1);
    expect(c.handle.stop).not.toHaveBeenCalled();
  });
});
