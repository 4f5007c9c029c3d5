// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blockRootOf, watchPage } from '../../../src/content/watcher';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watcher', () => {
  let stop: (() => void) | undefined;
  afterEach(() => {
    stop?.();
    document.body.innerHTML = '';
  });

  it('finds the block element that holds a change', () => {
    document.body.innerHTML = '<div id="card"><p id="p">a <b id="b">bold</b></p></div>';
    expect(blockRootOf(document.getElementById('b')!.firstChild!)).toBe(document.getElementById('p'));
    expect(blockRootOf(document.getElementById('card')!)).toBe(document.getElementById('card'));
  });

  it('only queues in the observer and flushes outermost roots after the debounce', async () => {
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange: vi.fn() }, { debounceMs: 30 }).stop;
    const list = document.createElement('div');
    document.body.append(list);
    const card = document.createElement('div');
    card.innerHTML = '<p>new item</p>';
    list.append(card);
    card.querySelector('p')!.append(' more');
    await wait(5);
    expect(onChanges).not.toHaveBeenCalled();
    await wait(80);
    expect(onChanges).toHaveBeenCalledTimes(1);
    const [roots] = onChanges.mock.calls[0]!;
    expect(roots).toEqual([list]);
  });

  it('ignores our own UI', async () => {
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange: vi.fn() }, { debounceMs: 10, ignore: (el) => el.localName.startsWith('shop-sentinel-') }).stop;
    document.documentElement.append(document.createElement('shop-sentinel-banner'));
    await wait(50);
    expect(onChanges).not.toHaveBeenCalled();
  });

  it('reports removals', async () => {
    document.body.innerHTML = '<p id="x">gone soon</p>';
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange: vi.fn() }, { debounceMs: 10 }).stop;
    document.getElementById('x')!.remove();
    await wait(50);
    expect(onChanges).toHaveBeenCalledWith([], true);
  });

  it('notices History API navigation', async () => {
    const onUrlChange = vi.fn();
    const onChanges = vi.fn();
    stop = watchPage(document, { onChanges, onUrlChange }, { debounceMs: 10 }).stop;
    history.pushState({}, '', '/deal?x=1');
    document.body.append(document.createElement('p'));
    await wait(60);
    expect(onUrlChange).toHaveBeenCalledWith(expect.stringContaining('/deal?x=1'));
    expect(onChanges).not.toHaveBeenCalled();
  });
});
